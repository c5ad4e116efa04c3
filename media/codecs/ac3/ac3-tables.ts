/**
 * Tables of ATSC A/52 (AC-3, and E-AC-3 in its Annex E): sample rates, frame sizes, channel modes.
 */

/** fscod (A/52 Table 5.6); 3 is reserved in AC-3 and means "see fscod2" in E-AC-3. */
export const AC3_SAMPLE_RATES: readonly number[] = [48000, 44100, 32000];
/** fscod2 (A/52 Table E1.3), the reduced rates of E-AC-3. */
export const EAC3_REDUCED_SAMPLE_RATES: readonly number[] = [24000, 22050, 16000];

/** Nominal bit rate in kbit/s of frmsizecod >> 1 (A/52 Table 5.18). */
const AC3_BIT_RATES = [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 576, 640] as const;

export const AC3_MAX_FRMSIZECOD = 37;

export function ac3BitRate(frmsizecod: number): number | undefined {
  return AC3_BIT_RATES[frmsizecod >> 1];
}

/**
 * Bytes in an AC-3 syncframe (A/52 Table 5.18, in 16-bit words): 1536 samples at the nominal bit rate;
 * at 44.1 kHz the odd frmsizecod carries one extra word to keep the average exact.
 */
export function ac3FrameBytes(fscod: number, frmsizecod: number): number | undefined {
  const kbps = ac3BitRate(frmsizecod);
  if (kbps === undefined || fscod > 2) return undefined;
  const words = fscod === 0 ? kbps * 2 : fscod === 2 ? kbps * 3 : Math.floor((kbps * 320) / 147) + (frmsizecod & 1);
  return words * 2;
}

/** acmod (A/52 Table 5.8): the coding mode, front/rear channels. */
export const ACMODS = {
  0: '1+1: two independent mono channels (Ch1, Ch2)',
  1: '1/0: mono (C)',
  2: '2/0: stereo (L, R)',
  3: '3/0: L, C, R',
  4: '2/1: L, R, S',
  5: '3/1: L, C, R, S',
  6: '2/2: L, R, Ls, Rs',
  7: '3/2: L, C, R, Ls, Rs',
} as const;

/** Full-bandwidth channels of each acmod. */
export const ACMOD_CHANNELS: readonly number[] = [2, 1, 2, 3, 3, 4, 4, 5];

/** bsmod (A/52 Table 5.7), for acmod other than 1/0 where bsmod 7 is the karaoke service. */
export const BSMODS = {
  0: 'main audio service: complete main (CM)',
  1: 'main audio service: music and effects (ME)',
  2: 'associated service: visually impaired (VI)',
  3: 'associated service: hearing impaired (HI)',
  4: 'associated service: dialogue (D)',
  5: 'associated service: commentary (C)',
  6: 'associated service: emergency (E)',
  7: 'associated service: voice over (VO) or main audio service: karaoke',
} as const;

/** cmixlev (A/52 Table 5.9): centre mix level for a two-channel downmix. */
export const CMIXLEVS = { 0: '0.707 (-3.0 dB)', 1: '0.595 (-4.5 dB)', 2: '0.500 (-6.0 dB)', 3: 'reserved' } as const;
/** surmixlev (A/52 Table 5.10). */
export const SURMIXLEVS = { 0: '0.707 (-3 dB)', 1: '0.500 (-6 dB)', 2: '0 (off)', 3: 'reserved' } as const;
/** dsurmod (A/52 Table 5.11). */
export const DSURMODS = { 0: 'not indicated', 1: 'not Dolby Surround encoded', 2: 'Dolby Surround encoded', 3: 'reserved' } as const;
/** roomtyp (A/52 Table 5.12). */
export const ROOMTYPS = { 0: 'not indicated', 1: 'large room, X curve monitor', 2: 'small room, flat monitor', 3: 'reserved' } as const;

/** strmtyp (A/52 Table E1.1). */
export const STRMTYPS = {
  0: 'independent substream (Type 0)',
  1: 'dependent substream (Type 1)',
  2: 'independent, converted from AC-3 (Type 2)',
  3: 'reserved',
} as const;

/** numblkscod (A/52 Table E1.4): audio blocks per syncframe. */
export const EAC3_BLOCKS: readonly number[] = [1, 2, 3, 6];

/** Samples per audio block (A/52 5.4.3): 256 per channel. */
export const AC3_SAMPLES_PER_BLOCK = 256;
