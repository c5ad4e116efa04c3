import { describe, expect, it } from 'vitest';
import type { TrunData } from '../../../../../media/formats/isobmff/box-data.js';
import { parseIsoBmff } from '../../../../../media/formats/isobmff/parse-isobmff.js';
import { BULK } from '../../../../../media/model/types.js';
import { MemorySource } from '../../../../../media/source/memory-source.js';
import { codes, field, parseOne } from './movie-box-kit.js';
import { box, fullBox, u32 } from '../../../../helpers/bytes.js';

describe('trun', () => {
  it('reads version 0 with every flag, composition offsets unsigned', async () => {
    const node = await parseOne([
      0x00, 0x00, 0x00, 0x38, // size = 56
      0x74, 0x72, 0x75, 0x6e, // type = 'trun'
      0x00, // version = 0
      0x00, 0x0f, 0x05, // flags = 0x000f05: data offset, first sample flags, duration, size, flags, composition offset
      0x00, 0x00, 0x00, 0x02, // sample_count = 2
      0xff, 0xff, 0xff, 0xf8, // data_offset = -8 (signed)
      0x02, 0x00, 0x00, 0x00, // first_sample_flags = 0x02000000: independent, sync
      // samples[0]
      0x00, 0x00, 0x02, 0x00, // sample_duration = 512
      0x00, 0x00, 0x14, 0x01, // sample_size = 5121
      0x02, 0x00, 0x00, 0x00, // sample_flags = 0x02000000: sync
      0x00, 0x00, 0x04, 0x00, // sample_composition_time_offset = 1024
      // samples[1]
      0x00, 0x00, 0x02, 0x00, // sample_duration = 512
      0x00, 0x00, 0x09, 0xa4, // sample_size = 2468
      0x01, 0x41, 0x00, 0x00, // sample_flags = 0x01410000: depends on others, may be depended on, non-sync
      0xff, 0xff, 0xff, 0x00, // sample_composition_time_offset = 4294967040 (unsigned in version 0)
    ]);
    expect(node.diagnostics).toEqual([]);
    const data = node.data as TrunData;
    expect(data.flags).toBe(0xf05);
    expect(data.sampleCount).toBe(2);
    expect(data.dataOffset).toBe(-8);
    expect(data.firstSampleFlags).toBe(0x02000000);
    expect([...data.durations!]).toEqual([512, 512]);
    expect([...data.sizes!]).toEqual([5121, 2468]);
    expect([...data.sampleFlags!]).toEqual([0x02000000, 0x01410000]);
    // Kept as Int32Array (TrunData): the wrapped value becomes the negative offset players use.
    expect([...data.compositionOffsets!]).toEqual([1024, -256]);
    expect(field(node.fields, 'flags')?.display).toBe(
      'data-offset-present, first-sample-flags-present, sample-duration-present, sample-size-present, sample-flags-present, sample-composition-time-offsets-present',
    );
    const samples = field(node.fields, 'samples')!;
    expect(samples.value).toBe(2);
    const row1 = samples.fields![1]!;
    expect(row1.name).toBe('samples[1]');
    const cto = field(row1.fields, 'sample_composition_time_offset')!;
    expect(cto.value).toBe(4294967040);
    expect(cto.display).toContain('-256');
    expect(cto.bitOffset).toBe(52 * 8);
    const flags1 = field(row1.fields, 'sample_flags')!;
    expect(field(flags1.fields, 'sample_depends_on')?.value).toBe(1);
    expect(field(flags1.fields, 'sample_is_depended_on')?.value).toBe(1);
    expect(field(flags1.fields, 'sample_is_non_sync_sample')?.value).toBe(1);
    expect(flags1.display).toBe('0x01410000: non-sync, depends on others');
  });

  it('reads version 1 with negative (signed) composition offsets', async () => {
    const node = await parseOne([
      0x00, 0x00, 0x00, 0x2c, // size = 44
      0x74, 0x72, 0x75, 0x6e, // type = 'trun'
      0x01, // version = 1
      0x00, 0x0a, 0x01, // flags = 0x000a01: data offset, size, composition offset
      0x00, 0x00, 0x00, 0x03, // sample_count = 3
      0x00, 0x00, 0x01, 0xac, // data_offset = 428
      // samples[0]
      0x00, 0x00, 0x14, 0x01, // sample_size = 5121
      0x00, 0x00, 0x00, 0x00, // sample_composition_time_offset = 0
      // samples[1]
      0x00, 0x00, 0x09, 0xa4, // sample_size = 2468
      0xff, 0xfe, 0x79, 0x60, // sample_composition_time_offset = -100000
      // samples[2]
      0x00, 0x00, 0x05, 0x6a, // sample_size = 1386
      0x80, 0x00, 0x00, 0x00, // sample_composition_time_offset = -2^31
    ]);
    expect(node.diagnostics).toEqual([]);
    const data = node.data as TrunData;
    expect(data.dataOffset).toBe(428);
    expect(data.durations).toBeUndefined();
    expect(data.sampleFlags).toBeUndefined();
    expect([...data.sizes!]).toEqual([5121, 2468, 1386]);
    expect([...data.compositionOffsets!]).toEqual([0, -100000, -(2 ** 31)]);
    const row1 = field(node.fields, 'samples')!.fields![1]!;
    expect(field(row1.fields, 'sample_composition_time_offset')?.value).toBe(-100000);
  });

  it('reads every flag combination in both versions', async () => {
    const columns = [0x100, 0x200, 0x400, 0x800];
    for (const version of [0, 1]) {
      for (let mask = 0; mask < 64; mask++) {
        const flags = (mask & 1 ? 0x1 : 0) | (mask & 2 ? 0x4 : 0) | columns.filter((_, i) => mask & (4 << i)).reduce((a, b) => a | b, 0);
        const rows = [0, 1, 2].flatMap((i) => [
          ...(flags & 0x100 ? u32(1000 + i) : []), // sample_duration
          ...(flags & 0x200 ? u32(2000 + i) : []), // sample_size
          ...(flags & 0x400 ? u32(0x01010000 + i) : []), // sample_flags
          ...(flags & 0x800 ? u32(i === 2 ? -5 : i) : []), // sample_composition_time_offset
        ]);
        const body = [...u32(3), ...(flags & 0x1 ? u32(-16) : []), ...(flags & 0x4 ? u32(0x02000000) : []), ...rows];
        const node = await parseOne(fullBox('trun', version, flags, body));
        const label = `v${version} flags 0x${flags.toString(16)}`;
        expect(node.diagnostics, label).toEqual([]);
        const data = node.data as TrunData;
        expect(data.sampleCount, label).toBe(3);
        expect(data.dataOffset, label).toBe(flags & 0x1 ? -16 : undefined);
        expect(data.firstSampleFlags, label).toBe(flags & 0x4 ? 0x02000000 : undefined);
        expect(data.durations && [...data.durations], label).toEqual(flags & 0x100 ? [1000, 1001, 1002] : undefined);
        expect(data.sizes && [...data.sizes], label).toEqual(flags & 0x200 ? [2000, 2001, 2002] : undefined);
        expect(data.sampleFlags && [...data.sampleFlags], label).toEqual(flags & 0x400 ? [0x01010000, 0x01010001, 0x01010002] : undefined);
        expect(data.compositionOffsets && [...data.compositionOffsets], label).toEqual(flags & 0x800 ? [0, 1, -5] : undefined);
      }
    }
  });

  it('reports sample_count 0xFFFFFFFF in a 64-byte box and keeps the rows that fit, without a big allocation', async () => {
    const rows = [1, 2, 3, 4, 5].flatMap((i) => [...u32(512), ...u32(100 * i)]); // 5 rows of (sample_duration, sample_size)
    const bytes = [
      ...u32(64), // size = 64
      ...[0x74, 0x72, 0x75, 0x6e], // type = 'trun'
      0x00, // version = 0
      0x00, 0x03, 0x01, // flags = 0x000301: data offset, duration, size
      0xff, 0xff, 0xff, 0xff, // sample_count = 4294967295
      0x00, 0x00, 0x00, 0x48, // data_offset = 72
      ...rows, // 40 bytes
      0x00, 0x00, 0x00, 0x00, // 4 bytes: less than a row
    ];
    expect(bytes.length).toBe(64);
    const node = await parseOne(bytes);
    const diag = node.diagnostics.find((d) => d.code === 'table-count-exceeds-box')!;
    expect(diag).toMatchObject({ severity: 'error', start: 12, end: 16 });
    const data = node.data as TrunData;
    expect(data.sampleCount).toBe(5);
    expect(data.sizes!.length).toBe(5);
    expect([...data.sizes!]).toEqual([100, 200, 300, 400, 500]);
    expect(codes(node)).toContain('unparsed-bytes');
    expect(field(node.fields, 'sample_count')?.value).toBe(0xffffffff);
  });

  it('does not loop over sample_count when no per-sample column is present', async () => {
    const node = await parseOne(fullBox('trun', 0, 0x000001, [...u32(0xffffffff), ...u32(0)])); // sample_count = 2^32-1, data_offset = 0
    expect(node.diagnostics).toEqual([]);
    expect(node.data).toEqual({ flags: 1, sampleCount: 0xffffffff, countAt: 12, dataOffset: 0 } satisfies TrunData);
    expect(field(node.fields, 'samples')).toBeUndefined();
  });

  it('gives the same data in bulk mode (no recording)', async () => {
    const bytes = fullBox('trun', 1, 0xf05, [
      ...u32(2), ...u32(8), ...u32(0x02000000), // sample_count, data_offset, first_sample_flags
      ...u32(10), ...u32(20), ...u32(0x01010000), ...u32(-3), // samples[0]
      ...u32(11), ...u32(21), ...u32(0x02000000), ...u32(7), // samples[1]
    ]);
    const annotated = await parseOne(bytes);
    const bulk = (await parseIsoBmff(new MemorySource(Uint8Array.from(bytes)), BULK)).tree[0]!;
    expect(bulk.fields).toEqual([]);
    expect(bulk.data).toEqual(annotated.data);
    expect([...(bulk.data as TrunData).compositionOffsets!]).toEqual([-3, 7]);
  });

  it('sits in a traf like any box', async () => {
    const traf = box('traf', fullBox('trun', 0, 0x200, [...u32(1), ...u32(77)])); // sample_count = 1, sample_size = 77
    const node = await parseOne(traf);
    expect(node.children[0]?.name).toBe('trun');
    expect([...(node.children[0]!.data as TrunData).sizes!]).toEqual([77]);
  });
});
