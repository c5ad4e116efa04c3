import { describe, expect, it } from 'vitest';
import type { MfhdData, TfdtData, TfhdData } from '../../../../../media/formats/isobmff/box-data.js';
import { codes, field, fieldNames, parseBytes, parseOne } from './movie-box-kit.js';
import { fullBox, u32, u64 } from '../../../../helpers/bytes.js';

describe('mfhd', () => {
  it('reads sequence_number', async () => {
    const node = await parseOne([
      0x00, 0x00, 0x00, 0x10, // size = 16
      0x6d, 0x66, 0x68, 0x64, // type = 'mfhd'
      0x00, // version = 0
      0x00, 0x00, 0x00, // flags = 0
      0x00, 0x00, 0x00, 0x07, // sequence_number = 7
    ]);
    expect(node.title).toBe('Movie Fragment Header Box');
    expect(node.data).toEqual({ sequenceNumber: 7 } satisfies MfhdData);
    expect(field(node.fields, 'sequence_number')?.bitOffset).toBe(12 * 8);
  });
});

describe('tfhd', () => {
  it('reads every optional field when all flags are set', async () => {
    const node = await parseOne([
      0x00, 0x00, 0x00, 0x28, // size = 40
      0x74, 0x66, 0x68, 0x64, // type = 'tfhd'
      0x00, // version = 0
      0x03, 0x00, 0x3b, // flags = 0x03003b: every flag
      0x00, 0x00, 0x00, 0x02, // track_ID = 2
      0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, // base_data_offset = 2^32 (0x1)
      0x00, 0x00, 0x00, 0x01, // sample_description_index = 1 (0x2)
      0x00, 0x00, 0x04, 0x00, // default_sample_duration = 1024 (0x8)
      0x00, 0x00, 0x01, 0x18, // default_sample_size = 280 (0x10)
      0x01, 0x01, 0x00, 0x00, // default_sample_flags = 0x01010000: depends on others, non-sync (0x20)
    ]);
    expect(node.diagnostics.map((d) => d.code)).toEqual(['base-is-moof-ignored']);
    expect(node.data).toEqual({
      trackId: 2,
      flags: 0x03003b,
      baseDataOffset: 2 ** 32,
      sampleDescriptionIndex: 1,
      defaultSampleDuration: 1024,
      defaultSampleSize: 280,
      defaultSampleFlags: 0x01010000,
      defaultBaseIsMoof: true,
      durationIsEmpty: true,
    } satisfies TfhdData);
    expect(fieldNames(node)).toEqual([
      'size', 'type', 'version', 'flags', 'track_ID', 'base_data_offset', 'sample_description_index',
      'default_sample_duration', 'default_sample_size', 'default_sample_flags',
    ]);
    expect(field(node.fields, 'flags')?.display).toBe(
      'base-data-offset-present, sample-description-index-present, default-sample-duration-present, default-sample-size-present, default-sample-flags-present, duration-is-empty, default-base-is-moof',
    );
    const flags = field(node.fields, 'default_sample_flags')!;
    expect(flags.value).toBe(0x01010000);
    expect(flags.bitOffset).toBe(36 * 8);
    expect(flags.bitLength).toBe(32);
    expect(field(flags.fields, 'sample_depends_on')).toMatchObject({ value: 1, bitOffset: 36 * 8 + 6, bitLength: 2 });
    expect(field(flags.fields, 'sample_is_non_sync_sample')).toMatchObject({ value: 1, display: 'non-sync sample', bitOffset: 36 * 8 + 15 });
    expect(field(flags.fields, 'sample_degradation_priority')).toMatchObject({ value: 0, bitLength: 16 });
  });

  it('reads track_ID alone when no flag is set, and tells later boxes the track', async () => {
    const result = await parseBytes([
      0x00, 0x00, 0x00, 0x10, // size = 16
      0x74, 0x66, 0x68, 0x64, // type = 'tfhd'
      0x00, // version = 0
      0x00, 0x00, 0x00, // flags = 0
      0x00, 0x00, 0x00, 0x05, // track_ID = 5
    ]);
    const node = result.tree[0]!;
    expect(node.data).toEqual({ trackId: 5, flags: 0, defaultBaseIsMoof: false, durationIsEmpty: false } satisfies TfhdData);
    expect(field(node.fields, 'flags')?.display).toBe('none');
    expect(result.state.trackId).toBe(5);
    expect(node.diagnostics).toEqual([]);
  });

  it('reads default-base-is-moof alone (as ffmpeg writes it with default_base_moof)', async () => {
    const node = await parseOne([
      0x00, 0x00, 0x00, 0x1c, // size = 28
      0x74, 0x66, 0x68, 0x64, // type = 'tfhd'
      0x00, // version = 0
      0x02, 0x00, 0x38, // flags = 0x020038: default-base-is-moof, default duration, size, flags present
      0x00, 0x00, 0x00, 0x01, // track_ID = 1
      0x00, 0x00, 0x02, 0x00, // default_sample_duration = 512
      0x00, 0x00, 0x14, 0x01, // default_sample_size = 5121
      0x01, 0x01, 0x00, 0x00, // default_sample_flags = 0x01010000
    ]);
    expect(node.data).toMatchObject({ trackId: 1, defaultBaseIsMoof: true, defaultSampleDuration: 512, defaultSampleSize: 5121, defaultSampleFlags: 0x01010000 });
    expect((node.data as TfhdData).baseDataOffset).toBeUndefined();
    expect(node.diagnostics).toEqual([]);
  });

  // The optional fields in spec order, with the flag that brings each and the bytes it takes.
  const optional = [
    { flag: 0x1, key: 'baseDataOffset', bytes: u64(0x1234n), value: 0x1234 },
    { flag: 0x2, key: 'sampleDescriptionIndex', bytes: u32(3), value: 3 },
    { flag: 0x8, key: 'defaultSampleDuration', bytes: u32(400000), value: 400000 },
    { flag: 0x10, key: 'defaultSampleSize', bytes: u32(99), value: 99 },
    { flag: 0x20, key: 'defaultSampleFlags', bytes: u32(0x02000000), value: 0x02000000 },
  ] as const;
  const modes = [0, 0x010000, 0x020000, 0x030000];

  it('reads every combination of the optional-field flags with both mode flags', async () => {
    for (let mask = 0; mask < 32; mask++) {
      for (const mode of modes) {
        const present = optional.filter((_, i) => mask & (1 << i));
        const flags = present.reduce((f, o) => f | o.flag, mode);
        const node = await parseOne(fullBox('tfhd', 0, flags, [...u32(9), ...present.flatMap((o) => o.bytes)]));
        const expected: Record<string, unknown> = { trackId: 9, flags, defaultBaseIsMoof: (mode & 0x020000) !== 0, durationIsEmpty: (mode & 0x010000) !== 0 };
        for (const o of present) expected[o.key] = o.value;
        expect(node.data, `flags 0x${flags.toString(16)}`).toEqual(expected);
        expect(codes(node).filter((c) => c !== 'base-is-moof-ignored')).toEqual([]);
      }
    }
  });

  it('reports a tfhd cut off before its optional fields', async () => {
    const node = await parseOne(fullBox('tfhd', 0, 0x000008, [...u32(1)])); // default_sample_duration flagged, missing
    expect(codes(node)).toContain('truncated-box');
    expect(field(node.fields, 'track_ID')?.value).toBe(1);
  });
});

