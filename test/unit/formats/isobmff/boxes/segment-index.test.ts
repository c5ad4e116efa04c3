import { describe, expect, it } from 'vitest';
import type { SidxData } from '../../../../../media/formats/isobmff/box-data.js';
import { codes, field, parseOne } from './movie-box-kit.js';
import { fullBox, u16, u32, u64 } from '../../../../helpers/bytes.js';

describe('sidx', () => {
  it('reads version 0 with two references', async () => {
    const node = await parseOne([
      0x00, 0x00, 0x00, 0x38, // size = 56
      0x73, 0x69, 0x64, 0x78, // type = 'sidx'
      0x00, // version = 0
      0x00, 0x00, 0x00, // flags = 0
      0x00, 0x00, 0x00, 0x01, // reference_ID = 1
      0x00, 0x00, 0x32, 0x00, // timescale = 12800
      0x00, 0x00, 0x04, 0x00, // earliest_presentation_time = 1024
      0x00, 0x00, 0x00, 0x00, // first_offset = 0
      0x00, 0x00, // reserved = 0
      0x00, 0x02, // reference_count = 2
      // references[0]
      0x00, 0x00, 0xac, 0xd9, // reference_type = 0 (media), referenced_size = 44249
      0x00, 0x00, 0x80, 0x00, // subsegment_duration = 32768
      0x90, 0x00, 0x00, 0x00, // starts_with_SAP = 1, SAP_type = 1, SAP_delta_time = 0
      // references[1]
      0x80, 0x00, 0x01, 0x00, // reference_type = 1 (index), referenced_size = 256
      0x00, 0x00, 0x40, 0x00, // subsegment_duration = 16384
      0x30, 0x00, 0x00, 0x10, // starts_with_SAP = 0, SAP_type = 3, SAP_delta_time = 16
    ]);
    expect(node.diagnostics).toEqual([]);
    expect(node.data).toEqual({
      referenceId: 1,
      timescale: 12800,
      earliestPresentationTime: 1024,
      firstOffset: 0,
      references: [
        { referenceType: 0, referencedSize: 44249, subsegmentDuration: 32768, startsWithSap: true, sapType: 1, sapDeltaTime: 0 },
        { referenceType: 1, referencedSize: 256, subsegmentDuration: 16384, startsWithSap: false, sapType: 3, sapDeltaTime: 16 },
      ],
    } satisfies SidxData);
    const ref0 = field(node.fields, 'references')!.fields![0]!;
    expect(field(ref0.fields, 'referenced_size')).toMatchObject({ bitOffset: 32 * 8 + 1, bitLength: 31 });
    expect(field(ref0.fields, 'subsegment_duration')?.display).toBe('32768 ticks (2.56 s)');
    expect(field(ref0.fields, 'SAP_type')?.bitLength).toBe(3);
  });

  it('reads version 1 64-bit times and offsets', async () => {
    const node = await parseOne(fullBox('sidx', 1, 0, [
      ...u32(2), // reference_ID = 2
      ...u32(44100), // timescale = 44100
      ...u64(0x100000000n), // earliest_presentation_time = 2^32
      ...u64(16n), // first_offset = 16
      ...u16(0), // reserved
      ...u16(1), // reference_count = 1
      ...u32(1000), ...u32(1024), ...u32(0x90000000), // references[0]: media 1000 bytes, 1024 ticks, SAP type 1
    ]));
    expect(node.diagnostics).toEqual([]);
    expect(node.data).toMatchObject({ referenceId: 2, timescale: 44100, earliestPresentationTime: 2 ** 32, firstOffset: 16 });
    expect((node.data as SidxData).references).toHaveLength(1);
  });

  it('reports a reference_count larger than the box and a timescale of 0', async () => {
    const node = await parseOne(fullBox('sidx', 0, 0, [
      ...u32(1), // reference_ID = 1
      ...u32(0), // timescale = 0
      ...u32(0), ...u32(0), // earliest_presentation_time, first_offset
      ...u16(0), // reserved
      ...u16(0xffff), // reference_count = 65535
      ...u32(100), ...u32(10), ...u32(0), // references[0]
    ]));
    expect(codes(node)).toEqual(['timescale-zero', 'table-count-exceeds-box']);
    expect((node.data as SidxData).references).toHaveLength(1);
  });
});

describe('ssix', () => {
  it('reads subsegments and their level ranges', async () => {
    const node = await parseOne([
      0x00, 0x00, 0x00, 0x24, // size = 36
      0x73, 0x73, 0x69, 0x78, // type = 'ssix'
      0x00, // version = 0
      0x00, 0x00, 0x00, // flags = 0
      0x00, 0x00, 0x00, 0x02, // subsegment_count = 2
      0x00, 0x00, 0x00, 0x02, // subsegments[0].range_count = 2
      0x01, 0x00, 0x10, 0x00, // level = 1, range_size = 4096
      0x02, 0x00, 0x02, 0x00, // level = 2, range_size = 512
      0x00, 0x00, 0x00, 0x01, // subsegments[1].range_count = 1
      0x01, 0x00, 0x08, 0x00, // level = 1, range_size = 2048
    ]);
    expect(node.diagnostics).toEqual([]);
    const subs = field(node.fields, 'subsegments')!.fields!;
    expect(subs).toHaveLength(2);
    const ranges = field(subs[0]!.fields, 'ranges')!.fields!;
    expect(ranges.map((r) => field(r.fields, 'range_size')?.value)).toEqual([4096, 512]);
  });

  it('reports counts of 0xFFFFFFFF without reading past the box', async () => {
    const node = await parseOne(fullBox('ssix', 0, 0, [...u32(0xffffffff), ...u32(0xffffffff), ...u32(0x01000001)]));
    expect(codes(node).filter((c) => c === 'table-count-exceeds-box')).toHaveLength(2);
  });
});
