/**
 * The coded bytes of each packet of a live FLV tag body. Packet offsets are in the client byte
 * stream, where chunk headers may sit inside a payload; for the usual one-packet tag the frame is
 * the end of the body (every codec header comes first), and only multitrack tags are read again
 * in payload coordinates.
 */
import type { FlvTagData } from '../formats/flv/flv-tag-data.js';
import { readFlvBody } from '../formats/rtmp/media-message.js';
import { SegmentMap } from '../formats/rtmp/segment-map.js';
import { BULK } from '../model/types.js';

export function packetPayloads(body: Uint8Array, tag: FlvTagData): Uint8Array[] {
  const { packets } = tag;
  if (packets.length === 0) return [];
  if (packets.length === 1) {
    const size = packets[0]!.size;
    return size <= body.length ? [body.subarray(body.length - size)] : [];
  }
  const identity = new SegmentMap();
  identity.add(0, body.length);
  const again = readFlvBody(body, identity, tag.tagType, tag.timestamp, BULK).data as FlvTagData;
  return again.packets.map((p) => body.subarray(p.offset, Math.min(body.length, p.offset + p.size)));
}
