// QuickTime atoms: a `wave` (its own small `mp4a` atom, not a sample entry; the terminator), a `chan` with
// channel descriptions, and user data text atoms with several strings.
import { describe, expect, it } from 'vitest';
import { ascii, box, fullBox, u16, u32 } from '../../../../helpers/bytes.js';
import { codes, f, find, parseBytes, parseOne } from './movie-box-kit.js';

const float = (v: number): number[] => {
  const b = new DataView(new ArrayBuffer(4));
  b.setFloat32(0, v);
  return [...new Uint8Array(b.buffer)];
};

describe('QuickTime atoms', () => {
  it("reads wave's children as QuickTime atoms: frma, the 4-byte mp4a atom, the terminator", async () => {
    const wave = await parseOne(box('wave', [...box('frma', ascii('mp4a')), ...box('mp4a', u32(0)), ...u32(8), 0, 0, 0, 0]));
    expect(wave.children.map((c) => [c.name, c.title])).toEqual([
      ['frma', 'Format Atom (QuickTime)'],
      ['mp4a', 'MPEG-4 Audio Atom (QuickTime)'],
      ['\0\0\0\0', 'Terminator Atom (QuickTime)'],
    ]);
    expect(f(wave.children[1]!, 'reserved').value).toBe(0);
    expect(codes(wave)).toEqual([]);
    expect(wave.children.flatMap((c) => c.diagnostics)).toEqual([]);
  });

  it('keeps mp4a a sample entry outside wave', async () => {
    const { tree } = await parseBytes(box('mp4a', [...new Array<number>(28).fill(0)]));
    expect(tree[0]!.title).not.toBe('MPEG-4 Audio Atom (QuickTime)');
  });

  it('reads a channel layout with its descriptions', async () => {
    const description = (label: number, x: number): number[] => [...u32(label), ...u32(1), ...float(x), ...float(0), ...float(0)];
    const chan = await parseOne(fullBox('chan', 0, 0, [...u32(0), ...u32(0), ...u32(2), ...description(1, -30), ...description(2, 30)]));
    expect(f(chan, 'mChannelLayoutTag').display).toBe('use the channel descriptions');
    expect(f(chan, 'mChannelDescriptions', 'mChannelDescriptions[1]', 'mChannelLabel').display).toBe('Right');
    expect(f(chan, 'mChannelDescriptions', 'mChannelDescriptions[0]', 'mCoordinates[0]').display).toBe('-30');
    const stereo = await parseOne(fullBox('chan', 0, 0, [...u32((101 << 16) | 2), ...u32(0), ...u32(0)]));
    expect(f(stereo, 'mChannelLayoutTag').display).toBe('Stereo, 2 channels');
    const bitmap = await parseOne(fullBox('chan', 0, 0, [...u32(1 << 16), ...u32(0b1111), ...u32(0)]));
    expect(f(bitmap, 'mChannelBitmap').display).toBe('L R C LFE');
  });

  it('reads user data text atoms with each string and its language', async () => {
    const text = (s: string, language: number): number[] => [...u16(s.length), ...u16(language), ...ascii(s)];
    const udta = await parseOne(box('udta', box('\u00a9nam', [...text('Clip', 0), ...text('Clip FR', 1)])));
    const nam = find(udta.children, '\u00a9nam')!;
    expect(nam.title).toBe('Title (QuickTime user data)');
    expect(f(nam, 'string[0]', 'text').value).toBe('Clip');
    expect(f(nam, 'string[1]', 'language').display).toBe('QuickTime Macintosh language code 1 (fra)');
    expect(f(nam, 'string[1]').display).toBe('"Clip FR"');
    expect(nam.diagnostics).toEqual([]);
  });
});
