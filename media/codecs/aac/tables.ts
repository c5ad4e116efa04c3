/** MPEG-4 Audio tables (ISO/IEC 14496-3 1.5.1.1, 1.6.3), shared by AudioSpecificConfig and ADTS. */

/** Audio Object Types (Table 1.1); 31 is the escape to 32 + audioObjectTypeExt. */
export const AUDIO_OBJECT_TYPES = {
  0: 'Null',
  1: 'AAC Main',
  2: 'AAC LC',
  3: 'AAC SSR',
  4: 'AAC LTP',
  5: 'SBR (HE-AAC)',
  6: 'AAC Scalable',
  7: 'TwinVQ',
  8: 'CELP',
  9: 'HVXC',
  12: 'TTSI',
  13: 'Main synthetic',
  14: 'Wavetable synthesis',
  15: 'General MIDI',
  16: 'Algorithmic Synthesis and Audio FX',
  17: 'ER AAC LC',
  19: 'ER AAC LTP',
  20: 'ER AAC Scalable',
  21: 'ER TwinVQ',
  22: 'ER BSAC',
  23: 'ER AAC LD',
  24: 'ER CELP',
  25: 'ER HVXC',
  26: 'ER HILN',
  27: 'ER Parametric',
  28: 'SSC',
  29: 'PS (HE-AAC v2)',
  30: 'MPEG Surround',
  31: 'escape',
  32: 'Layer-1',
  33: 'Layer-2',
  34: 'Layer-3',
  35: 'DST',
  36: 'ALS',
  37: 'SLS',
  38: 'SLS non-core',
  39: 'ER AAC ELD',
  40: 'SMR Simple',
  41: 'SMR Main',
  42: 'USAC',
  43: 'SAOC',
  44: 'LD MPEG Surround',
  45: 'SAOC-DE',
  46: 'Audio Sync',
} as const satisfies Record<number, string>;

/** samplingFrequencyIndex (Table 1.18): 13 and 14 are reserved, 15 escapes to a 24-bit frequency. */
export const SAMPLING_FREQUENCIES: readonly number[] = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

export const SAMPLING_FREQUENCY_ESCAPE = 0xf;

export function samplingFrequencyText(index: number): string {
  const hz = SAMPLING_FREQUENCIES[index];
  if (hz !== undefined) return `${hz} Hz`;
  return index === SAMPLING_FREQUENCY_ESCAPE ? 'explicit frequency follows' : 'reserved';
}

/** channelConfiguration (Table 1.19, with the 2019 additions 11 to 14). */
export const CHANNEL_CONFIGURATIONS = {
  0: 'defined in the audio object type specific config',
  1: '1 channel: front centre',
  2: '2 channels: front left, front right',
  3: '3 channels: front centre, left, right',
  4: '4 channels: front centre, left, right; back centre',
  5: '5 channels: front centre, left, right; back left, back right',
  6: '6 channels (5.1): front centre, left, right; back left, back right; LFE',
  7: '8 channels (7.1): front centre, left, right; outside left, right; back left, back right; LFE',
  11: '7 channels (6.1)',
  12: '8 channels (7.1, rear surround)',
  13: '24 channels (22.2)',
  14: '8 channels (7.1, front height)',
} as const satisfies Record<number, string>;

/** The number of output channels of a channelConfiguration (0 when it is given elsewhere or reserved). */
export const CHANNEL_COUNTS: Readonly<Record<number, number>> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 8, 11: 7, 12: 8, 13: 24, 14: 8 };
