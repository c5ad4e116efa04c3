/**
 * ADTS header (ISO/IEC 14496-3 1.A.3.2 adts_fixed_header / adts_variable_header / adts_error_check):
 * the 7- or 9-byte header that frames each AAC access unit in .aac files and MPEG-TS.
 */
import type { FieldReader } from '../../model/field-reader.js';
import { type Diagnostic, diagnostic } from '../../model/types.js';
import { OutOfData } from '../../bits/errors.js';
import type { AudioConfigData } from '../config-data.js';
import { CHANNEL_CONFIGURATIONS, CHANNEL_COUNTS, SAMPLING_FREQUENCIES } from './tables.js';

/** profile_ObjectType for ID = 0 (MPEG-4): the audio object type minus one. */
export const ADTS_PROFILES = { 0: 'AAC Main (object type 1)', 1: 'AAC LC (object type 2)', 2: 'AAC SSR (object type 3)', 3: 'AAC LTP (object type 4)' } as const;
/** profile for ID = 1 (MPEG-2 AAC, ISO/IEC 13818-7): LTP does not exist there. */
const MPEG2_PROFILES = { 0: 'Main profile (object type 1)', 1: 'Low Complexity profile (object type 2)', 2: 'Scalable Sampling Rate profile (object type 3)', 3: 'reserved' } as const;

/** channel_configuration: 3 bits in ADTS, where 0 means a program_config_element in the raw data. */
const channelConfigText = (v: number): string | undefined =>
  v === 0 ? 'defined in a program_config_element in the raw data' : (CHANNEL_CONFIGURATIONS as Record<number, string>)[v];

/** Number of output channels of a channel_configuration (0: unknown without the PCE). */
export function channelCount(config: number): number {
  return CHANNEL_COUNTS[config] ?? 0;
}

export function sampleRateOf(samplingFrequencyIndex: number): number | undefined {
  return SAMPLING_FREQUENCIES[samplingFrequencyIndex];
}

/** Each raw_data_block holds 1024 samples per channel (ADTS cannot signal the 960-sample frame). */
export const ADTS_SAMPLES_PER_BLOCK = 1024;

export interface AdtsHeader {
  /** 0: MPEG-4, 1: MPEG-2 AAC. */
  id: number;
  layer: number;
  protectionAbsent: boolean;
  profileObjectType: number;
  /** profile_ObjectType + 1 */
  audioObjectType: number;
  samplingFrequencyIndex: number;
  sampleRate: number | undefined;
  privateBit: boolean;
  channelConfiguration: number;
  channels: number;
  originalCopy: boolean;
  home: boolean;
  copyrightIdentificationBit: boolean;
  copyrightIdentificationStart: boolean;
  /** aac_frame_length: the whole frame, header included. */
  frameLength: number;
  /** 0x7FF means variable bit rate. */
  bufferFullness: number;
  /** number_of_raw_data_blocks_in_frame + 1 */
  rawDataBlocks: number;
  /** raw_data_block_position[1..n]: byte offsets of the blocks after the first, from the end of the header (CRC-protected multi-block frames only). */
  rawDataBlockPositions: number[];
  crcCheck?: number;
  /** Bytes of header, error check included. */
  headerLength: number;
  /** Samples per channel in the frame. */
  samples: number;
}

/** Bytes of the header a frame with these flags has (fixed + variable + adts_error_check or adts_header_error_check). */
export function adtsHeaderLength(protectionAbsent: boolean, rawDataBlocks: number): number {
  if (protectionAbsent) return 7;
  return rawDataBlocks > 1 ? 7 + 2 * (rawDataBlocks - 1) + 2 : 9;
}

/**
 * Cheap test of the 7 header bytes at `at` (no recording, no exceptions): syncword, layer 0,
 * a usable sampling_frequency_index and an aac_frame_length that holds its own header.
 * Returns the frame length, or 0 when the bytes are not a usable ADTS header.
 */
export function adtsFrameLengthAt(bytes: Uint8Array, at: number): number {
  if (at < 0 || at + 7 > bytes.length) return 0;
  const b1 = bytes[at + 1]!;
  if (bytes[at] !== 0xff || (b1 & 0xf6) !== 0xf0) return 0; // syncword 0xFFF, layer '00'
  const b2 = bytes[at + 2]!;
  if (((b2 >> 2) & 0x0f) > 12) return 0;
  const length = ((bytes[at + 3]! & 0x03) << 11) | (bytes[at + 4]! << 3) | (bytes[at + 5]! >> 5);
  const blocks = (bytes[at + 6]! & 0x03) + 1;
  return length >= adtsHeaderLength((b1 & 1) === 1, blocks) ? length : 0;
}

/**
 * Reads adts_fixed_header, adts_variable_header and the error check at the reader's (byte-aligned) position.
 * Problems become diagnostics in `out`; a CRC cut off by the end of the data is reported, not thrown.
 * A syncword mismatch is reported too: the caller decided this is a frame.
 */
