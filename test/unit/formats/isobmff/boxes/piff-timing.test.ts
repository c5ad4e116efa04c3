import { describe, expect, it } from 'vitest';
import type { TfrfData, TfxdData } from '../../../../../media/formats/isobmff/box-data.js';
import { TFRF_UUID, TFXD_UUID } from '../../../../../media/formats/isobmff/boxes/piff-timing.js';
import { codes, field, fieldNames, parseOne } from './movie-box-kit.js';
import { u32, u64, uuidBox } from '../../../../helpers/bytes.js';

describe('tfxd', () => {
  it('reads the wrapped first time ffmpeg writes (2^64 - 232200) as -232200', async () => {
    // The audio tfxd of test/fixtures/smooth.ismv, byte for byte.
    const node = await parseOne([
      0x00, 0x00, 0x00, 0x2c, // size = 44
      0x75, 0x75, 0x69, 0x64, // type = 'uuid'
      0x6d, 0x1d, 0x9b, 0x05, 0x42, 0xd5, 0x44, 0xe6, 0x80, 0xe2, 0x14, 0x1d, 0xaf, 0xf7, 0x57, 0xb2, // usertype = tfxd
      0x01, // version = 1
      0x00, 0x00, 0x00, // flags = 0
      0xff, 0xff, 0xff, 0xff, 0xff, 0xfc, 0x74, 0xf8, // fragment_absolute_time = 2^64 - 232200 = -232200
      0x00, 0x00, 0x00, 0x00, 0x00, 0x91, 0x44, 0x36, // fragment_duration = 9520182
    ]);
    expect(node.name).toBe('uuid');
    expect(node.title).toBe('Smooth Streaming Fragment Time Box (tfxd)');
    expect(codes(node)).toEqual([]);
    expect(node.data).toEqual({ absoluteTime: -232200, duration: 9520182 } satisfies TfxdData);
    expect(fieldNames(node)).toEqual(['size', 'type', 'usertype', 'version', 'flags', 'fragment_absolute_time', 'fragment_duration']);
    const time = field(node.fields, 'fragment_absolute_time')!;
    expect(time.value).toBe(-232200);
    expect(time.display).toBe('-232200 ticks of the track timescale (stored as 18446744073709319416: a negative time wrapped to 64 bits)');
    expect(time).toMatchObject({ bitOffset: 28 * 8, bitLength: 64 });
  });

  it('reads version 0 32-bit times', async () => {
    const node = await parseOne(uuidBox(TFXD_UUID, 0, 0, [...u32(10000000), ...u32(400000)])); // time = 1 s, duration = 0.04 s at 10 MHz
    expect(node.data).toEqual({ absoluteTime: 10000000, duration: 400000 } satisfies TfxdData);
    expect(node.diagnostics).toEqual([]);
  });

  it('reports a negative duration', async () => {
    const node = await parseOne(uuidBox(TFXD_UUID, 1, 0, [...u64(0n), ...u64(-1n)]));
    expect(codes(node)).toEqual(['negative-duration']);
  });
});

describe('tfrf', () => {
  it('reads version 1 lookahead entries', async () => {
    const node = await parseOne([
      0x00, 0x00, 0x00, 0x3d, // size = 61
      0x75, 0x75, 0x69, 0x64, // type = 'uuid'
      0xd4, 0x80, 0x7e, 0xf2, 0xca, 0x39, 0x46, 0x95, 0x8e, 0x54, 0x26, 0xcb, 0x9e, 0x46, 0xa7, 0x9f, // usertype = tfrf
      0x01, // version = 1
      0x00, 0x00, 0x00, // flags = 0
      0x02, // fragment_count = 2
      0x00, 0x00, 0x00, 0x00, 0x00, 0x98, 0x96, 0x80, // fragments[0].fragment_absolute_time = 10000000
      0x00, 0x00, 0x00, 0x00, 0x00, 0x98, 0x96, 0x80, // fragments[0].fragment_duration = 10000000
      0x00, 0x00, 0x00, 0x00, 0x01, 0x31, 0x2d, 0x00, // fragments[1].fragment_absolute_time = 20000000
      0x00, 0x00, 0x00, 0x00, 0x00, 0x98, 0x96, 0x80, // fragments[1].fragment_duration = 10000000
    ]);
    expect(node.diagnostics).toEqual([]);
    expect(node.title).toBe('Smooth Streaming Fragment Reference Box (tfrf)');
    expect(node.data).toEqual({
      entries: [
        { absoluteTime: 10000000, duration: 10000000 },
        { absoluteTime: 20000000, duration: 10000000 },
      ],
    } satisfies TfrfData);
  });

  it('reads version 0 entries and reports a fragment_count larger than the box', async () => {
    const node = await parseOne(uuidBox(TFRF_UUID, 0, 0, [0xff, ...u32(5), ...u32(6)])); // fragment_count = 255, one entry
    expect(codes(node)).toEqual(['table-count-exceeds-box']);
    expect(node.data).toEqual({ entries: [{ absoluteTime: 5, duration: 6 }] } satisfies TfrfData);
  });
});
