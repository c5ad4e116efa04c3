/**
 * ics_info() and section_data() of an individual_channel_stream (ISO/IEC 14496-3 4.4.2.7, 4.4.2.7 Table 4.46/4.52):
 * the parts of an SCE/CPE/LFE that can be read without Huffman decoding, and whose values can be bounded.
 */
import type { FieldReader } from '../../model/field-reader.js';
import { type Diagnostic, diagnostic } from '../../model/types.js';
import { SAMPLING_FREQUENCIES } from './tables.js';

export const WINDOW_SEQUENCES = { 0: 'ONLY_LONG_SEQUENCE', 1: 'LONG_START_SEQUENCE', 2: 'EIGHT_SHORT_SEQUENCE', 3: 'LONG_STOP_SEQUENCE' } as const;
export const EIGHT_SHORT_SEQUENCE = 2;

/** Scale factor bands per long window (1024 samples), by sampling_frequency_index (ISO/IEC 14496-3 4.5.4, swb tables). */
const NUM_SWB_LONG_1024 = [41, 41, 47, 49, 49, 51, 47, 47, 43, 43, 43, 40, 40] as const;
/** ... for the 960-sample frame. */
const NUM_SWB_LONG_960 = [40, 40, 45, 49, 49, 49, 46, 46, 42, 42, 42, 40, 40] as const;
/** ... per short window (128 or 120 samples). */
const NUM_SWB_SHORT = [12, 12, 12, 14, 14, 14, 15, 15, 15, 15, 15, 15, 15] as const;
/** PRED_SFB_MAX: bands a Main-profile predictor covers (ISO/IEC 14496-3 4.6.6 Table 4.156). */
const PRED_SFB_MAX = [33, 33, 38, 40, 40, 40, 41, 41, 37, 37, 37, 34, 34] as const;
/** MAX_LTP_LONG_SFB (4.6.7). */
const MAX_LTP_LONG_SFB = 40;

/** Section codebooks (Table 4.157): 12 is reserved; 13-15 are not spectral Huffman codebooks. */
export const SECTION_CODEBOOKS = {
  0: 'ZERO_HCB', 1: 'spectral codebook 1', 2: 'spectral codebook 2', 3: 'spectral codebook 3', 4: 'spectral codebook 4',
  5: 'spectral codebook 5', 6: 'spectral codebook 6', 7: 'spectral codebook 7', 8: 'spectral codebook 8', 9: 'spectral codebook 9',
  10: 'spectral codebook 10', 11: 'ESC_HCB', 12: 'reserved', 13: 'NOISE_HCB (PNS)', 14: 'INTENSITY_HCB2', 15: 'INTENSITY_HCB',
} as const;

/** What the element readers need to know about the stream. */
export interface RawAacContext {
  /** Default 2 (AAC LC). */
  audioObjectType?: number;
  samplingFrequencyIndex?: number;
  /** In Hz, when the index is not known (AudioConfigData carries the frequency). */
  samplingFrequency?: number;
  channelConfiguration?: number;
  /** frameLengthFlag of GASpecificConfig: 960-sample frames. */
  frameLength960?: boolean;
}

/** Lower bounds of the frequency ranges mapped to each index (ISO/IEC 14496-3 Table 4.82). */
const RATE_FLOORS = [92017, 75132, 55426, 46009, 37566, 27713, 23004, 18783, 13856, 11502, 9391, 0] as const;

/** The sampling_frequency_index whose tables apply to a stream. */
export function samplingIndexOf(ctx: RawAacContext): number | undefined {
  if (ctx.samplingFrequencyIndex !== undefined) return ctx.samplingFrequencyIndex <= 12 ? ctx.samplingFrequencyIndex : undefined;
  const hz = ctx.samplingFrequency;
  if (hz === undefined || hz <= 0) return undefined;
  const exact = SAMPLING_FREQUENCIES.indexOf(hz);
  if (exact >= 0) return exact;
  return RATE_FLOORS.findIndex((floor) => hz >= floor);
}

export interface IcsInfo {
  icsReservedBit: number;
  windowSequence: number;
  windowShape: number;
  maxSfb: number;
  numWindowGroups: number;
  predictorDataPresent: boolean;
}

/** The limit on max_sfb for a window sequence, or undefined when the sampling frequency is unknown. */
export function maxSfbLimit(ctx: RawAacContext, windowSequence: number): number | undefined {
  const sfi = samplingIndexOf(ctx);
  if (sfi === undefined) return undefined;
  if (windowSequence === EIGHT_SHORT_SEQUENCE) return NUM_SWB_SHORT[sfi];
  return (ctx.frameLength960 ? NUM_SWB_LONG_960 : NUM_SWB_LONG_1024)[sfi];
}

