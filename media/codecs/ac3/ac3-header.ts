/**
 * The start of an AC-3 or E-AC-3 syncframe (ATSC A/52 5.3.1 syncinfo and 5.3.2 bsi; Annex E E.1.2.2 for E-AC-3):
 * everything before the first audio block. bsid tells them apart: up to 10 is AC-3, 11 to 16 E-AC-3
 * (both keep bsid at the same bits so an AC-3 decoder can skip what it cannot decode).
 */
import type { FieldReader } from '../../model/field-reader.js';
import { type Diagnostic, diagnostic } from '../../model/types.js';
import {
  AC3_MAX_FRMSIZECOD, AC3_SAMPLES_PER_BLOCK, AC3_SAMPLE_RATES, ACMODS, ACMOD_CHANNELS, BSMODS, CMIXLEVS, DSURMODS, EAC3_BLOCKS,
  EAC3_REDUCED_SAMPLE_RATES, ROOMTYPS, STRMTYPS, SURMIXLEVS, ac3BitRate, ac3FrameBytes,
} from './ac3-tables.js';

export const AC3_SYNCWORD = 0x0b77;
/** The highest bsid of AC-3 decoders (A/52 5.4.2.1 allows 8; 9 and 10 are the half- and quarter-rate extensions). */
const AC3_MAX_BSID = 10;
const EAC3_MAX_BSID = 16;

export interface Ac3Header {
  eac3: boolean;
  bsid: number;
  /** E-AC-3 stream type (AC-3 frames are independent: 0). */
  strmtyp: number;
  substreamid: number;
  /** Bytes in the syncframe. */
  frameLength: number;
  sampleRate: number | undefined;
  blocks: number;
  /** Samples per channel in the syncframe (256 per block). */
  samples: number;
  acmod: number;
  lfeon: boolean;
  /** Full-bandwidth channels plus the LFE. */
  channels: number;
  /** AC-3 only: nominal bit rate in kbit/s. */
  bitRate?: number;
}

/** What a syncframe's first 8 bytes promise, read without recording and without exceptions; undefined if they are not one. */
export function peekAc3(bytes: Uint8Array, at: number): Ac3Header | undefined {
  if (at < 0 || at + 8 > bytes.length) return undefined;
  if (bytes[at] !== 0x0b || bytes[at + 1] !== 0x77) return undefined;
  const bsid = bytes[at + 5]! >> 3;
  if (bsid <= AC3_MAX_BSID) {
    const fscod = bytes[at + 4]! >> 6;
    const frmsizecod = bytes[at + 4]! & 0x3f;
    const frameLength = ac3FrameBytes(fscod, frmsizecod);
    if (frameLength === undefined || frmsizecod > AC3_MAX_FRMSIZECOD) return undefined;
    const acmod = bytes[at + 6]! >> 5;
    const lfeon = lfeBitOfAc3(bytes, at, acmod);
    return {
      eac3: false, bsid, strmtyp: 0, substreamid: 0, frameLength, sampleRate: AC3_SAMPLE_RATES[fscod], blocks: 6, samples: 6 * AC3_SAMPLES_PER_BLOCK,
      acmod, lfeon, channels: ACMOD_CHANNELS[acmod]! + (lfeon ? 1 : 0), bitRate: ac3BitRate(frmsizecod),
    };
  }
  if (bsid > EAC3_MAX_BSID) return undefined;
  const strmtyp = bytes[at + 2]! >> 6;
  if (strmtyp === 3) return undefined;
  const substreamid = (bytes[at + 2]! >> 3) & 7;
  const frameLength = ((((bytes[at + 2]! & 7) << 8) | bytes[at + 3]!) + 1) * 2;
  const fscod = bytes[at + 4]! >> 6;
  const second = (bytes[at + 4]! >> 4) & 3;
  if (fscod === 3 && second === 3) return undefined;
  const sampleRate = fscod === 3 ? EAC3_REDUCED_SAMPLE_RATES[second] : AC3_SAMPLE_RATES[fscod];
  const blocks = fscod === 3 ? 6 : EAC3_BLOCKS[second]!;
  const acmod = (bytes[at + 4]! >> 1) & 7;
  const lfeon = (bytes[at + 4]! & 1) === 1;
  if (frameLength < 7) return undefined;
  return { eac3: true, bsid, strmtyp, substreamid, frameLength, sampleRate, blocks, samples: blocks * AC3_SAMPLES_PER_BLOCK, acmod, lfeon, channels: ACMOD_CHANNELS[acmod]! + (lfeon ? 1 : 0) };
}

