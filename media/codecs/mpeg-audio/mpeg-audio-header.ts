/**
 * The 32-bit header of an MPEG-1/2 audio frame (ISO/IEC 11172-3 2.4.1.3, ISO/IEC 13818-3 for the lower sample
 * rates, and the unofficial MPEG-2.5 extension that every decoder accepts), with its optional CRC.
 */
import type { FieldReader } from '../../model/field-reader.js';
import { type Diagnostic, diagnostic } from '../../model/types.js';

/** Bit rates in kbit/s by [MPEG-1 ? 0 : 1][layer - 1][bitrate_index]; index 0 is "free format", 15 is not allowed. */
const BIT_RATES: readonly (readonly (readonly number[])[])[] = [
  [
    [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  ],
  [
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  ],
];

/** Sample rates of sampling_frequency 0..2 for MPEG-1, MPEG-2 and MPEG-2.5. */
const SAMPLE_RATES: Readonly<Record<number, readonly number[]>> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

const VERSIONS = { 0: 'MPEG-2.5 (unofficial extension)', 1: 'reserved', 2: 'MPEG-2 (ISO/IEC 13818-3)', 3: 'MPEG-1 (ISO/IEC 11172-3)' } as const;
const LAYERS = { 0: 'reserved', 1: 'Layer III', 2: 'Layer II', 3: 'Layer I' } as const;
const MODES = { 0: 'stereo', 1: 'joint stereo', 2: 'dual channel', 3: 'single channel' } as const;
const EMPHASES = { 0: 'none', 1: '50/15 microseconds', 2: 'reserved', 3: 'CCITT J.17' } as const;

export interface MpegAudioHeader {
  /** 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5. */
  version: number;
  /** 1, 2 or 3. */
  layer: number;
  protected: boolean;
  bitRate: number;
  sampleRate: number;
  padding: boolean;
  channels: number;
  frameLength: number;
  /** Samples per channel in the frame. */
  samples: number;
  /** ffprobe's codec name: mp1, mp2 or mp3. */
  codecName: string;
}

function facts(version: number, layerBits: number, bitrateIndex: number, rateIndex: number, padding: boolean, mode: number, protectedFrame: boolean): MpegAudioHeader | undefined {
  const rates = SAMPLE_RATES[version];
  if (!rates || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return undefined;
  const layer = 4 - layerBits;
  const bitRate = BIT_RATES[version === 3 ? 0 : 1]![layer - 1]![bitrateIndex]!;
  const sampleRate = rates[rateIndex]!;
  const samples = layer === 1 ? 384 : layer === 3 && version !== 3 ? 576 : 1152;
  // Bytes per frame: samples / 8 bits of bit rate per sample rate; Layer I counts in 4-byte slots.
  const frameLength = layer === 1 ? (Math.floor((12000 * bitRate) / sampleRate) + (padding ? 1 : 0)) * 4 : Math.floor((samples / 8) * 1000 * bitRate / sampleRate) + (padding ? 1 : 0);
  return { version, layer, protected: protectedFrame, bitRate, sampleRate, padding, channels: mode === 3 ? 1 : 2, frameLength, samples, codecName: `mp${layer}` };
}

/** The header at `at` read without recording; undefined unless it is a usable frame header (free format is not). */
export function peekMpegAudio(bytes: Uint8Array, at: number): MpegAudioHeader | undefined {
  if (at < 0 || at + 4 > bytes.length) return undefined;
  const b1 = bytes[at + 1]!;
  if (bytes[at] !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const b2 = bytes[at + 2]!;
  return facts((b1 >> 3) & 3, (b1 >> 1) & 3, b2 >> 4, (b2 >> 2) & 3, (b2 & 2) !== 0, bytes[at + 3]! >> 6, (b1 & 1) === 0);
}

/** Reads header() and, when protection_bit is 0, crc_check, at the reader's byte-aligned position. */
export function readMpegAudioHeader(r: FieldReader, out: Diagnostic[]): MpegAudioHeader | undefined {
  const start = r.absByte;
  r.u(11, 'syncword');
  const version = r.u(2, 'ID', VERSIONS);
  const layerBits = r.u(2, 'layer', LAYERS);
  const protectionBit = r.u(1, 'protection_bit', { 0: 'CRC follows the header', 1: 'no CRC' });
  const bitrateIndex = r.u(4, 'bitrate_index');
  const rateIndex = r.u(2, 'sampling_frequency');
  const padding = r.flag('padding_bit', { 0: 'no padding slot', 1: 'one padding slot' });
  r.flag('private_bit');
  const mode = r.u(2, 'mode', MODES);
  r.u(2, 'mode_extension');
  r.flag('copyright');
  r.flag('original/copy', { 0: 'copy', 1: 'original' });
  r.u(2, 'emphasis', EMPHASES);
  if (protectionBit === 0) r.u16('crc_check');
  const h = facts(version, layerBits, bitrateIndex, rateIndex, padding, mode, protectionBit === 0);
  if (!h) {
    out.push(diagnostic('error', 'mpeg-audio-bad-header', 'the header has a reserved version, layer, bit rate or sampling frequency, or a free-format bit rate', start, start + 4));
    return undefined;
  }
  const bitrateField = r.fields.find((f) => f.name === 'bitrate_index');
  if (bitrateField && r.recording) bitrateField.display = `${h.bitRate} kbit/s`;
  const rateField = r.fields.find((f) => f.name === 'sampling_frequency');
  if (rateField && r.recording) rateField.display = `${h.sampleRate} Hz`;
  r.derive('frame_length', h.frameLength, `${h.frameLength} bytes`);
  r.derive('frame_duration', h.samples / h.sampleRate, `${h.samples} samples = ${((h.samples / h.sampleRate) * 1000).toFixed(3)} ms`);
  return h;
}
