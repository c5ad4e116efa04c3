/**
 * Audio, video and AMF0 data messages carry FLV tag bodies: the payload of an RTMP message is
 * byte for byte the body of the FLV tag that records it. The FLV tag reader (media/formats/flv) reads it
 * (legacy and E-RTMP headers, sequence headers, onMetaData), in payload coordinates behind a
 * synthetic 11-byte tag header; the node is then moved to where the bytes are in the session.
 */
import type { Node, ParseOptions } from '../../model/types.js';
import type { FlvTagData } from '../flv/flv-tag-data.js';
import { TAG_HEADER_SIZE, readTag } from '../flv/flv-tag.js';
import { MSG } from './rtmp-tables.js';
import { type SegmentMap, remapNode } from './segment-map.js';

/** The FLV tag type for an RTMP message type, or undefined when it carries no tag body. */
export function flvTagType(typeId: number): number | undefined {
  if (typeId === MSG.Audio) return 8;
  if (typeId === MSG.Video) return 9;
  if (typeId === MSG.DataAmf0) return 18;
  return undefined;
}

/** The 11-byte FLV tag header an FLV file would put in front of this payload. */
export function flvTagHeader(tagType: number, size: number, timestamp: number): Uint8Array {
  const ts = timestamp >>> 0;
  return new Uint8Array([
    tagType, // Reserved 0, Filter 0, TagType
    (size >>> 16) & 0xff, (size >>> 8) & 0xff, size & 0xff, // DataSize
    (ts >>> 16) & 0xff, (ts >>> 8) & 0xff, ts & 0xff, // Timestamp (lower 24 bits)
    ts >>> 24, // TimestampExtended
    0, 0, 0, // StreamID
  ]);
}

/** Reads the payload as an FLV tag body; the node (kind 'tag') and its packets are in session offsets. */
export function readFlvBody(payload: Uint8Array, map: SegmentMap, tagType: number, timestamp: number, options: ParseOptions): Node {
  const size = payload.length;
  const trailer = new Uint8Array(4);
  new DataView(trailer.buffer).setUint32(0, TAG_HEADER_SIZE + size);
  // Payload byte 0 is at offset 0: the synthetic header sits at -11, the PreviousTagSize at `size`.
  const node = readTag({ start: -TAG_HEADER_SIZE, header: flvTagHeader(tagType, size, timestamp), body: payload, bodyAvailable: size, trailer }, options);
  // The header and PreviousTagSize are not on the wire: drop their fields (the derived onMetaData
  // table, placed at the tag start, moves to the payload start).
  node.fields = node.fields.filter((f) => {
    if (f.bitOffset < 0 && f.derived && f.name === 'metadata') {
      f.bitOffset = 0;
      for (const sub of f.fields ?? []) sub.bitOffset = 0;
      return true;
    }
    return f.bitOffset >= 0 && f.bitOffset + f.bitLength <= size * 8;
  });
  node.diagnostics = node.diagnostics.filter((d) => d.code !== 'previous-tag-size-mismatch' && d.code !== 'previous-tag-size-missing');
  node.start = 0;
  node.end = size;
  for (const d of node.diagnostics) {
    d.start = Math.max(0, Math.min(d.start, size));
    d.end = Math.max(d.start, Math.min(d.end, size));
  }
  remapNode(node, map);
  const data = node.data as FlvTagData;
  for (const p of data.packets) p.offset = map.absByte(p.offset);
  return node;
}
