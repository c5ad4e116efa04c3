/**
 * Self-framed audio (ADTS, AC-3 / E-AC-3 syncframes, MPEG audio frames, LOAS) in PES payloads and samples: each
 * frame is found by its own sync and read into a node, and becomes a packet, as ffmpeg's parsers split them.
 * Bytes that are not frames are skipped to the next header, with a diagnostic.
 */
import { FieldReader } from '../../model/field-reader.js';
import { type Node, type ParseOptions, diagnostic, newNode } from '../../model/types.js';
import type { SegmentMap } from '../mpegts/segment-map.js';

/** What every frame header tells the packet table. */
export interface FrameFacts {
  frameLength: number;
  sampleRate: number | undefined;
  samples: number;
}

/** One framing syntax: how to recognise a frame and how to read one. */
export interface FrameSyntax<H extends FrameFacts> {
  /** What the frames are called in diagnostics ('ADTS frames'). */
  plural: string;
  /** The frame length a usable header at `at` declares, or 0. */
  peek(bytes: Uint8Array, at: number): number;
  /** A header strong enough to resume at after garbage. */
  resyncAt(bytes: Uint8Array, at: number): boolean;
  /** Reads the frame at the reader's position (limited to the frame), numbered `index` in its stream. */
  read(r: FieldReader, index: number): { node: Node; header: H; complete: boolean };
  /** True when this frame belongs to the packet before it (an E-AC-3 dependent substream). */
  joins?(header: H): boolean;
}

export interface FramedPacket<H extends FrameFacts> {
  header: H;
  /** Offset of the packet's first frame in the PES bytes. */
  dataOffset: number;
  /** Bytes of the packet: its frame, and the frames that join it. */
  length: number;
}

export function readFramedPayload<H extends FrameFacts>(syntax: FrameSyntax<H>, pes: Uint8Array, payloadOffset: number, map: SegmentMap, options: ParseOptions, firstIndex: number): { nodes: Node[]; packets: FramedPacket<H>[] } {
  const nodes: Node[] = [];
  const packets: FramedPacket<H>[] = [];
  const r = new FieldReader(pes, options, map);
  let p = payloadOffset;
  // Every step moves on by a whole frame (a usable header declares at least its own length) or past garbage.
  while (p < pes.length) {
    const length = syntax.peek(pes, p);
    if (length > 0) {
      r.seek(p * 8);
      const saved = r.limit(Math.min(pes.length, p + length) * 8);
      let frame;
      try {
        frame = syntax.read(r, firstIndex + packets.length);
      } finally {
        r.restoreLimit(saved);
      }
      nodes.push(frame.node);
      if (!frame.complete) {
        frame.node.diagnostics.push(diagnostic('error', 'audio-frame-crosses-pes', `the frame runs past the end of its PES packet`, frame.node.start, frame.node.end));
        break;
      }
      const last = packets[packets.length - 1];
      if (last && syntax.joins?.(frame.header) && last.dataOffset + last.length === p) last.length += length;
      else packets.push({ header: frame.header, dataOffset: p, length });
      p += length;
      continue;
    }
    let q = p + 1;
    while (q < pes.length && !syntax.resyncAt(pes, q)) q++;
    const junk = newNode('bytes', 'garbage', map.fileByte(p), map.fileEnd(q));
    junk.diagnostics.push(diagnostic('warning', 'audio-resync', `${q - p} bytes in the PES payload are not ${syntax.plural}`, junk.start, junk.end));
    nodes.push(junk);
    p = q;
  }
  return { nodes, packets };
}
