import { describe, expect, it } from 'vitest';
import { AnnexBSplitter, findAnnexBNalUnits, splitLengthPrefixed } from '../../../../media/codecs/avc/nal-split.js';

describe('findAnnexBNalUnits', () => {
  it('finds 3- and 4-byte start codes and leaves trailing zeros out of the units', () => {
    const bytes = Uint8Array.of(
      0x00, 0x00, 0x00, 0x01, // zero_byte + start_code_prefix_one_3bytes
      0x09, 0xf0, // AUD (bytes 4..5)
      0x00, 0x00, 0x01, // 3-byte start code at 6
      0x67, 0x42, // SPS start (bytes 9..10)
      0x00, // trailing_zero_8bits (11)
      0x00, // zero_byte of the next start code (12)
      0x00, 0x00, 0x01, // start_code_prefix_one_3bytes (13..15)
      0x68, 0xce, // PPS (16..17)
      0x00, // trailing zero at the end of the stream
    );
    const { units, diagnostics } = findAnnexBNalUnits(bytes, 1000);
    expect(diagnostics).toEqual([]);
    expect(units).toEqual([
      { start: 1000, payloadStart: 1004, end: 1006 },
      { start: 1006, payloadStart: 1009, end: 1011 },
      { start: 1012, payloadStart: 1016, end: 1018 },
    ]);
  });

  it('reports zero-length NAL units and skips them', () => {
    const bytes = Uint8Array.of(
      0x00, 0x00, 0x01, // start code ...
      0x00, 0x00, 0x01, // ... directly followed by another: an empty unit
      0x09, 0x10, // AUD
      0x00, 0x00, 0x01, // a final start code with nothing after it
    );
    const { units, diagnostics } = findAnnexBNalUnits(bytes);
    expect(units).toEqual([{ start: 3, payloadStart: 6, end: 8 }]);
    expect(diagnostics.map((d) => [d.code, d.start, d.end])).toEqual([['empty-nal-unit', 0, 3], ['empty-nal-unit', 8, 11]]);
  });

  it('reports a stream without start codes', () => {
    const { units, diagnostics } = findAnnexBNalUnits(Uint8Array.of(0x67, 0x42, 0x00, 0x1e, 0x00, 0x00, 0x02));
    expect(units).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toEqual(['no-start-code']);
  });

  it('reports bytes before the first start code', () => {
    const { units, diagnostics } = findAnnexBNalUnits(Uint8Array.of(0xde, 0xad, 0x00, 0x00, 0x01, 0x09, 0x10));
    expect(units).toEqual([{ start: 2, payloadStart: 5, end: 7 }]);
    expect(diagnostics.map((d) => [d.code, d.start, d.end])).toEqual([['data-before-start-code', 0, 2]]);
  });

  it('gets through 16 MB of zeros quickly', () => {
    const zeros = new Uint8Array(16 << 20);
    const t = performance.now();
    const { units, diagnostics } = findAnnexBNalUnits(zeros);
    expect(performance.now() - t).toBeLessThan(2000);
    expect(units).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toEqual(['no-start-code']);
  });

  it('gets through 16 MB of zeros fed in 1 MiB chunks, then a unit', () => {
    const s = new AnnexBSplitter();
    const t = performance.now();
    for (let i = 0; i < 16; i++) expect(s.push(new Uint8Array(1 << 20))).toEqual([]);
    const last = s.push(Uint8Array.of(0x01, 0x09, 0x10));
    expect(last).toEqual([]);
    expect(s.finish()).toEqual([{ start: (16 << 20) - 3, payloadStart: (16 << 20) + 1, end: (16 << 20) + 3 }]);
    expect(performance.now() - t).toBeLessThan(2000);
  });

  it('finds start codes split across chunks of every size', () => {
    const bytes = Uint8Array.of(0x00, 0x00, 0x00, 0x01, 0x67, 0x42, 0x00, 0x00, 0x01, 0x68, 0x01, 0x00, 0x00, 0x00, 0x01, 0x65, 0x88, 0x00);
    const whole = findAnnexBNalUnits(bytes).units;
    for (let size = 1; size <= bytes.length; size++) {
      const s = new AnnexBSplitter();
      const got = [];
      for (let i = 0; i < bytes.length; i += size) got.push(...s.push(bytes.subarray(i, i + size)));
      got.push(...s.finish());
      expect(got, `chunks of ${size}`).toEqual(whole);
    }
  });
});

describe('splitLengthPrefixed', () => {
  it('splits with 1-, 2- and 4-byte lengths', () => {
    expect(splitLengthPrefixed(Uint8Array.of(0x02, 0x09, 0x10, 0x01, 0x0c), 10, 1).units).toEqual([
      { start: 10, payloadStart: 11, end: 13 },
      { start: 13, payloadStart: 14, end: 15 },
    ]);
    expect(splitLengthPrefixed(Uint8Array.of(0x00, 0x02, 0x09, 0x10), 0, 2).units).toEqual([{ start: 0, payloadStart: 2, end: 4 }]);
    expect(splitLengthPrefixed(Uint8Array.of(0x00, 0x00, 0x00, 0x02, 0x09, 0x10), 0, 4).units).toEqual([{ start: 0, payloadStart: 4, end: 6 }]);
  });

  it('reports a length beyond the sample and keeps what is there', () => {
    const { units, diagnostics } = splitLengthPrefixed(Uint8Array.of(0x00, 0x00, 0x10, 0x00, 0x65, 0x88, 0x80), 100, 4);
    expect(units).toEqual([{ start: 100, payloadStart: 104, end: 107 }]);
    expect(diagnostics.map((d) => [d.code, d.start, d.end])).toEqual([['nal-length-exceeds-sample', 100, 107]]);
  });

  it('reports zero lengths, a cut length field and a bad length size', () => {
    const { units, diagnostics } = splitLengthPrefixed(Uint8Array.of(0x00, 0x00, 0x00, 0x01, 0x09, 0x00), 0, 2);
    expect(units).toEqual([{ start: 2, payloadStart: 4, end: 5 }]);
    expect(diagnostics.map((d) => d.code)).toEqual(['empty-nal-unit', 'truncated-nal-length']);
    expect(splitLengthPrefixed(Uint8Array.of(1, 2), 0, 5).diagnostics.map((d) => d.code)).toEqual(['bad-length-size']);
  });
});
