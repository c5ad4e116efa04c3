import { describe, expect, it } from 'vitest';
import { codes, fieldOf, parseOne, valueOf } from './entry-bytes.js';
import { ascii, box, u16, u32 } from '../../../../helpers/bytes.js';

describe('btrt, pasp, colr, clap, fiel', () => {
  it('reads btrt', async () => {
    const node = await parseOne(box('btrt', [...u32(6144), ...u32(500000), ...u32(250000)])); // bufferSizeDB, maxBitrate, avgBitrate
    expect(fieldOf(node.fields, 'maxBitrate')).toMatchObject({ value: 500000, display: '500000 bit/s' });
    expect(valueOf(node.fields, 'avgBitrate')).toBe(250000);
    expect(codes(node)).toEqual([]);
  });

  it('reads pasp and derives the ratio', async () => {
    const node = await parseOne(box('pasp', [...u32(32), ...u32(27)])); // hSpacing 32, vSpacing 27
    expect(fieldOf(node.fields, 'pixel_aspect_ratio')).toMatchObject({ value: '32:27', derived: true });
  });

  it("reads colr 'nclx' with H.273 names", async () => {
    const node = await parseOne(
      box('colr', [
        ...ascii('nclx'), // colour_type
        ...u16(9), // colour_primaries = 9 (BT.2020)
        ...u16(16), // transfer_characteristics = 16 (PQ)
        ...u16(9), // matrix_coefficients = 9 (BT.2020 non-constant)
        0x80, // full_range_flag = 1, reserved = 0
      ]),
    );
    expect(fieldOf(node.fields, 'colour_primaries')?.display).toBe('BT.2020, BT.2100');
    expect(fieldOf(node.fields, 'transfer_characteristics')?.display).toBe('SMPTE ST 2084 (PQ), BT.2100');
    expect(fieldOf(node.fields, 'matrix_coefficients')?.display).toBe('BT.2020 non-constant luminance');
    expect(fieldOf(node.fields, 'full_range_flag')).toMatchObject({ value: 1, display: 'full range', bitLength: 1 });
    expect(codes(node)).toEqual([]);
  });

  it("reads QuickTime colr 'nclc' (no range flag) and an ICC profile as bytes", async () => {
    const nclc = await parseOne(box('colr', [...ascii('nclc'), ...u16(1), ...u16(1), ...u16(1)]));
    expect(fieldOf(nclc.fields, 'matrix_coefficients')?.display).toBe('BT.709');
    expect(fieldOf(nclc.fields, 'full_range_flag')).toBeUndefined();
    expect(codes(nclc)).toEqual([]);
    const prof = await parseOne(box('colr', [...ascii('prof'), 0, 0, 1, 0]));
    expect(fieldOf(prof.fields, 'ICC_profile')?.bitLength).toBe(32);
  });

  it('reads clap with signed offsets', async () => {
    const node = await parseOne(box('clap', [...u32(704), ...u32(1), ...u32(480), ...u32(1), ...u32(-8 >>> 0), ...u32(2), ...u32(0), ...u32(1)]));
    expect(valueOf(node.fields, 'horizOffN')).toBe(-8);
    expect(fieldOf(node.fields, 'horizOffD')?.display).toBe('horizOff = -4.000');
    expect(fieldOf(node.fields, 'cleanApertureWidthD')?.display).toBe('cleanApertureWidth = 704.000');
  });

  it('reads fiel', async () => {
    const node = await parseOne(box('fiel', [2, 14])); // interlaced, top field first in time, bottom stored first
    expect(fieldOf(node.fields, 'fields')?.display).toBe('interlaced (two fields)');
    expect(fieldOf(node.fields, 'detail')?.display).toBe('top field first in time, bottom field stored first');
  });
});
