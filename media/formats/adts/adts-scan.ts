/**
 * Walks an ADTS file front to back through a ChunkWindow: frame after frame while the headers chain,
 * and on garbage a resync scan for the next pair of valid headers (a lone 0xFFF is too common in AAC data to trust).
 */
import { FieldReader } from '../../model/field-reader.js';
import { type Node, type ParseOptions, diagnostic, newNode } from '../../model/types.js';
import { adtsHeaderLength } from '../../codecs/aac/adts-header.js';
import type { ChunkWindow } from './chunked-reader.js';
import { type AdtsFrame, readAdtsFrame } from './adts-frame.js';
import { id3v2Length } from '../id3/id3v2-tag.js';
import { readTagAt } from '../id3/read-tag.js';

/** The largest frame aac_frame_length can express, plus the next header: what a pair check needs in memory. */
const PAIR_SPAN = 8191 + 16;
/** Bounded work on hostile files. */
export const MAX_ADTS_FRAMES = 10_000_000;

/** What the 7 fixed bytes at `at` say, when they start with the syncword and layer '00'. */
export interface AdtsPeek {
  frameLength: number;
  headerLength: number;
  /** aac_frame_length covers the header. */
  usable: boolean;
}

export function peekAdts(bytes: Uint8Array, at: number): AdtsPeek | undefined {
  if (at < 0 || at + 7 > bytes.length) return undefined;
  const b1 = bytes[at + 1]!;
  if (bytes[at] !== 0xff || (b1 & 0xf6) !== 0xf0) return undefined;
  const frameLength = ((bytes[at + 3]! & 0x03) << 11) | (bytes[at + 4]! << 3) | (bytes[at + 5]! >> 5);
  const headerLength = adtsHeaderLength((b1 & 1) === 1, (bytes[at + 6]! & 0x03) + 1);
  return { frameLength, headerLength, usable: frameLength >= headerLength };
}

/** A header good enough to start a frame at: usable length and a real sampling frequency index. */
export function strongHeaderAt(bytes: Uint8Array, at: number): number {
  const p = peekAdts(bytes, at);
  if (!p?.usable || ((bytes[at + 2]! >> 2) & 0x0f) > 12) return 0;
  return p.frameLength;
}

export interface AdtsScan {
  nodes: Node[];
  /** Frames in file order, with their absolute start. */
  frames: Array<{ start: number; frame: AdtsFrame }>;
}

export async function scanAdts(win: ChunkWindow, from: number, options: ParseOptions): Promise<AdtsScan> {
  const size = win.size;
  const nodes: Node[] = [];
  const frames: AdtsScan['frames'] = [];
  let offset = from;
  while (offset < size) {
    if (frames.length >= MAX_ADTS_FRAMES) {
      const rest = newNode('bytes', 'unread', offset, size);
      rest.diagnostics.push(diagnostic('error', 'too-many-frames', `more than ${MAX_ADTS_FRAMES} frames; the rest is not read`, offset, size));
      nodes.push(rest);
      break;
    }
    await win.ensure(offset, PAIR_SPAN);
    const tag = await readTagAt(win, offset, options);
    if (tag) {
      nodes.push(tag);
      offset = tag.end;
      continue;
    }
    const peek = peekAdts(win.bytes, win.at(offset));
    if (peek?.usable) {
      const got = await win.ensure(offset, peek.frameLength);
      const r = FieldReader.at(win.view(offset, got), offset, options);
      const frame = readAdtsFrame(r, `ADTS frame ${frames.length}`);
      nodes.push(frame.node);
      frames.push({ start: offset, frame });
      if (!frame.complete) break;
      offset += peek.frameLength;
      continue;
    }
    let skipFrom = offset;
    if (peek) {
      // The syncword is there but aac_frame_length cannot hold the header: show the header, then move past it.
      const r = FieldReader.at(win.view(offset, peek.headerLength), offset, options);
      const frame = readAdtsFrame(r, `ADTS frame ${frames.length} (unusable)`);
      nodes.push(frame.node);
      skipFrom = offset + Math.min(peek.headerLength, size - offset);
    }
    const next = await resync(win, skipFrom);
    if (next > skipFrom) {
      const junk = newNode('bytes', next < size ? 'garbage' : 'trailing bytes', skipFrom, next);
      const code = next < size ? 'adts-resync' : 'adts-trailing-bytes';
      const message = next < size ? `${next - skipFrom} bytes that are not ADTS frames; resynchronised at offset ${next}` : `${next - skipFrom} bytes after the last frame are not an ADTS frame`;
      junk.diagnostics.push(diagnostic('warning', code, message, skipFrom, next));
      nodes.push(junk);
    }
    offset = next;
  }
  return { nodes, frames };
}

/**
 * The first offset at or after `from` where a valid header is followed by another at +aac_frame_length
 * (or by the end of the file). Returns the file size when there is none. One pass; linear in the bytes scanned.
 */
export async function resync(win: ChunkWindow, from: number): Promise<number> {
  const size = win.size;
  for (let q = from; q + 7 <= size; q++) {
    if (!win.has(q, Math.min(7, size - q))) await win.ensure(q, PAIR_SPAN);
    const bytes = win.bytes;
    const i = win.at(q);
    if (bytes[i] === 0x49 && id3v2Length(bytes, i) > 0) return q;
    if (bytes[i] !== 0xff) continue;
    const length = strongHeaderAt(bytes, i);
    if (length === 0) continue;
    if (q + length === size) return q;
    if (q + length > size) continue;
    if (!win.has(q + length, 7)) await win.ensure(q, PAIR_SPAN);
    if (strongHeaderAt(win.bytes, win.at(q + length)) > 0) return q;
  }
  return size;
}