/** lfeon of AC-3 sits after the optional mix levels, so its bit depends on acmod (A/52 5.3.2). */
function lfeBitOfAc3(bytes: Uint8Array, at: number, acmod: number): boolean {
  let bit = (at + 6) * 8 + 3; // bsid and bsmod fill byte 5; acmod is the top 3 bits of byte 6
  if ((acmod & 1) !== 0 && acmod !== 1) bit += 2;
  if ((acmod & 4) !== 0) bit += 2;
  if (acmod === 2) bit += 2;
  const byte = bytes[bit >> 3];
  return byte !== undefined && ((byte >> (7 - (bit & 7))) & 1) === 1;
}

/**
 * Reads syncinfo and bsi at the reader's (byte-aligned) position. The caller has seen the syncword; values
 * out of range become diagnostics in `out`.
 */
export function readAc3Header(r: FieldReader, out: Diagnostic[]): Ac3Header {
  const start = r.absByte;
  const syncword = r.u16('syncword');
  if (syncword !== AC3_SYNCWORD) out.push(diagnostic('error', 'ac3-bad-syncword', `syncword is 0x${syncword.toString(16)}, not 0x0B77`, start, start + 2));
  const bsid = (r.data[r.pos / 8 + 3] ?? 0) >> 3;
  return bsid <= AC3_MAX_BSID ? readAc3Bsi(r, out, start) : readEac3Bsi(r, out, start);
}

function readAc3Bsi(r: FieldReader, out: Diagnostic[], start: number): Ac3Header {
  r.u16('crc1', () => 'CRC of the first 5/8 of the syncframe');
  const fscod = r.u(2, 'fscod', (v) => (v < 3 ? `${AC3_SAMPLE_RATES[v]} Hz` : 'reserved'));
  const frmsizecod = r.u(6, 'frmsizecod', (v) => {
    const bytes = ac3FrameBytes(fscod, v);
    return bytes === undefined ? 'reserved' : `${ac3BitRate(v)} kbit/s, ${bytes} bytes`;
  });
  const frameLength = ac3FrameBytes(fscod, frmsizecod) ?? 0;
  if (fscod === 3) out.push(diagnostic('error', 'ac3-reserved-fscod', 'fscod 3 is reserved in AC-3', start + 4, start + 5));
  else if (frameLength === 0) out.push(diagnostic('error', 'ac3-bad-frmsizecod', `frmsizecod ${frmsizecod} is reserved`, start + 4, start + 5));
  const bsid = r.u(5, 'bsid', (v) => (v <= 8 ? 'AC-3 (A/52)' : 'AC-3 with a reduced sample rate (9: half, 10: quarter)'));
  const bsmod = r.u(3, 'bsmod');
  const bsmodField = r.last;
  const acmod = r.u(3, 'acmod', ACMODS);
  // bsmod 7 means voice over for a mono service and karaoke otherwise (A/52 Table 5.7).
  if (bsmodField) bsmodField.display = bsmod === 7 ? (acmod === 1 ? 'associated service: voice over (VO)' : 'main audio service: karaoke') : BSMODS[bsmod as keyof typeof BSMODS];
  if ((acmod & 1) !== 0 && acmod !== 1) r.u(2, 'cmixlev', CMIXLEVS);
  if ((acmod & 4) !== 0) r.u(2, 'surmixlev', SURMIXLEVS);
  if (acmod === 2) r.u(2, 'dsurmod', DSURMODS);
  const lfeon = r.flag('lfeon', { 0: 'no LFE channel', 1: 'LFE channel present' });
  readProgramLevels(r, '');
  if (acmod === 0) readProgramLevels(r, '2');
  r.flag('copyrightb');
  r.flag('origbs', { 0: 'copy', 1: 'original bit stream' });
  if (bsid === 6) readAlternateBsi(r);
  else {
    if (r.flag('timecod1e')) r.u(14, 'timecod1');
    if (r.flag('timecod2e')) r.u(14, 'timecod2');
  }
  readAdditionalBsi(r);
  const header: Ac3Header = {
    eac3: false, bsid, strmtyp: 0, substreamid: 0, frameLength, sampleRate: AC3_SAMPLE_RATES[fscod], blocks: 6, samples: 6 * AC3_SAMPLES_PER_BLOCK,
    acmod, lfeon, channels: ACMOD_CHANNELS[acmod]! + (lfeon ? 1 : 0),
  };
  const bitRate = ac3BitRate(frmsizecod);
  if (bitRate !== undefined) header.bitRate = bitRate;
  derive(r, header);
  return header;
}

/** dialnorm, compr, langcod and audprodi of a program (A/52 5.3.2; the "2" set is for the second channel of 1+1). */
function readProgramLevels(r: FieldReader, n: '' | '2'): void {
  r.u(5, `dialnorm${n}`, (v) => `-${v === 0 ? 31 : v} dBFS dialogue level`);
  if (r.flag(`compr${n}e`)) r.u8(`compr${n}`);
  if (r.flag(`langcod${n}e`)) r.u8(`langcod${n}`);
  if (r.flag(`audprodi${n}e`)) {
    r.u(5, `mixlevel${n}`, (v) => `${80 + v} dB SPL peak mixing level`);
    r.u(2, `roomtyp${n}`, ROOMTYPS);
  }
}

