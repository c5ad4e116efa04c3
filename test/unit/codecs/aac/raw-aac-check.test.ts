import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { looksLikeRawAacFrame } from '../../../../media/codecs/aac/raw-aac-check.js';
import { adtsFrameLengthAt } from '../../../../media/codecs/aac/adts-header.js';
import { BitWriter } from '../../../helpers/bit-writer.js';

const MONO_44K = { audioObjectType: 2, samplingFrequency: 44100, channelConfiguration: 1 };

/** The raw access units of the ADTS fixture (frames without their 7-byte headers). */
function fixtureUnits(): Uint8Array[] {
  const file = new Uint8Array(readFileSync('test/fixtures/aac-lc.adts.aac'));
  const units: Uint8Array[] = [];
  for (let at = 0; at < file.length; ) {
    const length = adtsFrameLengthAt(file, at);
    units.push(file.subarray(at + 7, at + length));
    at += length;
  }
  return units;
}

function snippetBytes(): Uint8Array {
  const text = readFileSync('test/fixtures/snippets/smooth-streaming-raw-aac.txt', 'utf8');
  return new Uint8Array([...text.matchAll(/0x([0-9A-Fa-f]{2})/g)].map((m) => parseInt(m[1]!, 16)));
}

describe('looksLikeRawAacFrame', () => {
  it('accepts every access unit of the ADTS fixture, with and without the config', () => {
    for (const unit of fixtureUnits()) {
      expect(looksLikeRawAacFrame(unit, MONO_44K).ok).toBe(true);
      expect(looksLikeRawAacFrame(unit).ok).toBe(true);
    }
  });

  it('accepts the pasted Smooth Streaming snippet (a stereo CPE) and refuses it as mono', () => {
    const bytes = snippetBytes();
    const free = looksLikeRawAacFrame(bytes);
    expect(free.ok).toBe(true);
    expect(free.elements).toEqual(['CPE']);
    const mono = looksLikeRawAacFrame(bytes, MONO_44K);
    expect(mono.ok).toBe(false);
    expect(mono.reasons).toEqual(['first channel element is CPE; channel_configuration 1 starts with SCE']);
    expect(looksLikeRawAacFrame(bytes, { ...MONO_44K, channelConfiguration: 2 }).ok).toBe(true);
  });

  it('gives reasons for what it refuses', () => {
    const end = looksLikeRawAacFrame(new Uint8Array([0xe0, 0x00])); // id_syn_ele = END first
    expect(end.ok).toBe(false);
    expect(end.reasons.join(' ')).toContain('empty access unit');
    const cce = looksLikeRawAacFrame(new Uint8Array([0x40, 0x00, 0x00])); // id_syn_ele = CCE first
    expect(cce.ok).toBe(false);
    const lowGain = new BitWriter().u(3, 0).u(4, 0).u(8, 3).u(1, 0).u(2, 0).u(1, 0).u(6, 3).u(1, 0).u(4, 1).u(5, 3).u(16, 0).bytes();
    const low = looksLikeRawAacFrame(lowGain, MONO_44K);
    expect(low.ok).toBe(false);
    expect(low.reasons).toEqual(['global_gain 3 (plausible: 20 to 240)']);
    const er = looksLikeRawAacFrame(fixtureUnits()[1]!, { ...MONO_44K, audioObjectType: 17 });
    expect(er.ok).toBe(false);
    expect(looksLikeRawAacFrame(new Uint8Array([0x00])).ok).toBe(false);
  });

  it('refuses almost all random bytes, and never throws', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (bytes) => {
        if (looksLikeRawAacFrame(bytes, { samplingFrequencyIndex: 4, channelConfiguration: 2 }).ok) accepted++;
      }),
      { numRuns: 2000, seed: 7 },
    );
    expect(accepted).toBeLessThan(20);
  });
});
