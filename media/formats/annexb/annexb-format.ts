import type { FormatHandler } from '../../model/format.js';
import { AvcStream } from './avc-stream.js';
import { HevcStream } from './hevc-stream.js';
import { readAnnexB } from './read-annexb.js';
import { annexbSampleAccess } from './sample-access.js';

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

/** Which codec a raw stream holds: its first NAL header, with the file name as the tie-breaker. */
export function annexbCodecOf(head: Uint8Array, fileName?: string): 'h264' | 'hevc' | undefined {
  const h = firstNalHeader(head);
  if (!h) return undefined;
  const avc = looksLikeAvc(h);
  const hevc = looksLikeHevc(h);
  if (avc && hevc) {
    if (fileName !== undefined && AVC_NAMES.test(fileName)) return 'h264';
    return 'hevc';
  }
  if (avc) return 'h264';
  return hevc ? 'hevc' : undefined;
}

/**
 * Raw H.264 (`.h264`, `.264`) and raw HEVC (`.h265`, `.265`, `.hevc`) byte streams. Its probe is loose
 * (a start code and a plausible NAL header), so it is tried last. The document's format is `h264`
 * or `hevc` after the codec found; the handler keeps the name `h264`.
 */
export const annexbFormat: FormatHandler = {
  name: 'h264',
  probe(head, fileName) {
    return annexbCodecOf(head, fileName) !== undefined;
  },
  async open(source, options) {
    const head = await source.read(0, Math.min(4096, source.size));
    const codec = annexbCodecOf(head) === 'hevc' ? new HevcStream() : new AvcStream();
    const doc = await readAnnexB(source, options, codec);
    doc.samples = await annexbSampleAccess(source, doc);
    return doc;
  },
};

export { AVC_NAMES, HEVC_NAMES, firstNalHeader };
