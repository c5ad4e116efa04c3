import type { FormatHandler } from '../../model/format.js';
import { AvcStream } from './avc-stream.js';
import { readAnnexB } from './read-annexb.js';

/** The first NAL header byte(s) after a start code at the very beginning (leading zeros allowed), or undefined. */
function firstNalHeader(head: Uint8Array): Uint8Array | undefined {
  let i = 0;
  while (i < head.length && i < 64 && head[i] === 0) i++;
  if (i < 2 || head[i] !== 1 || i + 3 > head.length) return undefined;
  return head.subarray(i + 1, i + 3);
}

/** Plausible first NAL units of an H.264 stream: AUD, SEI, SPS, PPS or a slice, with a sane nal_ref_idc. */
export function looksLikeAvc(h: Uint8Array): boolean {
  const b = h[0]!;
  if (b & 0x80) return false;
  const type = b & 0x1f;
  const ref = (b >> 5) & 3;
  if (type === 7 || type === 8 || type === 5) return ref !== 0;
  if (type === 9 || type === 6) return ref === 0;
  return type === 1;
}

/** Plausible first NAL units of an HEVC stream: VPS, SPS, PPS, AUD, SEI or an IRAP slice, layer 0, TemporalId + 1 >= 1. */
export function looksLikeHevc(h: Uint8Array): boolean {
  if (h.length < 2 || h[0]! & 0x80) return false;
  const type = (h[0]! >> 1) & 0x3f;
  const layer = ((h[0]! & 1) << 5) | (h[1]! >> 3);
  const tid = h[1]! & 7;
  if (layer !== 0 || tid === 0) return false;
  return (type >= 32 && type <= 35) || type === 39 || (type >= 16 && type <= 21);
}

const AVC_NAMES = /\.(h264|264|avc|26l|jsv|jvt)$/i;
const HEVC_NAMES = /\.(h265|265|hevc)$/i;

/**
 * Raw H.264 (`.h264`, `.264`). Its probe is loose (any start code and plausible NAL header), so it
 * is tried last; an HEVC-looking header or an HEVC file name goes to `hevcAnnexbFormat`.
 */
export const annexbFormat: FormatHandler = {
  name: 'h264',
  probe(head, fileName) {
    const h = firstNalHeader(head);
    if (!h || !looksLikeAvc(h)) return false;
    if (fileName !== undefined && HEVC_NAMES.test(fileName)) return false;
    if (fileName !== undefined && AVC_NAMES.test(fileName)) return true;
    // A VPS/SPS/PPS/AUD HEVC header byte can also read as an H.264 header: prefer HEVC then.
    return !looksLikeHevc(h);
  },
  open(source, options) {
    return readAnnexB(source, options, new AvcStream());
  },
};

export { AVC_NAMES, HEVC_NAMES, firstNalHeader };
