/**
 * The tags of an FLV file as a publisher sends them (E-FLV spec: 9-byte header, PreviousTagSize0,
 * then tags of an 11-byte header, the body and a PreviousTagSize): only what a publisher needs,
 * the type, timestamp and body of each tag, and whether it is a decoder configuration or script
 * data (sent once, not again when the file loops). End-of-sequence tags are left out: a looping
 * publish continues the stream. Annotation is the FLV reader's job; this only frames, and stops
 * at the first tag that does not fit.
 */

export interface PublishTag {
  /** 8 audio, 9 video, 18 script data: the RTMP message type carries the same number. */
  typeId: 8 | 9 | 18;
  /** ms: Timestamp with TimestampExtended as its high byte. */
  timestamp: number;
  body: Uint8Array;
  /** A sequence header (AVC/HEVC decoder configuration record, AudioSpecificConfig) or script data. */
  setup: boolean;
}

const FLV_HEADER_SIZE = 9;
const TAG_HEADER_SIZE = 11;

/** True for the bodies a publisher sends once: sequence headers and script data. */
function isSetup(typeId: number, body: Uint8Array): boolean {
  if (typeId === 18) return true;
  if (body.length < 2) return false;
  if (typeId === 9) {
    // Enhanced RTMP: IsExHeader (bit 7) with PacketType 0 = SequenceStart; legacy: AVCPacketType 0 after codec 7 or 12.
    if (body[0]! & 0x80) return (body[0]! & 0x0f) === 0;
    const codec = body[0]! & 0x0f;
    return (codec === 7 || codec === 12) && body[1] === 0;
  }
  // Audio: SoundFormat 10 (AAC) with AACPacketType 0.
  return body[0]! >> 4 === 10 && body[1] === 0;
}

/** Legacy AVC/HEVC AVCPacketType 2, or E-RTMP PacketType 2 (SequenceEnd). */
function isEndOfSequence(body: Uint8Array): boolean {
  if (body.length < 2) return false;
  if (body[0]! & 0x80) return (body[0]! & 0x0f) === 2;
  const codec = body[0]! & 0x0f;
  return (codec === 7 || codec === 12) && body[1] === 2;
}

export function publishTags(flv: Uint8Array): PublishTag[] {
  if (flv.length < FLV_HEADER_SIZE || flv[0] !== 0x46 || flv[1] !== 0x4c || flv[2] !== 0x56) throw new Error('not an FLV file (no "FLV" signature)');
  const v = new DataView(flv.buffer, flv.byteOffset, flv.byteLength);
  // DataOffset: the header's own size; PreviousTagSize0 (4 bytes) follows it.
  let at = v.getUint32(5) + 4;
  const tags: PublishTag[] = [];
  while (at + TAG_HEADER_SIZE <= flv.length) {
    const type = flv[at]! & 0x1f;
    const size = (flv[at + 1]! << 16) | (flv[at + 2]! << 8) | flv[at + 3]!;
    const timestamp = ((flv[at + 7]! << 24) | (flv[at + 4]! << 16) | (flv[at + 5]! << 8) | flv[at + 6]!) >>> 0;
    const end = at + TAG_HEADER_SIZE + size;
    if (end > flv.length) break;
    const body = flv.subarray(at + TAG_HEADER_SIZE, end);
    if (type === 9 && isEndOfSequence(body)) {
      at = end + 4;
      continue;
    }
    if (type === 8 || type === 9 || type === 18) tags.push({ typeId: type, timestamp, body, setup: isSetup(type, body) });
    at = end + 4;
  }
  return tags;
}