/** ics_info() (Table 4.6). `commonWindow` matters only for the second LTP data of a CPE. */
export function readIcsInfo(r: FieldReader, ctx: RawAacContext, commonWindow: boolean, out: Diagnostic[]): IcsInfo {
  return r.group('ics_info', () => {
    const at = r.absByte;
    const icsReservedBit = r.u(1, 'ics_reserved_bit');
    if (icsReservedBit !== 0) out.push(diagnostic('error', 'aac-ics-reserved-bit-set', 'ics_reserved_bit shall be 0', at, at + 1));
    const windowSequence = r.u(2, 'window_sequence', WINDOW_SEQUENCES);
    const windowShape = r.u(1, 'window_shape', { 0: 'sine window', 1: 'Kaiser-Bessel derived window' });
    const short = windowSequence === EIGHT_SHORT_SEQUENCE;
    const maxSfbAt = r.absByte;
    const maxSfb = r.u(short ? 4 : 6, 'max_sfb', (v) => `${v} scale factor bands transmitted`);
    const limit = maxSfbLimit(ctx, windowSequence);
    if (limit !== undefined && maxSfb > limit) {
      out.push(diagnostic('error', 'aac-max-sfb-too-large', `max_sfb ${maxSfb} exceeds the ${limit} scale factor bands of a ${short ? 'short' : 'long'} window at this sampling rate`, maxSfbAt, maxSfbAt + 2));
    }
    let numWindowGroups = 1;
    let predictorDataPresent = false;
    if (short) {
      const grouping = r.u(7, 'scale_factor_grouping', (v) => `${1 + countZeroBits(v, 7)} window groups`);
      numWindowGroups = 1 + countZeroBits(grouping, 7);
    } else {
      const predAt = r.absByte;
      predictorDataPresent = r.flag('predictor_data_present');
      if (predictorDataPresent) readPredictorData(r, ctx, maxSfb, commonWindow, out, predAt);
    }
    return { icsReservedBit, windowSequence, windowShape, maxSfb, numWindowGroups, predictorDataPresent };
  });
}

function countZeroBits(v: number, bits: number): number {
  let zeros = 0;
  for (let i = 0; i < bits; i++) if (((v >> i) & 1) === 0) zeros++;
  return zeros;
}

function readPredictorData(r: FieldReader, ctx: RawAacContext, maxSfb: number, commonWindow: boolean, out: Diagnostic[], at: number): void {
  const aot = ctx.audioObjectType ?? 2;
  const sfi = samplingIndexOf(ctx) ?? 4;
  if (aot === 1) {
    if (r.flag('predictor_reset')) r.u(5, 'predictor_reset_group_number');
    const n = Math.min(maxSfb, PRED_SFB_MAX[sfi]!);
    r.table('prediction_used', n, () => r.flag('prediction_used'));
    return;
  }
  if (aot === 4) {
    if (r.flag('ltp_data_present')) readLtpData(r, maxSfb);
    if (commonWindow && r.flag('ltp_data_present')) readLtpData(r, maxSfb);
    return;
  }
  // AAC LC and the object types built on it have no prediction tool.
  out.push(diagnostic('error', 'aac-predictor-not-allowed', `predictor_data_present is 1, but audio object type ${aot} has no prediction tool`, at, at + 1));
}

/** ltp_data() for long windows (4.4.2.7 Table 4.7, not the AAC-LD variant). */
function readLtpData(r: FieldReader, maxSfb: number): void {
  r.group('ltp_data', () => {
    r.u(11, 'ltp_lag');
    r.u(3, 'ltp_coef');
    r.table('ltp_long_used', Math.min(maxSfb, MAX_LTP_LONG_SFB), () => r.flag('ltp_long_used'));
  });
}

/**
 * section_data() (Table 4.52) for the non-resilient syntax: per window group, (sect_cb, sect_len) runs until max_sfb bands are covered.
 * Returns false when the data cannot be a valid section layout (reserved codebook, sections past max_sfb).
 */
export function readSectionData(r: FieldReader, ics: IcsInfo, allowIntensity: boolean, out: Diagnostic[]): boolean {
  const short = ics.windowSequence === EIGHT_SHORT_SEQUENCE;
  const sectBits = short ? 3 : 5;
  const sectEscVal = (1 << sectBits) - 1;
  let ok = true;
  r.group('section_data', () => {
    for (let g = 0; g < ics.numWindowGroups && ok; g++) {
      let k = 0;
      // Each section covers at least one band, so max_sfb bounds the loop.
      for (let i = 0; k < ics.maxSfb; i++) {
        const at = r.absByte;
        const cb = r.u(4, `sect_cb[${g}][${i}]`, SECTION_CODEBOOKS);
        let sectLen = 0;
        let incr = r.u(sectBits, 'sect_len_incr');
        while (incr === sectEscVal && sectLen < 64) {
          sectLen += sectEscVal;
          incr = r.u(sectBits, 'sect_len_incr');
        }
        sectLen += incr;
        if (cb === 12 || (!allowIntensity && cb >= 14)) {
          const why = cb === 12 ? 'codebook 12 is reserved' : 'intensity codebooks are only allowed in the second channel of a pair';
          out.push(diagnostic('error', 'aac-bad-section-codebook', `sect_cb ${cb}: ${why}`, at, r.absByte + 1));
          ok = false;
          break;
        }
        if (sectLen === 0 || k + sectLen > ics.maxSfb) {
          out.push(diagnostic('error', 'aac-section-overruns-max-sfb', `a section of ${sectLen} bands from band ${k} runs past max_sfb ${ics.maxSfb}`, at, r.absByte + 1));
          ok = false;
          break;
        }
        k += sectLen;
      }
    }
  });
  return ok;
}
