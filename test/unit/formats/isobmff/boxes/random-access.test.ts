import { describe, expect, it } from 'vitest';
import type { MfroData, TfraData } from '../../../../../media/formats/isobmff/box-data.js';
import { codes, field, parseOne } from './movie-box-kit.js';
import { box, fullBox, u32, u64 } from '../../../../helpers/bytes.js';

describe('tfra', () => {
  it('reads version 0 with 1-, 2- and 3-byte numbers', async () => {
    const node = await parseOne([
      0x00, 0x00, 0x00, 0x26, // size = 38
      0x74, 0x66, 0x72, 0x61, // type = 'tfra'
      0x00, // version = 0
      0x00, 0x00, 0x00, // flags = 0
      0x00, 0x00, 0x00, 0x02, // track_ID = 2
      0x00, 0x00, 0x00, 0x06, // reserved = 0 (26 bits), length_size_of_traf_num = 0, trun_num = 1, sample_num = 2
      0x00, 0x00, 0x00, 0x01, // number_of_entry = 1
      0x00, 0x98, 0x96, 0x80, // time = 10000000
      0x00, 0x00, 0x04, 0xfc, // moof_offset = 1276
      0x01, // traf_number = 1 (1 byte)
      0x00, 0x01, // trun_number = 1 (2 bytes)
      0x00, 0x00, 0x03, // sample_number = 3 (3 bytes)
    ]);
    expect(node.diagnostics).toEqual([]);
    const data = node.data as TfraData;
    expect(data.trackId).toBe(2);
    expect([...data.times]).toEqual([10000000]);
    expect([...data.moofOffsets]).toEqual([1276]);
    expect([...data.trafNumbers]).toEqual([1]);
    expect([...data.trunNumbers]).toEqual([1]);
    expect([...data.sampleNumbers]).toEqual([3]);
    expect(field(node.fields, 'length_size_of_sample_num')).toMatchObject({ value: 2, display: '3-byte numbers', bitOffset: 16 * 8 + 30, bitLength: 2 });
    const entry = field(node.fields, 'entries')!.fields![0]!;
    expect(field(entry.fields, 'sample_number')).toMatchObject({ bitOffset: 35 * 8, bitLength: 24 });
  });

  it('reads version 1 with 64-bit time and moof_offset and 4-byte numbers', async () => {
    const node = await parseOne(fullBox('tfra', 1, 0, [
      ...u32(1), // track_ID = 1
      ...u32(0x3f), // length sizes = 3, 3, 3 (4-byte numbers)
      ...u32(2), // number_of_entry = 2
      ...u64(0n), ...u64(1276n), ...u32(1), ...u32(1), ...u32(1), // entries[0]
      ...u64(0x200000000n), ...u64(0x100000000n), ...u32(1), ...u32(2), ...u32(70000), // entries[1]
    ]));
    expect(node.diagnostics).toEqual([]);
    const data = node.data as TfraData;
    expect([...data.times]).toEqual([0, 2 ** 33]);
    expect([...data.moofOffsets]).toEqual([1276, 2 ** 32]);
    expect([...data.trunNumbers]).toEqual([1, 2]);
    expect([...data.sampleNumbers]).toEqual([1, 70000]);
  });

  it('reports number_of_entry 0xFFFFFFFF in a small box, sized by version and length sizes', async () => {
    const entry = [...u64(5n), ...u64(6n), 0x01, 0x01, 0x01]; // one version 1 entry with 1-byte numbers: 19 bytes
    const node = await parseOne(fullBox('tfra', 1, 0, [...u32(1), ...u32(0), ...u32(0xffffffff), ...entry, ...entry, 0x00]));
    const d = node.diagnostics.find((x) => x.code === 'table-count-exceeds-box')!;
    expect(d.message).toContain('19-byte entries');
    expect(d).toMatchObject({ start: 20, end: 24 });
    expect((node.data as TfraData).times).toHaveLength(2);
    expect(codes(node)).toContain('unparsed-bytes');
  });
});

describe('mfro', () => {
  it('reads the size of its mfra', async () => {
    const mfro = [
      0x00, 0x00, 0x00, 0x10, // size = 16
      0x6d, 0x66, 0x72, 0x6f, // type = 'mfro'
      0x00, // version = 0
      0x00, 0x00, 0x00, // flags = 0
      0x00, 0x00, 0x00, 0x18, // size = 24 (the mfra: 8-byte header + this 16-byte mfro)
    ];
    const node = await parseOne(box('mfra', mfro));
    const child = node.children[0]!;
    expect(child.diagnostics).toEqual([]);
    expect(child.data).toEqual({ size: 24 } satisfies MfroData);
    expect(child.fields.filter((f) => f.name === 'size')[1]?.display).toBe('mfra is 24 bytes, from byte 0 if this mfro ends it');
  });

  it('reports a size larger than everything before it', async () => {
    const node = await parseOne(fullBox('mfro', 0, 0, u32(1000)));
    expect(codes(node)).toEqual(['mfro-size-too-large']);
  });
});