/** bsid 6: the alternate bit stream syntax of A/52 Annex D (xbsi1 and xbsi2 replace the time codes). */
function readAlternateBsi(r: FieldReader): void {
  if (r.flag('xbsi1e')) {
    r.u(2, 'dmixmod', { 0: 'not indicated', 1: 'Lt/Rt downmix preferred', 2: 'Lo/Ro downmix preferred', 3: 'reserved' });
    r.u(3, 'ltrtcmixlev');
    r.u(3, 'ltrtsurmixlev');
    r.u(3, 'lorocmixlev');
    r.u(3, 'lorosurmixlev');
  }
  if (r.flag('xbsi2e')) {
    r.u(2, 'dsurexmod', DSURMODS);
    r.u(2, 'dheadphonmod', { 0: 'not indicated', 1: 'not Dolby Headphone encoded', 2: 'Dolby Headphone encoded', 3: 'reserved' });
    r.flag('adconvtyp', { 0: 'standard A/D converter', 1: 'HDCD A/D converter' });
    r.u8('xbsi2');
    r.flag('encinfo');
  }
}

function readAdditionalBsi(r: FieldReader): void {
  if (!r.flag('addbsie')) return;
  const addbsil = r.u(6, 'addbsil', (v) => `${v + 1} bytes of additional bsi`);
  r.skip((addbsil + 1) * 8, 'addbsi');
}

function readEac3Bsi(r: FieldReader, out: Diagnostic[], start: number): Ac3Header {
  const strmtyp = r.u(2, 'strmtyp', STRMTYPS);
  if (strmtyp === 3) out.push(diagnostic('error', 'eac3-reserved-strmtyp', 'strmtyp 3 is reserved', start + 2, start + 3));
  const substreamid = r.u(3, 'substreamid');
  const frmsiz = r.u(11, 'frmsiz', (v) => `${(v + 1) * 2} bytes in the syncframe`);
  const fscod = r.u(2, 'fscod', (v) => (v < 3 ? `${AC3_SAMPLE_RATES[v]} Hz` : 'reduced sample rate (see fscod2)'));
  let sampleRate = AC3_SAMPLE_RATES[fscod];
  let numblkscod = 3;
  if (fscod === 3) {
    const fscod2 = r.u(2, 'fscod2', (v) => (v < 3 ? `${EAC3_REDUCED_SAMPLE_RATES[v]} Hz` : 'reserved'));
    sampleRate = EAC3_REDUCED_SAMPLE_RATES[fscod2];
    if (fscod2 === 3) out.push(diagnostic('error', 'eac3-reserved-fscod2', 'fscod2 3 is reserved', start + 4, start + 5));
  } else {
    numblkscod = r.u(2, 'numblkscod', (v) => `${EAC3_BLOCKS[v]} audio block${v === 0 ? '' : 's'} per syncframe`);
  }
  const blocks = EAC3_BLOCKS[numblkscod]!;
  const acmod = r.u(3, 'acmod', ACMODS);
  const lfeon = r.flag('lfeon', { 0: 'no LFE channel', 1: 'LFE channel present' });
  const bsid = r.u(5, 'bsid', (v) => (v === 16 ? 'E-AC-3 (A/52 Annex E)' : 'E-AC-3 (reserved for future versions)'));
  r.u(5, 'dialnorm', (v) => `-${v === 0 ? 31 : v} dBFS dialogue level`);
  if (r.flag('compre')) r.u8('compr');
  if (acmod === 0) {
    r.u(5, 'dialnorm2', (v) => `-${v === 0 ? 31 : v} dBFS dialogue level`);
    if (r.flag('compr2e')) r.u8('compr2');
  }
  if (strmtyp === 1 && r.flag('chanmape')) r.u16('chanmap', (v) => `custom channel map 0x${v.toString(16).padStart(4, '0')}`);
  const ctx = { strmtyp, acmod, lfeon, fscod, blocks, numblkscod };
  if (r.flag('mixmdate', { 0: 'no mixing metadata', 1: 'mixing metadata follows' })) readEac3Mixing(r, ctx);
  if (r.flag('infomdate', { 0: 'no informational metadata', 1: 'informational metadata follows' })) readEac3Info(r, ctx);
  if (strmtyp === 0 && numblkscod !== 3) r.flag('convsync');
  if (strmtyp === 2) {
    const blkid = numblkscod === 3 ? true : r.flag('blkid');
    if (blkid) r.u(6, 'frmsizecod');
  }
  readAdditionalBsi(r);
  const frameLength = (frmsiz + 1) * 2;
  const header: Ac3Header = { eac3: true, bsid, strmtyp, substreamid, frameLength, sampleRate, blocks, samples: blocks * AC3_SAMPLES_PER_BLOCK, acmod, lfeon, channels: ACMOD_CHANNELS[acmod]! + (lfeon ? 1 : 0) };
  derive(r, header);
  return header;
}

