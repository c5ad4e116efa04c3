/**
 * Raw elementary streams for `extract`: AAC as ADTS frames (raw AAC has no framing, so players need
 * a header per frame: ISO/IEC 14496-3 1.A.2, built from the AudioSpecificConfig), and H.264/HEVC as
 * Annex B with the parameter sets before every key frame (so playback can start at any of them).
 */
import { annexBAccessUnit, lengthPrefixedUnits } from '../codecs/avc/nal-convert.js';
import type { SampleDescription } from '../model/document-model.js';
import { RemuxError } from './remux-error.js';

/** What an ADTS header needs from an AudioSpecificConfig. */
export interface AdtsConfig {
  /** profile_ObjectType: audioObjectType - 1 (0 Main, 1 LC, 2 SSR, 3 LTP). */
  profile: number;
  samplingFrequencyIndex: number;
  channelConfiguration: number;
}

/**
 * Reads audioObjectType, samplingFrequencyIndex and channelConfiguration (1.6.2.1). With explicit
 * SBR/PS signalling (object type 5 or 29) ADTS carries the core: its object type and the core rate.
 */
export function adtsConfigOf(asc: Uint8Array): AdtsConfig {
  let bit = 0;
  const read = (n: number): number => {
    let v = 0;
    for (let k = 0; k < n; k++, bit++) {
      const byte = asc[bit >> 3];
      if (byte === undefined) throw new RemuxError('the AudioSpecificConfig is cut short');
      v = (v << 1) | ((byte >> (7 - (bit & 7))) & 1);
    }
    return v;
  };
  const objectType = (): number => {
    const t = read(5);
    return t === 31 ? 32 + read(6) : t;
  };
  const frequencyIndex = (): number => {
    const i = read(4);
    if (i === 15) {
      read(24);
      throw new RemuxError('an explicit sampling frequency has no ADTS sampling_frequency_index');
    }
    return i;
  };
  let aot = objectType();
  const sfi = frequencyIndex();
  const channels = read(4);
  if (aot === 5 || aot === 29) {
    frequencyIndex(); // extensionSamplingFrequencyIndex
    aot = objectType(); // the core object type
  }
  if (aot < 1 || aot > 4) throw new RemuxError(`audio object type ${aot} cannot be carried in ADTS (only 1 to 4)`);
  if (channels === 0) throw new RemuxError('channel configuration 0 (a program_config_element) is not supported in ADTS output');
  return { profile: aot - 1, samplingFrequencyIndex: sfi, channelConfiguration: channels };
}

/** One ADTS frame: a 7-byte header (protection_absent = 1, MPEG-4, VBR fullness 0x7FF) and the raw frame. */
export function adtsFrame(c: AdtsConfig, raw: Uint8Array): Uint8Array {
  const length = 7 + raw.length;
  if (length > 0x1fff) throw new RemuxError(`an AAC frame of ${raw.length} bytes is too long for ADTS`);
  const out = new Uint8Array(length);
  out[0] = 0xff; // syncword (12 bits)
  out[1] = 0xf1; // syncword, ID = 0 (MPEG-4), layer = 00, protection_absent = 1
  out[2] = (c.profile << 6) | (c.samplingFrequencyIndex << 2) | (c.channelConfiguration >> 2); // profile, sfi, private_bit 0, channel_configuration high bit
  out[3] = ((c.channelConfiguration & 3) << 6) | (length >> 11); // channel_configuration low bits, original/copy, home, copyright bits, frame_length high bits
  out[4] = (length >> 3) & 0xff; // aac_frame_length
  out[5] = ((length & 7) << 5) | 0x1f; // aac_frame_length low bits, adts_buffer_fullness = 0x7FF (VBR)
  out[6] = 0xfc; // adts_buffer_fullness low bits, number_of_raw_data_blocks_in_frame = 0
  out.set(raw, 7);
  return out;
}

/** Parameter sets of an avcC (SPS then PPS) or hvcC (its arrays: VPS, SPS, PPS, SEI ...), as NAL units. */
export function parameterSets(d: SampleDescription): Uint8Array[] {
  const c = d.config;
  const out: Uint8Array[] = [];
  const take = (at: number): number => {
    const n = ((c[at] ?? 0) << 8) | (c[at + 1] ?? 0);
    out.push(c.subarray(at + 2, at + 2 + n));
    return at + 2 + n;
  };
  if (d.format === 'avc1' || d.format === 'avc3') {
    let at = 6;
    const sps = (c[5] ?? 0) & 0x1f;
    for (let i = 0; i < sps && at < c.length; i++) at = take(at);
    const pps = c[at++] ?? 0;
    for (let i = 0; i < pps && at < c.length; i++) at = take(at);
  } else if (d.format === 'hvc1' || d.format === 'hev1') {
    let at = 23;
    const arrays = c[22] ?? 0;
    for (let a = 0; a < arrays && at + 3 <= c.length; a++) {
      const count = ((c[at + 1]! << 8) | c[at + 2]!) >>> 0;
      at += 3;
      for (let i = 0; i < count && at < c.length; i++) at = take(at);
    }
  }
  return out;
}

/** NAL unit type of the header byte(s): H.264 (5 bits) or HEVC (6 bits after the forbidden bit). */
function nalType(hevc: boolean, unit: Uint8Array): number {
  return hevc ? (unit[0]! >> 1) & 0x3f : unit[0]! & 0x1f;
}

/**
 * An access unit in Annex B form. Before a key frame that does not carry its own SPS, the
 * description's parameter sets are put in front (H.264: after an access unit delimiter).
 */
export function annexBSample(d: SampleDescription, sample: Uint8Array, keyframe: boolean): Uint8Array {
  const hevc = d.format === 'hvc1' || d.format === 'hev1';
  const units = lengthPrefixedUnits(sample, d.nalLengthSize ?? 4);
  if (keyframe) {
    const spsType = hevc ? 33 : 7;
    const audType = hevc ? 35 : 9;
    if (!units.some((u) => nalType(hevc, u) === spsType)) {
      const at = units.length > 0 && nalType(hevc, units[0]!) === audType ? 1 : 0;
      units.splice(at, 0, ...parameterSets(d));
    }
  }
  return annexBAccessUnit(units);
}
