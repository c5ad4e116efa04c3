/**
 * Bytes of an FLV file (E-FLV spec, Annex E.2-E.3) rebuilt from RTMP messages: the file header and
 * one tag per message, each tag followed by its PreviousTagSize. The message payload is the tag body
 * byte for byte, so the file is what the publisher sent.
 */
import { flvTagHeader } from '../formats/rtmp/media-message.js';

const TAG_HEADER_SIZE = 11;

/** The 9-byte FLV header and PreviousTagSize0. */
export function flvFileHeader(hasAudio: boolean, hasVideo: boolean): Uint8Array {
  return new Uint8Array([
    0x46, 0x4c, 0x56, // Signature 'FLV'
    0x01, // Version 1
    (hasAudio ? 0x04 : 0) | (hasVideo ? 0x01 : 0), // TypeFlagsReserved 0, TypeFlagsAudio (bit 2), TypeFlagsVideo (bit 0)
    0x00, 0x00, 0x00, 0x09, // DataOffset = 9
    0x00, 0x00, 0x00, 0x00, // PreviousTagSize0 = 0
  ]);
}

/** Size of the tag for `bodySize` body bytes, PreviousTagSize included. */
export function flvTagSize(bodySize: number): number {
  return TAG_HEADER_SIZE + bodySize + 4;
}

/** Writes one tag (header, body, PreviousTagSize) into `out` at `at`; returns the end. */
export function writeFlvTag(out: Uint8Array, at: number, tagType: number, timestamp: number, body: Uint8Array): number {
  out.set(flvTagHeader(tagType, body.length, timestamp), at);
  out.set(body, at + TAG_HEADER_SIZE);
  const end = at + TAG_HEADER_SIZE + body.length;
  new DataView(out.buffer, out.byteOffset + end, 4).setUint32(0, TAG_HEADER_SIZE + body.length); // PreviousTagSize
  return end + 4;
}

/** Several tags in one buffer, to be written with one call. */
export function flvTags(tags: ReadonlyArray<{ tagType: number; timestamp: number; body: Uint8Array }>): Uint8Array {
  const out = new Uint8Array(tags.reduce((n, t) => n + flvTagSize(t.body.length), 0));
  let at = 0;
  for (const t of tags) at = writeFlvTag(out, at, t.tagType, t.timestamp, t.body);
  return out;
}
