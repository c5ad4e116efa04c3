/**
 * What a sample's bytes cannot say about themselves: the codec, the NAL unit length size, the
 * parameter sets slices refer to, and the AudioSpecificConfig raw AAC elements depend on. Each
 * container keeps these in its own place (an stsd entry, an FLV sequence header); the format's
 * context finder fills this in, and the sample expanders read only this.
 */
import { readAvcNalUnit } from '../codecs/avc/nal-unit.js';
import { AvcParameterSets } from '../codecs/avc/parameter-sets.js';
import type { AudioConfigData, AvcConfigData, HevcConfigData } from '../codecs/config-data.js';
import { readHevcNalUnit } from '../codecs/hevc/nal-unit.js';
import { HevcParameterSets } from '../codecs/hevc/parameter-sets.js';
import { BULK } from '../model/types.js';

export type SampleCodec = 'h264' | 'hevc' | 'aac' | 'other';

export interface SampleContext {
  codec: SampleCodec;
  /** The codec as the container names it (`avc1`, `mp4a`, an FLV codec key), for messages. */
  label: string;
  /** Index into the document's `tracks`. */
  track: number;
  avc?: AvcConfigData;
  hevc?: HevcConfigData;
  audio?: AudioConfigData;
  /** Absolute byte range of the structure the configuration came from (avcC, a sequence header tag). */
  source?: { name: string; start: number; end: number };
}

/** NAL unit length field size of a length-prefixed video sample, or undefined when the context has none. */
export function nalLengthSize(ctx: SampleContext): number | undefined {
  return ctx.avc?.lengthSize ?? ctx.hevc?.lengthSize;
}

/**
 * The parameter sets of a configuration record, decoded into a fresh store so that slices can be read.
 * They are read without recording: their annotation lives with the record, not with the sample.
 */
export function avcStoreOf(config: AvcConfigData | undefined): AvcParameterSets {
  const store = new AvcParameterSets();
  if (!config) return store;
  for (const unit of [...config.sps, ...config.pps]) readAvcNalUnit(unit, 0, BULK, store);
  return store;
}

export function hevcStoreOf(config: HevcConfigData | undefined): HevcParameterSets {
  const store = new HevcParameterSets();
  if (!config) return store;
  // VPS, then SPS, then PPS, whatever order the record's arrays come in: each refers to the one before.
  for (const type of [32, 33, 34]) {
    for (const array of config.arrays) if (array.nalUnitType === type) for (const unit of array.nalus) readHevcNalUnit(unit, 0, BULK, store);
  }
  return store;
}
