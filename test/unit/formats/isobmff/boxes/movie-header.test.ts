import { describe, expect, it } from 'vitest';
import type { MvhdData } from '../../../../../media/formats/isobmff/box-data.js';
import { box, u32 } from '../../../../helpers/bytes.js';
import { codes, f, names, parseOne } from './movie-box-kit.js';

const IDENTITY = [
  0x00, 0x01, 0x00, 0x00, // a = 1.0 (16.16)
  0x00, 0x00, 0x00, 0x00, // b = 0
  0x00, 0x00, 0x00, 0x00, // u = 0 (2.30)
  0x00, 0x00, 0x00, 0x00, // c = 0
  0x00, 0x01, 0x00, 0x00, // d = 1.0
  0x00, 0x00, 0x00, 0x00, // v = 0 (2.30)
  0x00, 0x00, 0x00, 0x00, // x = 0
  0x00, 0x00, 0x00, 0x00, // y = 0
  0x40, 0x00, 0x00, 0x00, // w = 1.0 (2.30)
];

/** The fields after duration, the same in both versions. */
function tail(matrix = IDENTITY): number[] {
  return [
    0x00, 0x01, 0x00, 0x00, // rate = 1.0 (16.16)
    0x01, 0x00, // volume = 1.0 (8.8)
    0x00, 0x00, // reserved
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // reserved[2]
    ...matrix,
    ...new Array<number>(24).fill(0), // pre_defined[6]
    0x00, 0x00, 0x00, 0x03, // next_track_ID = 3
  ];
}

describe('mvhd', () => {
  it('reads a version 0 header with dates since 1904 and the duration in seconds', async () => {
    const node = await parseOne(box('mvhd', [
      0x00, // version = 0
      0x00, 0x00, 0x00, // flags = 0
      0xc7, 0x62, 0xeb, 0x80, // creation_time = 3345148800 (2010-01-01)
      0xe1, 0x79, 0xa1, 0x80, // modification_time = 3782844800 (2023-11-14)
      0x00, 0x00, 0x03, 0xe8, // timescale = 1000
      0x00, 0x00, 0x09, 0xc4, // duration = 2500
      ...tail(),
    ]));
    expect(node.title).toBe('Movie Header Box');
    expect(node.diagnostics).toEqual([]);
    expect(names(node.fields)).toEqual([
      'size', 'type', 'version', 'flags', 'creation_time', 'modification_time', 'timescale', 'duration',
      'rate', 'volume', 'reserved', 'reserved', 'matrix', 'pre_defined', 'next_track_ID',
    ]);
    expect(f(node, 'creation_time').display).toBe('2010-01-01T00:00:00Z');
    expect(f(node, 'modification_time').display).toBe('2023-11-14T22:13:20Z');
    expect(f(node, 'creation_time').bitOffset).toBe(12 * 8);
    expect(f(node, 'creation_time').bitLength).toBe(32);
    expect(f(node, 'timescale').value).toBe(1000);
    expect(f(node, 'duration').display).toBe('2.5 s');
    expect(f(node, 'rate').value).toBe(0x10000);
    expect(f(node, 'rate').display).toMatch(/^1×/);
    expect(f(node, 'volume').value).toBe(0x100);
    expect(f(node, 'volume').display).toMatch(/^1 /);
    expect(f(node, 'matrix').display).toBe('identity');
    expect(names(f(node, 'matrix').fields)).toEqual(['a', 'b', 'u', 'c', 'd', 'v', 'x', 'y', 'w']);
    expect(f(node, 'matrix', 'w').value).toBe(0x40000000);
    expect(f(node, 'matrix', 'w').display).toBe('1');
    expect(f(node, 'pre_defined').value).toBe(6);
    expect(f(node, 'next_track_ID').value).toBe(3);
    expect(node.data).toEqual({ timescale: 1000, duration: 2500, nextTrackId: 3 } satisfies MvhdData);
  });

  it('reads 64-bit times and duration in version 1', async () => {
    const node = await parseOne(box('mvhd', [
      0x01, // version = 1
      0x00, 0x00, 0x00, // flags = 0
      0x00, 0x00, 0x00, 0x00, 0xc7, 0x62, 0xeb, 0x80, // creation_time = 3345148800
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // modification_time = 0 (not set)
      0x00, 0x98, 0x96, 0x80, // timescale = 10000000
      0x00, 0x00, 0x00, 0x00, 0x01, 0xc9, 0xc3, 0x80, // duration = 30000000
      ...tail(),
    ]));
    expect(node.diagnostics).toEqual([]);
    expect(f(node, 'creation_time').bitLength).toBe(64);
    expect(f(node, 'creation_time').display).toBe('2010-01-01T00:00:00Z');
    expect(f(node, 'modification_time').display).toBe('not set');
    expect(f(node, 'duration').display).toBe('3 s');
    expect(node.data).toEqual({ timescale: 10_000_000, duration: 30_000_000, nextTrackId: 3 });
  });

  it('reports timescale 0 without dividing by it', async () => {
    const node = await parseOne(box('mvhd', [
      0x00, 0x00, 0x00, 0x00, // version = 0, flags = 0
      0x00, 0x00, 0x00, 0x00, // creation_time = 0
      0x00, 0x00, 0x00, 0x00, // modification_time = 0
      0x00, 0x00, 0x00, 0x00, // timescale = 0 (invalid)
      0x00, 0x00, 0x09, 0xc4, // duration = 2500
      ...tail(),
    ]));
    expect(codes(node)).toEqual(['timescale-zero']);
    expect(node.diagnostics[0]).toMatchObject({ start: 20, end: 24 });
    expect(f(node, 'duration').display).toBeUndefined();
    expect((node.data as MvhdData).timescale).toBe(0);
  });

  it('shows a 90° rotation matrix and an unknown duration', async () => {
    const rotate90 = [
      0x00, 0x00, 0x00, 0x00, // a = 0
      0x00, 0x01, 0x00, 0x00, // b = 1.0
      0x00, 0x00, 0x00, 0x00, // u = 0
      0xff, 0xff, 0x00, 0x00, // c = -1.0
      0x00, 0x00, 0x00, 0x00, // d = 0
      0x00, 0x00, 0x00, 0x00, // v = 0
      0x00, 0x00, 0x00, 0x00, // x = 0
      0x00, 0x00, 0x00, 0x00, // y = 0
      0x40, 0x00, 0x00, 0x00, // w = 1.0
    ];
    const node = await parseOne(box('mvhd', [
      0x00, 0x00, 0x00, 0x00, // version = 0, flags = 0
      ...u32(0), ...u32(0), // creation_time, modification_time
      ...u32(600), // timescale = 600
      0xff, 0xff, 0xff, 0xff, // duration = all ones: unknown
      ...tail(rotate90),
    ]));
    expect(f(node, 'matrix').display).toBe('rotate 90° clockwise');
    expect(f(node, 'matrix', 'c').display).toBe('-1');
    expect(f(node, 'duration').display).toBe('unknown (all ones)');
  });

  it('leaves an undefined version unread, with a diagnostic', async () => {
    const node = await parseOne(box('mvhd', [0x02, 0x00, 0x00, 0x00, ...new Array<number>(96).fill(0)]));
    expect(codes(node)).toContain('unknown-box-version');
    expect(node.data).toBeUndefined();
  });

  it('gives a partial tree when the box is cut short', async () => {
    const node = await parseOne(box('mvhd', [0x00, 0x00, 0x00, 0x00, ...u32(0), ...u32(0), ...u32(1000)]));
    expect(codes(node)).toContain('truncated-box');
    expect(f(node, 'timescale').value).toBe(1000);
  });
});
