/**
 * Protocol control messages (RTMP spec 5.4: types 1, 2, 3, 5, 6) and user control messages
 * (7.1.7: type 4), read in wire order. Their values drive the chunk reader (chunk size, abort)
 * and the server (acknowledgements, pings).
 */
import type { FieldReader } from '../../model/field-reader.js';
import { LIMIT_TYPES, MAX_CHUNK_SIZE, MIN_CHUNK_SIZE, MSG, UC, USER_CONTROL_EVENTS } from './rtmp-tables.js';

export type RtmpControl =
  | { type: 'set-chunk-size'; size: number }
  | { type: 'abort'; csid: number }
  | { type: 'acknowledgement'; sequence: number }
  | { type: 'window-ack-size'; size: number }
  | { type: 'set-peer-bandwidth'; size: number; limitType: number }
  | { type: 'user-control'; event: number; streamId?: number; timestamp?: number; bufferLength?: number };

const bytesDisplay = (v: number): string => `${v} bytes`;

/** Reads a control message payload (whole, from byte 0); returns undefined for other types. */
export function readControl(r: FieldReader, typeId: number): RtmpControl | undefined {
  switch (typeId) {
    case MSG.SetChunkSize: {
      r.u(1, 'reserved', (v) => (v === 0 ? 'must be 0' : 'must be 0: not a valid chunk size'));
      const size = r.u(31, 'chunk size', (v) => (v >= MIN_CHUNK_SIZE && v <= MAX_CHUNK_SIZE ? `${v} bytes` : `${v} bytes: outside ${MIN_CHUNK_SIZE} to ${MAX_CHUNK_SIZE}`));
      const top = r.data[0]! >>> 7;
      return { type: 'set-chunk-size', size: top === 1 ? 0 : size };
    }
    case MSG.Abort:
      return { type: 'abort', csid: r.u32('chunk stream id') };
    case MSG.Acknowledgement:
      return { type: 'acknowledgement', sequence: r.u32('sequence number', (v) => `${v} bytes received`) };
    case MSG.WindowAckSize:
      return { type: 'window-ack-size', size: r.u32('acknowledgement window size', bytesDisplay) };
    case MSG.SetPeerBandwidth: {
      const size = r.u32('acknowledgement window size', bytesDisplay);
      return { type: 'set-peer-bandwidth', size, limitType: r.u8('limit type', LIMIT_TYPES) };
    }
    case MSG.UserControl:
      return readUserControl(r);
    default:
      return undefined;
  }
}

function readUserControl(r: FieldReader): RtmpControl {
  const event = r.u16('event type', USER_CONTROL_EVENTS);
  switch (event) {
    case UC.StreamBegin:
    case UC.StreamEof:
    case UC.StreamDry:
    case UC.StreamIsRecorded:
      return { type: 'user-control', event, streamId: r.u32('stream id') };
    case UC.SetBufferLength: {
      const streamId = r.u32('stream id');
      return { type: 'user-control', event, streamId, bufferLength: r.u32('buffer length', (v) => `${v} ms`) };
    }
    case UC.PingRequest:
    case UC.PingResponse:
      return { type: 'user-control', event, timestamp: r.u32('timestamp', (v) => `${v} ms`) };
    default:
      if (r.bytesLeft > 0) r.bytes(r.bytesLeft, 'event data');
      return { type: 'user-control', event };
  }
}

export function controlSummary(c: RtmpControl): string {
  switch (c.type) {
    case 'set-chunk-size':
      return `${c.size} bytes`;
    case 'abort':
      return `chunk stream ${c.csid}`;
    case 'acknowledgement':
      return `${c.sequence} bytes`;
    case 'window-ack-size':
      return `${c.size} bytes`;
    case 'set-peer-bandwidth':
      return `${c.size} bytes, ${LIMIT_TYPES[c.limitType as 0] ?? `limit type ${c.limitType}`}`;
    case 'user-control': {
      const name = USER_CONTROL_EVENTS[c.event as 0] ?? `event ${c.event}`;
      if (c.timestamp !== undefined) return `${name} ${c.timestamp}`;
      return c.streamId !== undefined ? `${name}, stream ${c.streamId}` : name;
    }
  }
}
