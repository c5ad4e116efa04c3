/**
 * Enumerations and limits of RTMP (Adobe RTMP Specification 1.0, 2012) and of what Bitlens accepts
 * (DESIGN.md "RTMP server limits"). The same limits bind the live server and a reopened capture,
 * so a capture shows exactly where the server stopped reading.
 */

/** Message type IDs (RTMP spec 5.4 and 7.1). */
export const MESSAGE_TYPES = {
  1: 'Set Chunk Size',
  2: 'Abort Message',
  3: 'Acknowledgement',
  4: 'User Control Message',
  5: 'Window Acknowledgement Size',
  6: 'Set Peer Bandwidth',
  8: 'Audio Message',
  9: 'Video Message',
  15: 'Data Message (AMF3)',
  16: 'Shared Object Message (AMF3)',
  17: 'Command Message (AMF3)',
  18: 'Data Message (AMF0)',
  19: 'Shared Object Message (AMF0)',
  20: 'Command Message (AMF0)',
  22: 'Aggregate Message',
} as const;

export const MSG = {
  SetChunkSize: 1,
  Abort: 2,
  Acknowledgement: 3,
  UserControl: 4,
  WindowAckSize: 5,
  SetPeerBandwidth: 6,
  Audio: 8,
  Video: 9,
  DataAmf3: 15,
  SharedObjectAmf3: 16,
  CommandAmf3: 17,
  DataAmf0: 18,
  SharedObjectAmf0: 19,
  CommandAmf0: 20,
  Aggregate: 22,
} as const;

/** User control event types (RTMP spec 7.1.7). */
export const USER_CONTROL_EVENTS = {
  0: 'Stream Begin',
  1: 'Stream EOF',
  2: 'StreamDry',
  3: 'SetBuffer Length',
  4: 'StreamIsRecorded',
  6: 'PingRequest',
  7: 'PingResponse',
} as const;

export const UC = { StreamBegin: 0, StreamEof: 1, StreamDry: 2, SetBufferLength: 3, StreamIsRecorded: 4, PingRequest: 6, PingResponse: 7 } as const;

/** Set Peer Bandwidth limit types (RTMP spec 5.4.5). */
export const LIMIT_TYPES = { 0: 'Hard', 1: 'Soft', 2: 'Dynamic' } as const;

/** Chunk message header formats (RTMP spec 5.3.1.2). */
export const CHUNK_FORMATS = {
  0: 'type 0: full header (timestamp, length, type, stream)',
  1: 'type 1: timestamp delta, length, type (same stream)',
  2: 'type 2: timestamp delta only',
  3: 'type 3: no message header (continuation or repeat)',
} as const;

export const HANDSHAKE_SIZE = 1536;
export const DEFAULT_CHUNK_SIZE = 128;
export const MIN_CHUNK_SIZE = 128;
export const MAX_CHUNK_SIZE = 65536;
/** Commands, data and control messages: a megabyte is far more than any real one. */
export const MAX_COMMAND_MESSAGE = 1024 * 1024;
/** Audio and video messages (a 4K keyframe fits). */
export const MAX_MEDIA_MESSAGE = 8 * 1024 * 1024;
/** Chunk streams with a message partly received, at once. */
export const MAX_STREAMS_IN_PROGRESS = 32;
/** Bytes of partial messages held at once on a connection (one 8 MiB frame and its audio fit). */
export const MAX_BYTES_IN_PROGRESS = 16 * 1024 * 1024;
/** Chunk streams a connection may have used at all (each keeps a small header state). */
export const MAX_KNOWN_CHUNK_STREAMS = 1024;
export const EXTENDED_TIMESTAMP_MARK = 0xffffff;

export function isMediaType(typeId: number): boolean {
  return typeId === MSG.Audio || typeId === MSG.Video || typeId === MSG.Aggregate;
}

export function messageLimit(typeId: number): number {
  return isMediaType(typeId) ? MAX_MEDIA_MESSAGE : MAX_COMMAND_MESSAGE;
}

export function messageTypeName(typeId: number): string {
  return MESSAGE_TYPES[typeId as 1] ?? `message type ${typeId}`;
}
