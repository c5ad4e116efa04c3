import type { FormatHandler } from '../model/format.js';
import { isoBmffFormat } from './isobmff/iso-bmff-format.js';
import { annexbFormat } from './annexb/annexb-format.js';
import { flvFormat } from './flv/flv-format.js';
import { mpegtsFormat } from './mpegts/mpegts-format.js';
import { adtsFormat } from './adts/adts-format.js';
import { ac3Format } from './ac3/ac3-format.js';
import { rtmpCaptureFormat } from './rtmp/capture-format.js';

/**
 * Every container format Bitlens opens, in probe order (the first whose probe accepts the bytes wins).
 * Strict probes (magic numbers) come first; loose ones (raw Annex B, raw AAC) last.
 */
export const FORMATS: readonly FormatHandler[] = [rtmpCaptureFormat, isoBmffFormat, flvFormat, mpegtsFormat, adtsFormat, ac3Format, annexbFormat];

export function formatByName(name: string): FormatHandler | undefined {
  return FORMATS.find((f) => f.name === name);
}
