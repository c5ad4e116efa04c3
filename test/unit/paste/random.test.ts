import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePastedText, inspectPastedBytes } from '../../../media/paste.js';
import { AVC_SEQUENCE_HEADER } from './helpers.js';

describe('random input', () => {
  it('random bytes never throw and are rarely recognised as anything (< 5%)', () => {
    let runs = 0;
    let recognised = 0;
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 200 }), (bytes) => {
        runs++;
        if (inspectPastedBytes(bytes).guess !== null) recognised++;
      }),
      { numRuns: 1500, seed: 20250601 },
    );
    expect(recognised / runs).toBeLessThan(0.05);
  });

  it('forcing any type on random bytes never throws', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 64 }), fc.constantFrom('isobmff', 'flv-tag', 'flv-tag-body', 'avcc', 'hvcc', 'adts', 'nal', 'asc', 'raw-aac' as const), (bytes, as) => {
        inspectPastedBytes(bytes, { as });
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('random text never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = decodePastedText(text);
        expect(r.format).toBe('paste');
      }),
      { numRuns: 1000, seed: 3 },
    );
  });

  it('the AVC sequence header cut at every length, and with each byte changed, never throws', () => {
    for (let n = 0; n <= AVC_SEQUENCE_HEADER.length; n++) inspectPastedBytes(AVC_SEQUENCE_HEADER.subarray(0, n));
    fc.assert(
      fc.property(fc.nat(AVC_SEQUENCE_HEADER.length - 1), fc.integer({ min: 0, max: 255 }), (at, v) => {
        const b = AVC_SEQUENCE_HEADER.slice();
        b[at] = v;
        inspectPastedBytes(b);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
