/**
 * Raw AC-3 and E-AC-3 files (.ac3, .ec3, .eac3): syncframes one after another, with ID3v2 tags where HLS packed
 * audio puts them (before the first frame, between concatenated segments). One track; a packet per syncframe, an
 * E-AC-3 dependent substream joined to the frame before it, as ffprobe counts them.
 */
import { type MediaDocument, PacketTableBuilder, type SampleAccess, type TrackInfo } from '../../model/document-model.js';
import type { FormatHandler } from '../../model/format.js';
import { FieldReader } from '../../model/field-reader.js';
import { type Diagnostic, type Node, type ParseOptions, diagnostic, newNode } from '../../model/types.js';
import type { ByteSource } from '../../source/byte-source.js';
import { type Ac3Header, peekAc3 } from '../../codecs/ac3/ac3-header.js';
import { ChunkWindow } from '../adts/chunked-reader.js';
import { id3v2Length } from '../id3/id3v2-tag.js';
import { readTagAt } from '../id3/read-tag.js';
import { AC3_SYNCFRAMES } from '../audio-frames/frame-syntaxes.js';
import { readFramedPayload } from '../audio-frames/framed-payload.js';
import { SegmentMap } from '../mpegts/segment-map.js';
import { readAc3Frame } from './ac3-frame.js';
import { SampleUnreadable } from '../../model/sample-unreadable.js';

/** The largest syncframe (E-AC-3 frmsiz 2047: 4096 bytes) and the next frame's first bytes. */
const PAIR_SPAN = 4096 + 16;
/** Bounded work on hostile files. */
const MAX_FRAMES = 10_000_000;

/** Two syncframes in a row (or a frame then an ID3 tag), after any ID3 tag at the start. */
export function probeAc3(head: Uint8Array): boolean {
  const start = id3v2Length(head);
  const first = peekAc3(head, start);
  if (!first) return false;
  const next = start + first.frameLength;
  if (next + 8 > head.length) return head.length < 4096; // a file of one frame
  return peekAc3(head, next) !== undefined || id3v2Length(head, next) > 0;
}

export const ac3Format: FormatHandler = {
  name: 'ac3',
  probe: probeAc3,
  open: openAc3,
};

async function openAc3(source: ByteSource, options: ParseOptions): Promise<MediaDocument> {
  const win = new ChunkWindow(source);
  const tree: Node[] = [];
  const diagnostics: Diagnostic[] = [];
  const builder = new PacketTableBuilder(4096);
  let first: Ac3Header | undefined;
  let time = 0;
  let offset = 0;
  let frames = 0;
  /** The packet in progress: a dependent substream may still join it. */
  let pending: { at: number; size: number; time: number } | undefined;
  while (offset < source.size && frames < MAX_FRAMES) {
    await win.ensure(offset, PAIR_SPAN);
    const tag = await readTagAt(win, offset, options);
    if (tag) {
      tree.push(tag);
      offset = tag.end;
      continue;
    }
    const peek = peekAc3(win.bytes, win.at(offset));
    if (!peek) {
      const next = await resync(win, offset + 1);
      const junk = newNode('bytes', next < source.size ? 'garbage' : 'trailing bytes', offset, next);
      junk.diagnostics.push(diagnostic('warning', 'ac3-resync', `${next - offset} bytes that are not syncframes`, offset, next));
      tree.push(junk);
      offset = next;
      continue;
    }
    const got = await win.ensure(offset, peek.frameLength);
    const frame = readAc3Frame(FieldReader.at(win.view(offset, got), offset, options), `${peek.eac3 ? 'E-AC-3' : 'AC-3'} syncframe ${frames}`);
    tree.push(frame.node);
    frames++;
    if (!frame.complete) break;
    first ??= peek;
    // A dependent substream extends the packet of the independent frame just before it.
    if (peek.eac3 && peek.strmtyp === 1 && pending && pending.at + pending.size === offset) {
      pending.size += peek.frameLength;
    } else {
      if (pending) builder.push(0, pending.time, pending.time, pending.at, pending.size, true);
      pending = { at: offset, size: peek.frameLength, time };
      time += peek.samples;
    }
    offset += peek.frameLength;
  }
  if (pending) builder.push(0, pending.time, pending.time, pending.at, pending.size, true);
  if (!first) diagnostics.push(diagnostic('error', 'no-syncframes', 'no AC-3 or E-AC-3 syncframe was found', 0, source.size));
  const packets = builder.finish();
  const tracks: TrackInfo[] = first ? [trackOf(first, packets.count, time)] : [];
  const doc: MediaDocument = { format: 'ac3', size: source.size, tree, diagnostics, tracks, packets };
  doc.samples = sampleAccess(source, doc);
  return doc;
}

function trackOf(h: Ac3Header, count: number, samples: number): TrackInfo {
  const rate = h.sampleRate ?? 48000;
  return {
    id: 1, kind: 'audio', codecName: h.eac3 ? 'eac3' : 'ac3', codec: h.eac3 ? 'ec-3' : 'ac-3', sampleRate: rate, channels: h.channels,
    timescale: rate, samples: count, keyframes: count, durationSeconds: samples / rate,
  };
}

/** The next offset where a syncframe is followed by another (or an ID3 tag, or the end), or the file size. */
async function resync(win: ChunkWindow, from: number): Promise<number> {
  const size = win.size;
  for (let q = from; q + 8 <= size; q++) {
    if (!win.has(q, 8)) await win.ensure(q, PAIR_SPAN);
    const i = win.at(q);
    if (id3v2Length(win.bytes, i) > 0) return q;
    const peek = peekAc3(win.bytes, i);
    if (!peek) continue;
    if (q + peek.frameLength >= size) return q;
    await win.ensure(q, peek.frameLength + 10);
    const j = win.at(q + peek.frameLength);
    if (peekAc3(win.bytes, j) || id3v2Length(win.bytes, j) > 0) return q;
  }
  return size;
}

/** Samples are the syncframes as they are (what an AC-3 decoder and an MP4 'ac-3' sample hold). */
function sampleAccess(source: ByteSource, doc: MediaDocument): SampleAccess {
  const p = doc.packets;
  const win = new ChunkWindow(source);
  return {
    descriptions: doc.tracks.map(() => []),
    description: new Uint16Array(p.count),
    duration: new Float64Array(p.count),
    async read(index) {
      const got = await win.ensure(p.offset[index]!, p.size[index]!);
      if (got < p.size[index]!) throw new SampleUnreadable(`the syncframe runs past the end of the file (${got} of ${p.size[index]} bytes)`, p.offset[index]! + got);
      return win.view(p.offset[index]!, got).slice();
    },
    async expand(index, from, options) {
      const reader = new ChunkWindow(from);
      const at = p.offset[index]!;
      const got = await reader.ensure(at, p.size[index]!);
      const bytes = reader.view(at, got);
      return readFramedPayload(AC3_SYNCFRAMES, bytes, 0, new SegmentMap([{ dataStart: 0, fileStart: at, length: got }]), options, index).nodes;
    },
  };
}