export function readAdtsHeader(r: FieldReader, out: Diagnostic[]): AdtsHeader {
  const start = r.absByte;
  const syncword = r.u(12, 'syncword');
  if (syncword !== 0xfff) out.push(diagnostic('error', 'adts-bad-syncword', `syncword is 0x${syncword.toString(16)}, not 0xFFF`, start, start + 2));
  const id = r.u(1, 'ID', { 0: 'MPEG-4', 1: 'MPEG-2 AAC (ISO/IEC 13818-7)' });
  const layer = r.u(2, 'layer');
  if (layer !== 0) out.push(diagnostic('error', 'adts-bad-layer', `layer is ${layer}; ADTS requires '00'`, start + 1, start + 2));
  const protectionAbsent = r.flag('protection_absent', { 0: 'CRC present', 1: 'no CRC' });
  const profileObjectType = r.u(2, 'profile_ObjectType', id === 0 ? ADTS_PROFILES : MPEG2_PROFILES);
  const samplingFrequencyIndex = r.u(4, 'sampling_frequency_index', (v) => {
    const hz = sampleRateOf(v);
    if (hz !== undefined) return `${hz} Hz`;
    return v === 15 ? 'escape value (not allowed in ADTS)' : 'reserved';
  });
  const sampleRate = sampleRateOf(samplingFrequencyIndex);
  if (sampleRate === undefined) {
    const what = samplingFrequencyIndex === 15 ? 'is the explicit-frequency escape, which ADTS cannot carry' : 'is reserved';
    out.push(diagnostic('error', 'adts-bad-sampling-frequency-index', `sampling_frequency_index ${samplingFrequencyIndex} ${what}`, start + 2, start + 3));
  }
  const privateBit = r.flag('private_bit');
  const channelConfiguration = r.u(3, 'channel_configuration', channelConfigText);
  const originalCopy = r.flag('original_copy', { 0: 'copy', 1: 'original' });
  const home = r.flag('home');
  // adts_variable_header
  const copyrightIdentificationBit = r.flag('copyright_identification_bit');
  const copyrightIdentificationStart = r.flag('copyright_identification_start', { 0: 'not the start of the copyright identifier', 1: 'first bit of the 72-bit copyright identifier' });
  const frameLength = r.u(13, 'aac_frame_length', (v) => `${v} bytes, header included`);
  const bufferFullness = r.u(11, 'adts_buffer_fullness', (v) => (v === 0x7ff ? 'variable bit rate' : `${v * 32} bits in the decoder buffer`));
  const rawDataBlocks = r.u(2, 'number_of_raw_data_blocks_in_frame', (v) => `${v + 1} raw_data_block${v === 0 ? '' : 's'}`) + 1;
  const headerLength = adtsHeaderLength(protectionAbsent, rawDataBlocks);
  const samples = rawDataBlocks * ADTS_SAMPLES_PER_BLOCK;
  const channels = channelCount(channelConfiguration);
  if (frameLength < headerLength) {
    out.push(diagnostic('error', 'adts-frame-length-too-short', `aac_frame_length ${frameLength} is shorter than the ${headerLength}-byte header`, start + 3, start + 6));
  }
  const header: AdtsHeader = {
    id, layer, protectionAbsent, profileObjectType, audioObjectType: profileObjectType + 1, samplingFrequencyIndex, sampleRate,
    privateBit, channelConfiguration, channels, originalCopy, home, copyrightIdentificationBit, copyrightIdentificationStart,
    frameLength, bufferFullness, rawDataBlocks, rawDataBlockPositions: [], headerLength, samples,
  };
  if (!protectionAbsent) readErrorCheck(r, header, out, start);
  r.derive('audio_object_type', header.audioObjectType, `profile_ObjectType + 1 (mp4a.40.${header.audioObjectType})`);
  if (sampleRate !== undefined) {
    r.derive('sample_rate', sampleRate, `${sampleRate} Hz`);
    r.derive('frame_duration', samples / sampleRate, `${samples} samples = ${((samples / sampleRate) * 1000).toFixed(3)} ms`);
  }
  if (channels > 0) r.derive('channels', channels);
  return header;
}

/** adts_error_check / adts_header_error_check: raw_data_block_position[i] and crc_check. */
function readErrorCheck(r: FieldReader, h: AdtsHeader, out: Diagnostic[], start: number): void {
  try {
    for (let i = 1; i < h.rawDataBlocks; i++) {
      h.rawDataBlockPositions.push(r.u16(`raw_data_block_position[${i}]`, (v) => `block ${i + 1} starts ${v} bytes after the header`));
    }
    h.crcCheck = r.u16('crc_check');
  } catch (e) {
    if (!(e instanceof OutOfData)) throw e;
    out.push(diagnostic('error', 'adts-crc-cut-off', `protection_absent is 0 but the data ends before crc_check`, start + 7, Math.max(start + 7, r.absByte)));
  }
}

/**
 * The 2-byte AudioSpecificConfig equivalent to an ADTS header (ISO/IEC 14496-3 1.6.2.1 with GASpecificConfig):
 * audioObjectType (5), samplingFrequencyIndex (4), channelConfiguration (4), frameLengthFlag 0, dependsOnCoreCoder 0, extensionFlag 0.
 * With channel_configuration 0 the channel layout lives in a PCE the caller must carry separately.
 */
export function adtsToAudioSpecificConfig(h: Pick<AdtsHeader, 'audioObjectType' | 'samplingFrequencyIndex' | 'channelConfiguration'>): Uint8Array {
  const aot = h.audioObjectType & 0x1f;
  const sfi = h.samplingFrequencyIndex & 0x0f;
  const ch = h.channelConfiguration & 0x0f;
  return new Uint8Array([(aot << 3) | (sfi >> 1), ((sfi & 1) << 7) | (ch << 3)]);
}

/** The AudioConfigData (as the MP4 side keeps it) an ADTS stream implies, for tracks and remux. */
export function adtsAudioConfig(h: AdtsHeader): AudioConfigData {
  return {
    audioObjectType: h.audioObjectType,
    samplingFrequency: h.sampleRate ?? 0,
    channelConfiguration: h.channelConfiguration,
    raw: adtsToAudioSpecificConfig(h),
  };
}
