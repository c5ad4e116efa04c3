import { describe, expect, it } from 'vitest';
import { peekAc3, readAc3Header } from '../../../../media/codecs/ac3/ac3-header.js';
import { crc16Ac3 } from '../../../../media/codecs/ac3/crc16.js';
import { readAc3Frame } from '../../../../media/formats/ac3/ac3-frame.js';
import { FieldReader } from '../../../../media/model/field-reader.js';
import { ANNOTATE, type Diagnostic } from '../../../../media/model/types.js';
import { fixtureBytes } from '../../../helpers/fixtures.js';

/** The first syncframe's header in each fixture starts in its first PES, 590 bytes in (after the TS and PES headers). */
const FIRST_FRAME = 590;

function header(name: string) {
  const bytes = fixtureBytes(name).subarray(FIRST_FRAME, FIRST_FRAME + 64);
  const r = FieldReader.at(bytes, FIRST_FRAME, ANNOTATE);
  const out: Diagnostic[] = [];
  const h = readAc3Header(r, out);
  const at = (name: string) => {
    const f = r.fields.find((x) => x.name === name);
    return f && [f.bitOffset - FIRST_FRAME * 8, f.bitLength, f.value];
  };
  return { h, out, at, bytes };
}

describe('AC-3 syncinfo and bsi', () => {
  it('reads a 5.1 448 kbit/s frame field by field at its bits', () => {
    const { h, out, at } = header('mbny-ac3.ts');
    expect(out).toEqual([]);
    // 0b 77 | 35 fa | 1e: fscod 0, frmsizecod 30 | 40: bsid 8, bsmod 0 | eb: acmod 7, cmixlev 1, surmixlev 1, lfeon 1
    expect(at('syncword')).toEqual([0, 16, 0x0b77]);
    expect(at('crc1')).toEqual([16, 16, 0x35fa]);
    expect(at('fscod')).toEqual([32, 2, 0]);
    expect(at('frmsizecod')).toEqual([34, 6, 30]);
    expect(at('bsid')).toEqual([40, 5, 8]);
    expect(at('bsmod')).toEqual([45, 3, 0]);
    expect(at('acmod')).toEqual([48, 3, 7]);
    expect(at('cmixlev')).toEqual([51, 2, 1]);
    expect(at('surmixlev')).toEqual([53, 2, 1]);
    expect(at('dsurmod')).toBeUndefined();
    expect(at('lfeon')).toEqual([55, 1, true]);
    expect(at('dialnorm')?.slice(0, 2)).toEqual([56, 5]);
    expect(h).toMatchObject({ eac3: false, frameLength: 1792, sampleRate: 48000, samples: 1536, channels: 6, bitRate: 448 });
  });

  it('peeks the same facts without recording', () => {
    const { h, bytes } = header('mbny-ac3.ts');
    const peek = peekAc3(bytes, 0)!;
    expect([peek.frameLength, peek.sampleRate, peek.channels, peek.acmod, peek.lfeon]).toEqual([h.frameLength, h.sampleRate, h.channels, h.acmod, h.lfeon]);
  });
});

describe('E-AC-3 bsi', () => {
  it('reads an independent 5.1 substream of six blocks', () => {
    const { h, out, at } = header('mbny-eac3-system-b.ts');
    expect(out).toEqual([]);
    // 0b 77 | 02 ff: strmtyp 0, substreamid 0, frmsiz 767 | 3f: fscod 0, numblkscod 3, acmod 7, lfeon 1 | 87: bsid 16 ...
    expect(at('strmtyp')).toEqual([16, 2, 0]);
    expect(at('substreamid')).toEqual([18, 3, 0]);
    expect(at('frmsiz')).toEqual([21, 11, 767]);
    expect(at('fscod')).toEqual([32, 2, 0]);
    expect(at('numblkscod')).toEqual([34, 2, 3]);
    expect(at('acmod')).toEqual([36, 3, 7]);
    expect(at('lfeon')).toEqual([39, 1, true]);
    expect(at('bsid')).toEqual([40, 5, 16]);
    expect(h).toMatchObject({ eac3: true, strmtyp: 0, frameLength: 1536, sampleRate: 48000, blocks: 6, samples: 1536, channels: 6 });
    expect(peekAc3(header('mbny-eac3-system-b.ts').bytes, 0)).toMatchObject({ eac3: true, frameLength: 1536, channels: 6 });
  });

  it('reports a reserved strmtyp and refuses it when peeking', () => {
    const bytes = header('mbny-eac3-system-b.ts').bytes.slice();
    bytes[2] = bytes[2]! | 0xc0; // strmtyp = 3
    expect(peekAc3(bytes, 0)).toBeUndefined();
    const out: Diagnostic[] = [];
    readAc3Header(FieldReader.at(bytes, 0, ANNOTATE), out);
    expect(out.map((d) => d.code)).toEqual(['eac3-reserved-strmtyp']);
  });
});

describe('peekAc3 on what is not a syncframe', () => {
  it('refuses a wrong syncword, a reserved fscod or frmsizecod, and bytes too short to judge', () => {
    const { bytes } = header('mbny-ac3.ts');
    expect(peekAc3(bytes.subarray(0, 7), 0)).toBeUndefined();
    const wrongSync = bytes.slice();
    wrongSync[1] = 0x78;
    expect(peekAc3(wrongSync, 0)).toBeUndefined();
    const reservedRate = bytes.slice();
    reservedRate[4] = 0xc0 | (reservedRate[4]! & 0x3f);
    expect(peekAc3(reservedRate, 0)).toBeUndefined();
    const reservedSize = bytes.slice();
    reservedSize[4] = 38; // frmsizecod 38
    expect(peekAc3(reservedSize, 0)).toBeUndefined();
  });
});

describe('a syncframe cut inside its bsi', () => {
  it('is read as truncated, never thrown', () => {
    const bytes = header('mbny-ac3.ts').bytes.subarray(0, 8); // syncinfo and the first bsi bytes
    const frame = readAc3Frame(FieldReader.at(bytes, 0, ANNOTATE), 'cut');
    expect([frame.complete, frame.header.frameLength, frame.node.diagnostics.map((d) => d.code)]).toEqual([false, 1792, ['ac3-frame-truncated']]);
  });
});

describe('crc16Ac3', () => {
  it('gives 0 over a frame whose crc2 was computed for it, and not after a flipped bit', () => {
    // A frame of arbitrary bytes, closed with the crc2 that makes the whole check 0 (CRC appended MSB first).
    const frame = new Uint8Array(64).map((_, i) => (i * 37 + 11) & 0xff);
    frame[0] = 0x0b;
    frame[1] = 0x77;
    const crc = crc16Ac3(frame, 2, frame.length - 2);
    frame[62] = crc >> 8;
    frame[63] = crc & 0xff;
    expect(crc16Ac3(frame, 2, frame.length)).toBe(0);
    frame[30] ^= 0x10;
    expect(crc16Ac3(frame, 2, frame.length)).not.toBe(0);
  });
});