describe('tfdt', () => {
  it('reads a version 0 (32-bit) baseMediaDecodeTime', async () => {
    const node = await parseOne([
      0x00, 0x00, 0x00, 0x10, // size = 16
      0x74, 0x66, 0x64, 0x74, // type = 'tfdt'
      0x00, // version = 0
      0x00, 0x00, 0x00, // flags = 0
      0x00, 0x01, 0x90, 0x00, // baseMediaDecodeTime = 102400
    ]);
    expect(node.data).toEqual({ baseMediaDecodeTime: 102400 } satisfies TfdtData);
  });

  it('reads a version 1 (64-bit) baseMediaDecodeTime', async () => {
    const node = await parseOne([
      0x00, 0x00, 0x00, 0x14, // size = 20
      0x74, 0x66, 0x64, 0x74, // type = 'tfdt'
      0x01, // version = 1
      0x00, 0x00, 0x00, // flags = 0
      0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x10, // baseMediaDecodeTime = 2^33 + 16
    ]);
    expect(node.data).toEqual({ baseMediaDecodeTime: 2 ** 33 + 16 } satisfies TfdtData);
    expect(field(node.fields, 'baseMediaDecodeTime')?.bitLength).toBe(64);
  });

  it('keeps a value beyond 2^53 exact in the field and warns that the kept number is rounded', async () => {
    const node = await parseOne(fullBox('tfdt', 1, 0, u64(0xffffffffffffffffn))); // baseMediaDecodeTime = 2^64 - 1
    expect(field(node.fields, 'baseMediaDecodeTime')?.value).toBe(0xffffffffffffffffn);
    expect(codes(node)).toEqual(['value-not-exact']);
  });
});