interface Eac3Context { strmtyp: number; acmod: number; lfeon: boolean; fscod: number; blocks: number; numblkscod: number }

/** Mixing metadata (A/52 E.1.2.2, mixmdate = 1): downmix levels, program scales, mixing and panning configuration. */
function readEac3Mixing(r: FieldReader, c: Eac3Context): void {
  if (c.acmod > 2) r.u(2, 'dmixmod', { 0: 'not indicated', 1: 'Lt/Rt downmix preferred', 2: 'Lo/Ro downmix preferred', 3: 'Pro Logic II downmix preferred' });
  if ((c.acmod & 1) !== 0 && c.acmod > 2) {
    r.u(3, 'ltrtcmixlev');
    r.u(3, 'lorocmixlev');
  }
  if ((c.acmod & 4) !== 0) {
    r.u(3, 'ltrtsurmixlev');
    r.u(3, 'lorosurmixlev');
  }
  if (c.lfeon && r.flag('lfemixlevcode')) r.u(5, 'lfemixlevcod', (v) => `${10 - v} dB LFE mix level`);
  if (c.strmtyp !== 0) return;
  if (r.flag('pgmscle')) r.u(6, 'pgmscl');
  if (c.acmod === 0 && r.flag('pgmscl2e')) r.u(6, 'pgmscl2');
  if (r.flag('extpgmscle')) r.u(6, 'extpgmscl');
  const mixdef = r.u(2, 'mixdef');
  if (mixdef === 1) {
    r.flag('premixcmpsel');
    r.flag('drcsrc');
    r.u(3, 'premixcmpscl');
  } else if (mixdef === 2) {
    r.u(12, 'mixdata');
  } else if (mixdef === 3) {
    const mixdeflen = r.u(5, 'mixdeflen', (v) => `${v + 2} bytes of mixing data`);
    r.skip((mixdeflen + 2) * 8, 'mixdata');
  }
  if (c.acmod < 2) {
    if (r.flag('paninfoe')) {
      r.u8('panmean');
      r.u(6, 'paninfo');
    }
    if (c.acmod === 0 && r.flag('paninfo2e')) {
      r.u8('panmean2');
      r.u(6, 'paninfo2');
    }
  }
  if (r.flag('frmmixcfginfoe')) {
    if (c.numblkscod === 0) r.u(5, 'blkmixcfginfo[0]');
    else for (let blk = 0; blk < c.blocks; blk++) if (r.flag(`blkmixcfginfoe[${blk}]`)) r.u(5, `blkmixcfginfo[${blk}]`);
  }
}

/** Informational metadata (A/52 E.1.2.2, infomdate = 1). */
function readEac3Info(r: FieldReader, c: Eac3Context): void {
  r.u(3, 'bsmod', BSMODS);
  r.flag('copyrightb');
  r.flag('origbs', { 0: 'copy', 1: 'original bit stream' });
  if (c.acmod === 2) {
    r.u(2, 'dsurmod', DSURMODS);
    r.u(2, 'dheadphonmod');
  }
  if (c.acmod >= 6) r.u(2, 'dsurexmod');
  if (r.flag('audprodie')) {
    r.u(5, 'mixlevel', (v) => `${80 + v} dB SPL peak mixing level`);
    r.u(2, 'roomtyp', ROOMTYPS);
    r.flag('adconvtyp', { 0: 'standard A/D converter', 1: 'HDCD A/D converter' });
  }
  if (c.acmod === 0 && r.flag('audprodi2e')) {
    r.u(5, 'mixlevel2');
    r.u(2, 'roomtyp2', ROOMTYPS);
    r.flag('adconvtyp2');
  }
  if (c.fscod < 3) r.flag('sourcefscod', { 0: 'source sample rate as coded', 1: 'source sample rate was twice the coded rate' });
}

function derive(r: FieldReader, h: Ac3Header): void {
  if (h.sampleRate !== undefined) {
    r.derive('sample_rate', h.sampleRate, `${h.sampleRate} Hz`);
    r.derive('frame_duration', h.samples / h.sampleRate, `${h.samples} samples = ${((h.samples / h.sampleRate) * 1000).toFixed(3)} ms`);
  }
  r.derive('channels', h.channels, `${ACMOD_CHANNELS[h.acmod]}${h.lfeon ? '.1' : ''}`);
}
