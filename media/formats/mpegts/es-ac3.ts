/**
 * AC-3 and E-AC-3 PES payloads: syncframes found by their own sync, one packet each, except that an E-AC-3
 * dependent substream joins the independent frame before it (together they are what a decoder consumes for
 * one block of time, as ffmpeg's parser packs them).
 */
import { FieldReader } from '../../model/field-reader.js';
import { type Node, type ParseOptions, diagnostic, newNode } from '../../model/types.js';
import { type Ac3Header, peekAc3 } from '../../codecs/ac3/ac3-header.js';
import { readAc3Frame } from '../ac3/ac3-frame.js';
import type { SegmentMap } from './segment-map.js';

export interface Ac3PacketOut {
  /** The first (independent) syncframe's header. */
  header: Ac3Header;
  /** Offset of the packet's first syncframe in the PES bytes. */
  dataOffset: number;
  /** Bytes of the packet: the syncframe and the dependent ones that join it. */
  length: number;
}

export interface Ac3Payload {
  nodes: Node[];
  packets: Ac3PacketOut[];
}

/** A syncframe is at least 8 bytes (syncinfo, and bsi up to lfeon); a PES holds at most 64 KiB after its length field. */
const MAX_FRAMES_PER_PES = 65536 / 8;

/** Reads the syncframes of `pes[payloadOffset ..]`; bytes that are not syncframes are skipped to the next one, with a diagnostic. */
export function readAc3Payload(pes: Uint8Array, payloadOffset: number, map: SegmentMap, options: ParseOptions, firstIndex: number): Ac3Payload {
  const nodes: Node[] = [];
  const packets: Ac3PacketOut[] = [];
  const r = new FieldReader(pes, options, map);
  let p = payloadOffset;
  let frames = 0;
  while (p < pes.length && frames < MAX_FRAMES_PER_PES) {
    const peek = peekAc3(pes, p);
    if (peek) {
      r.seek(p * 8);
      const saved = r.limit(Math.min(pes.length, p + peek.frameLength) * 8);
      try {
        const frame = readAc3Frame(r, `${peek.eac3 ? 'E-AC-3' : 'AC-3'} syncframe ${firstIndex + packets.length}${peek.eac3 && peek.strmtyp === 1 ? ' (dependent)' : ''}`);
        nodes.push(frame.node);
        if (!frame.complete) {
          frame.node.diagnostics.push(diagnostic('error', 'ac3-frame-crosses-pes', 'the syncframe runs past the end of its PES packet', frame.node.start, frame.node.end));
          break;
        }
      } finally {
        r.restoreLimit(saved);
      }
      const last = packets[packets.length - 1];
      if (peek.eac3 && peek.strmtyp === 1 && last && last.dataOffset + last.length === p) last.length += peek.frameLength;
      else packets.push({ header: peek, dataOffset: p, length: peek.frameLength });
      frames++;
      p += peek.frameLength;
      continue;
    }
    let q = p + 1;
    while (q < pes.length && !peekAc3(pes, q)) q++;
    const junk = newNode('bytes', 'garbage', map.fileByte(p), map.fileEnd(q));
    junk.diagnostics.push(diagnostic('warning', 'ac3-resync', `${q - p} bytes in the PES payload are not syncframes`, junk.start, junk.end));
    nodes.push(junk);
    p = q;
  }
  return { nodes, packets };
}
