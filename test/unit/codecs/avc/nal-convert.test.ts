import { describe, expect, it } from 'vitest';
import { buildAvcC } from '../../../../media/codecs/avc/avcc-writer.js';
import { annexBAccessUnit, annexBUnits, lengthPrefixed, lengthPrefixedUnits } from '../../../../media/codecs/avc/nal-convert.js';

describe('Annex B and length-prefixed NAL units', () => {
  it('splits an access unit on 3- and 4-byte start codes, dropping leading and trailing zeros', () => {
    const au = new Uint8Array([
      0, 0, 0, 1, 0x09, 0x10, // zero_byte + start code, AUD
      0, 0, 1, 0x67, 0x42, 0x00, 0x03, // start code, SPS ending in 0x03 (emulation prevention kept)
      0, 0, 1, // an empty NAL unit
      0, 0, 1, 0x65, 0x88, 0x00, 0x00, // IDR slice, then trailing_zero_8bits
    ]);
    expect(annexBUnits(au).map((u) => [...u])).toEqual([[0x09, 0x10], [0x67, 0x42, 0x00, 0x03], [0x65, 0x88]]);
    expect(annexBUnits(new Uint8Array([1, 2, 3]))).toEqual([]);
  });

  it('round-trips through 4-byte and 2-byte lengths', () => {
    const units = [new Uint8Array([0x09, 0x10]), new Uint8Array(300).fill(7)];
    const four = lengthPrefixed(units);
    expect([...four.subarray(0, 6)]).toEqual([0, 0, 0, 2, 0x09, 0x10]);
    expect([...four.subarray(6, 10)]).toEqual([0, 0, 0x01, 0x2c]); // 300
    expect(lengthPrefixedUnits(four, 4)).toEqual(units);
    expect(lengthPrefixedUnits(lengthPrefixed(units, 2), 2)).toEqual(units);
    // A length past the end is cut there.
    expect(lengthPrefixedUnits(new Uint8Array([0, 0, 0, 9, 1, 2]), 4).map((u) => [...u])).toEqual([[1, 2]]);
    expect([...annexBAccessUnit([new Uint8Array([0x41])])]).toEqual([0, 0, 0, 1, 0x41]);
  });

  it('builds an avcC from parameter sets', () => {
    const sps = new Uint8Array([0x67, 0x4d, 0x40, 0x0d, 0xaa]);
    const pps = new Uint8Array([0x68, 0xee]);
    expect([...buildAvcC([sps], [pps])]).toEqual([
      0x01, // configurationVersion
      0x4d, 0x40, 0x0d, // profile 77, compatibility, level 13 from the SPS
      0xff, // lengthSizeMinusOne = 3
      0xe1, 0x00, 0x05, ...sps, // one SPS
      0x01, 0x00, 0x02, ...pps, // one PPS
    ]);
  });
});
