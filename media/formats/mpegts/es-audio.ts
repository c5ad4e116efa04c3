/**
 * AAC PES payloads (stream_type 0x0F): ADTS frames, one packet each, timed the way ffmpeg times them so the
 * packet table matches ffprobe: the first frame takes the PES PTS, each later one the previous PTS plus the
 * frame duration, added "stably" on the 90 kHz grid (libavutil av_add_stable, reimplemented from its contract).
 */
import { FieldReader } from '../../model/field-reader.js';
import { type Node, type ParseOptions, diagnostic, newNode } from '../../model/types.js';
import { type AdtsFrame, readAdtsFrame } from '../adts/adts-frame.js';
import { peekAdts, strongHeaderAt } from '../adts/adts-scan.js';
import type { SegmentMap } from './segment-map.js';

export interface AudioFrameOut {
  frame: AdtsFrame;
  /** Offset of the frame in the PES bytes. */
  dataOffset: number;
}

export interface AudioPayload {
  nodes: Node[];
  frames: AudioFrameOut[];
}

/** At most this many frames per PES (a PES holds at most 64 KiB; a frame at least 7 bytes). */
const MAX_FRAMES_PER_PES = 65536 / 7;

/** Reads the ADTS frames of `pes[payloadOffset ..]`; garbage is skipped to the next usable header, with a diagnostic. */
export function readAudioPayload(pes: Uint8Array, payloadOffset: number, map: SegmentMap, options: ParseOptions, firstIndex: number): AudioPayload {
  const nodes: Node[] = [];
  const frames: AudioFrameOut[] = [];
  const r = new FieldReader(pes, options, map);
  let p = payloadOffset;
  while (p < pes.length && frames.length < MAX_FRAMES_PER_PES) {
    const peek = peekAdts(pes, p);
    if (peek?.usable) {
      r.seek(p * 8);
      const saved = r.limit(Math.min(pes.length, p + peek.frameLength) * 8);
      try {
        const frame = readAdtsFrame(r, `ADTS frame ${firstIndex + frames.length}`);
        nodes.push(frame.node);
        if (!frame.complete) {
          frame.node.diagnostics.push(diagnostic('error', 'adts-frame-crosses-pes', 'the ADTS frame runs past the end of its PES packet', frame.node.start, frame.node.end));
          break;
        }
        frames.push({ frame, dataOffset: p });
      } finally {
        r.restoreLimit(saved);
      }
      p += peek.frameLength;
      continue;
    }
    let q = p + 1;
    while (q < pes.length && strongHeaderAt(pes, q) === 0) q++;
    const junk = newNode('bytes', 'garbage', map.fileByte(p), map.fileEnd(q));
    junk.diagnostics.push(diagnostic('warning', 'adts-resync', `${q - p} bytes in the PES payload are not ADTS frames`, junk.start, junk.end));
    nodes.push(junk);
    p = q;
  }
  return { nodes, frames };
}

/** libavutil's av_rescale_rnd(a, b, c, AV_ROUND_NEAR_INF) for the non-negative values used here. */
function rescale(a: number, b: number, c: number): number {
  if (a < 0) return -rescale(-a, b, c);
  return Math.floor((a * b + Math.floor(c / 2)) / c);
}

/**
 * `ts` (90 kHz) plus `num/den` seconds, keeping the sub-tick phase of `ts` relative to the increment grid,
 * so that repeated additions do not drift (the result ffprobe prints for frames without their own PTS).
 */
export function addStable90k(ts: number, num: number, den: number): number {
  const m = num * 90000;
  const d = den;
  if (m % d === 0) return ts + m / d;
  if (m < d) return ts;
  // Rescaling between 1/90000 and num/den: b = 1 * den, c = num * 90000 (and back).
  const old = rescale(ts, den, num * 90000);
  const oldTs = rescale(old, num * 90000, den);
  return rescale(old + 1, num * 90000, den) + (ts - oldTs);
}
