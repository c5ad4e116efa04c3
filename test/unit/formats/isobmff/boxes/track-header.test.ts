import { describe, expect, it } from 'vitest';
import type { TkhdData } from '../../../../../media/formats/isobmff/box-data.js';
import { box, fullBox, u32, u64 } from '../../../../helpers/bytes.js';
import { codes, f, find, names, parseBytes, parseOne } from './movie-box-kit.js';

const IDENTITY = [
  ...u32(0x00010000), ...u32(0), ...u32(0), // a = 1.0, b = 0, u = 0
  ...u32(0), ...u32(0x00010000), ...u32(0), // c = 0, d = 1.0, v = 0
  ...u32(0), ...u32(0), ...u32(0x40000000), // x = 0, y = 0, w = 1.0 (2.30)
];

function tkhdV0(flags: number, trackId: number, duration: number): number[] {
  return fullBox('tkhd', 0, flags, [
    0x00, 0x00, 0x00, 0x00, // creation_time = 0
    0x00, 0x00, 0x00, 0x00, // modification_time = 0
    ...u32(trackId), // track_ID
    0x00, 0x00, 0x00, 0x00, // reserved
    ...u32(duration), // duration (movie timescale)
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // reserved[2]
    0xff, 0xff, // layer = -1
    0x00, 0x02, // alternate_group = 2
    0x00, 0x00, // volume = 0 (8.8)
    0x00, 0x00, // reserved
    ...IDENTITY,
    0x01, 0x40, 0x00, 0x00, // width = 320.0 (16.16)
    0x00, 0xf0, 0x80, 0x00, // height = 240.5 (16.16)
  ]);
}

describe('tkhd', () => {
  it('reads a version 0 header and names the flags', async () => {
    const node = await parseOne(tkhdV0(0x000007, 1, 2000));
    expect(node.diagnostics).toEqual([]);
    expect(names(node.fields)).toEqual([
      'size', 'type', 'version', 'flags', 'creation_time', 'modification_time', 'track_ID', 'reserved', 'duration',
      'reserved', 'layer', 'alternate_group', 'volume', 'reserved', 'matrix', 'width', 'height',
    ]);
    expect(f(node, 'flags').display).toBe('track_enabled, track_in_movie, track_in_preview');
    expect(f(node, 'track_ID').value).toBe(1);
    expect(f(node, 'layer').value).toBe(-1);
    expect(f(node, 'alternate_group').value).toBe(2);
    expect(f(node, 'matrix').display).toBe('identity');
    expect(f(node, 'width').value).toBe(0x01400000);
    expect(f(node, 'width').display).toBe('320');
    expect(f(node, 'height').display).toBe('240.5');
    expect(f(node, 'height').bitOffset).toBe(88 * 8);
    expect(node.data).toEqual({ trackId: 1, duration: 2000, width: 320, height: 240.5, flags: 7 } satisfies TkhdData);
  });

  it('shows size_is_aspect_ratio and a disabled track', async () => {
    expect(f(await parseOne(tkhdV0(0x000008, 1, 0)), 'flags').display).toBe('track_size_is_aspect_ratio');
    expect(f(await parseOne(tkhdV0(0, 1, 0)), 'flags').display).toBe('disabled, not in movie or preview');
  });

  it('reads version 1 (64-bit times and duration)', async () => {
    const node = await parseOne(fullBox('tkhd', 1, 3, [
      ...u64(0n), // creation_time
      ...u64(0n), // modification_time
      0x00, 0x00, 0x00, 0x02, // track_ID = 2
      0x00, 0x00, 0x00, 0x00, // reserved
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // duration = all ones: unknown
      ...new Array<number>(8).fill(0), // reserved[2]
      0x00, 0x00, 0x00, 0x00, // layer = 0, alternate_group = 0
      0x01, 0x00, 0x00, 0x00, // volume = 1.0, reserved
      ...IDENTITY,
      ...u32(0), ...u32(0), // width = 0, height = 0
    ]));
    expect(node.diagnostics).toEqual([]);
    expect(f(node, 'duration').bitLength).toBe(64);
    expect(f(node, 'duration').display).toBe('unknown (all ones)');
    expect(f(node, 'volume').value).toBe(0x100);
    expect((node.data as TkhdData).trackId).toBe(2);
  });

  it('shows the duration in seconds with the movie timescale from mvhd, and sets the track id', async () => {
    const mvhd = fullBox('mvhd', 0, 0, [
      ...u32(0), ...u32(0), // creation_time, modification_time
      ...u32(600), // timescale = 600
      ...u32(1200), // duration = 1200
      ...u32(0x00010000), 0x01, 0x00, 0x00, 0x00, ...u64(0n), // rate, volume, reserved, reserved[2]
      ...IDENTITY,
      ...new Array<number>(24).fill(0), // pre_defined[6]
      ...u32(2), // next_track_ID
    ]);
    const { tree, state } = await parseBytes(box('moov', [...mvhd, ...box('trak', tkhdV0(3, 7, 900))]));
    expect(f(find(tree, 'tkhd')!, 'duration').display).toBe('1.5 s');
    expect(state.trackId).toBe(7);
  });

  it('keeps the fields before a cut', async () => {
    const bytes = tkhdV0(3, 1, 0).slice(0, 40);
    bytes[3] = 40; // size = 40
    const node = await parseOne(bytes);
    expect(codes(node)).toContain('truncated-box');
    expect(f(node, 'track_ID').value).toBe(1);
  });
});
