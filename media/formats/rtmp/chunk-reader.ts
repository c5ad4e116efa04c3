/**
 * The chunk stream (RTMP spec 5.3): reads one chunk at a time from the queue (basic header of 1 to
 * 3 bytes, message header of type 0 to 3, extended timestamp) and gathers chunk bodies into
 * messages per chunk stream. Payload slices are collected as they arrive and joined once the
 * message is whole: nothing is allocated from a declared length.
 *
 * Type-3 chunks after a header with an extended timestamp: the spec (and ffmpeg, OBS) repeat the
 * extended timestamp; some clients do not. The 4 bytes are compared with the stream's extended
 * timestamp and taken as one only when equal (payload bytes that happen to equal a timestamp of
 * 2^24 ms or more would need a media message starting with 0x01 or more: no codec header does).
 */
import { FieldReader } from '../../model/field-reader.js';
import { type Node, type ParseOptions, newNode } from '../../model/types.js';
import type { ByteQueue } from '../../bits/byte-queue.js';
import {
  CHUNK_FORMATS, DEFAULT_CHUNK_SIZE, EXTENDED_TIMESTAMP_MARK, MAX_BYTES_IN_PROGRESS, MAX_KNOWN_CHUNK_STREAMS, MAX_STREAMS_IN_PROGRESS, MESSAGE_TYPES,
  messageLimit, messageTypeName,
} from './rtmp-tables.js';
import { SegmentMap } from './segment-map.js';

/** A whole message, its payload joined, with the chunk headers that carried it. */
export interface ChunkedMessage {
  csid: number;
  typeId: number;
  streamId: number;
  /** Absolute timestamp in ms (32-bit, wraps). */
  timestamp: number;
  /** Declared length (the payload is shorter only when the message was interrupted). */
  length: number;
  payload: Uint8Array;
  /** Payload position -> session offset. */
  map: SegmentMap;
  /** Session offsets: first chunk header to the end of the last chunk. */
  start: number;
  end: number;
  chunks: Node[];
  /** How the client wrote extended timestamps on this message's type-3 chunks, if it had any. */
  type3Extended?: 'repeated' | 'omitted';
}

/** A reason to stop reading the connection (the server closes it; a capture shows it). */
export interface ChunkFailure {
  code: string;
  message: string;
  start: number;
  end: number;
}

export type ChunkResult = { kind: 'need-more' } | { kind: 'chunk'; message?: ChunkedMessage; interrupted?: ChunkedMessage } | { kind: 'fail'; failure: ChunkFailure; node?: Node };

interface InProgress {
  slices: Uint8Array[];
  map: SegmentMap;
  received: number;
  start: number;
  chunks: Node[];
  type3Extended?: 'repeated' | 'omitted';
}

interface StreamState {
  timestamp: number;
  /** Added to the timestamp by a type-3 chunk that starts a message (a type 0's own timestamp, else the last delta). */
  delta: number;
  length: number;
  typeId: number;
  streamId: number;
  /** The last type 0-2 header carried an extended timestamp, with this value. */
  extended: boolean;
  extValue: number;
  message?: InProgress;
}

const MESSAGE_HEADER_SIZE = [11, 7, 3, 0] as const;

export class ChunkReader {
  chunkSize = DEFAULT_CHUNK_SIZE;
  private readonly streams = new Map<number, StreamState>();
  private inProgress = 0;
  /** Payload bytes held by partial messages. */
  private held = 0;

  constructor(private readonly options: ParseOptions) {}

  /** Drops the partial message of a chunk stream (Abort Message). True when there was one. */
  abort(csid: number): boolean {
    const s = this.streams.get(csid);
    if (!s?.message) return false;
    this.held -= s.message.received;
    s.message = undefined;
    this.inProgress--;
    return true;
  }

  /** Reads one chunk at absolute offset `pos` when all its bytes are queued. */
  read(q: ByteQueue, pos: number): ChunkResult {
    if (q.length < 1) return { kind: 'need-more' };
    const b0 = q.peek(0);
    const fmt = b0 >>> 6;
    const low = b0 & 0x3f;
    const basic = low === 0 ? 2 : low === 1 ? 3 : 1;
    const fixed = basic + MESSAGE_HEADER_SIZE[fmt as 0];
    if (q.length < fixed) return { kind: 'need-more' };
    const csid = low === 0 ? 64 + q.peek(1) : low === 1 ? 64 + q.peek(1) + q.peek(2) * 256 : low;
    const state = this.streams.get(csid);
    const fail = (code: string, message: string, end = pos + fixed): ChunkResult => ({ kind: 'fail', failure: { code, message, start: pos, end } });
    if (!state && fmt >= 2) return fail('chunk-stream-without-header', `chunk stream ${csid} starts with a type-${fmt} header: its message length is unknown`);
    if (!state && this.streams.size >= MAX_KNOWN_CHUNK_STREAMS) return fail('too-many-chunk-streams', `more than ${MAX_KNOWN_CHUNK_STREAMS} chunk streams on one connection`);

    let extended: boolean;
    if (fmt < 3) {
      extended = q.peekUint(basic, 3) === EXTENDED_TIMESTAMP_MARK;
    } else if (state!.extended) {
      if (q.length < basic + 4) return { kind: 'need-more' };
      extended = q.peekUint(basic, 4) === state!.extValue;
    } else {
      extended = false;
    }
    const headerSize = fixed + (extended ? 4 : 0);
    if (q.length < headerSize) return { kind: 'need-more' };
    const length = fmt <= 1 ? q.peekUint(basic + 3, 3) : state!.length;
    const typeId = fmt <= 1 ? q.peek(basic + 6) : state!.typeId;
    const startsMessage = fmt !== 3 || !state?.message;
    if (startsMessage) {
      if (length > messageLimit(typeId)) {
        return fail('message-too-large', `a ${messageTypeName(typeId)} of ${length} bytes is over the ${messageLimit(typeId)}-byte limit`, pos + headerSize);
      }
      const busy = state?.message ? this.inProgress - 1 : this.inProgress;
      if (busy >= MAX_STREAMS_IN_PROGRESS) {
        return fail('too-many-messages-in-progress', `more than ${MAX_STREAMS_IN_PROGRESS} chunk streams with a message in progress`, pos + headerSize);
      }
    }
    const received = startsMessage ? 0 : state!.message!.received;
    const dataSize = Math.min(this.chunkSize, length - received);
    if (q.length < headerSize + dataSize) return { kind: 'need-more' };
    const heldAfter = this.held - (startsMessage && state?.message ? state.message.received : 0) + dataSize;
    if (received + dataSize < length && heldAfter > MAX_BYTES_IN_PROGRESS) {
      return fail('too-many-bytes-in-progress', `partial messages would hold more than ${MAX_BYTES_IN_PROGRESS} bytes at once`, pos + headerSize);
    }

    const s = state ?? this.newStream(csid);
    // A new header on a stream whose message is not whole: that message ends here, short.
    const interrupted = startsMessage && s.message ? this.finish(csid, s, pos) : undefined;
    const node = this.readHeader(q.take(headerSize), pos, fmt, csid, basic, extended, s, startsMessage);
    if (startsMessage) {
      s.message = { slices: [], map: new SegmentMap(), received: 0, start: pos, chunks: [] };
      this.inProgress++;
    }
    const m = s.message!;
    if (fmt === 3 && s.extended && !startsMessage) m.type3Extended = extended ? 'repeated' : 'omitted';
    m.chunks.push(node);
    const data = q.take(dataSize);
    if (dataSize > 0) {
      m.slices.push(data);
      m.map.add(pos + headerSize, dataSize);
      m.received += dataSize;
      this.held += dataSize;
    }
    if (m.received < s.length) return interrupted ? { kind: 'chunk', interrupted } : { kind: 'chunk' };
    const message = this.finish(csid, s, pos + headerSize + dataSize);
    return interrupted ? { kind: 'chunk', message, interrupted } : { kind: 'chunk', message };
  }

  private newStream(csid: number): StreamState {
    const s: StreamState = { timestamp: 0, delta: 0, length: 0, typeId: 0, streamId: 0, extended: false, extValue: 0 };
    this.streams.set(csid, s);
    return s;
  }

  /** Ends the stream's message (whole, or cut short by a new header) and joins its slices. */
  private finish(csid: number, s: StreamState, end: number): ChunkedMessage {
    const m = s.message!;
    s.message = undefined;
    this.inProgress--;
    this.held -= m.received;
    const payload = m.slices.length === 1 ? m.slices[0]! : join(m.slices, m.received);
    const message: ChunkedMessage = {
      csid, typeId: s.typeId, streamId: s.streamId, timestamp: s.timestamp, length: s.length, payload, map: m.map, start: m.start, end, chunks: m.chunks,
    };
    if (m.type3Extended) message.type3Extended = m.type3Extended;
    return message;
  }

  /** Reads the header fields in wire order and updates the stream's state. */
  private readHeader(bytes: Uint8Array, pos: number, fmt: number, csid: number, basic: number, extended: boolean, s: StreamState, startsMessage: boolean): Node {
    const node = newNode('chunk', `chunk cs ${csid}`, pos, pos + bytes.length, `chunk header, type ${fmt}, chunk stream ${csid}`);
    const r = FieldReader.at(bytes, pos, this.options);
    r.fields = node.fields;
    r.group('basic header', () => {
      r.u(2, 'fmt', CHUNK_FORMATS);
      r.u(6, 'cs id', (v) => (v === 0 ? 'one more byte: cs id = 64 + next byte' : v === 1 ? 'two more bytes: cs id = 64 + little-endian 16 bits' : v === 2 ? 'protocol control messages' : undefined));
      if (basic === 2) r.u8('cs id - 64', (v) => `chunk stream ${v + 64}`);
      if (basic === 3) {
        r.u16('cs id - 64', () => `chunk stream ${csid} (little-endian)`);
        if (r.last) r.last.value = csid - 64;
      }
    }, () => csid, () => `chunk stream ${csid}`);
    let tsField = 0;
    if (fmt < 3) {
      r.group('message header', () => {
        const mark = (v: number): string | undefined => (v === EXTENDED_TIMESTAMP_MARK ? 'see the extended timestamp' : `${v} ms`);
        tsField = r.u24(fmt === 0 ? 'timestamp' : 'timestamp delta', mark);
        if (fmt <= 1) {
          s.length = r.u24('message length', (v) => `${v} bytes`);
          s.typeId = r.u8('message type id', MESSAGE_TYPES);
        }
        if (fmt === 0) {
          const raw = r.u32('message stream id');
          // The only little-endian field of RTMP.
          const le = (((raw & 0xff) << 24) | ((raw & 0xff00) << 8) | ((raw >>> 8) & 0xff00) | (raw >>> 24)) >>> 0;
          if (r.last) {
            r.last.value = le;
            r.last.display = 'little-endian';
          }
          s.streamId = le;
        }
      }, undefined, () => CHUNK_FORMATS[fmt as 0]);
    }
    let value = tsField;
    if (extended) {
      value = r.u32('extended timestamp', (v) => (fmt === 3 ? `${v} ms, repeated on a type-3 chunk` : `${v} ms`));
    }
    if (fmt < 3) {
      s.extended = extended;
      if (extended) s.extValue = value;
    }
    if (startsMessage) {
      if (fmt === 0) {
        s.timestamp = value;
        s.delta = value;
      } else {
        if (fmt !== 3) s.delta = value;
        s.timestamp = (s.timestamp + s.delta) >>> 0;
      }
    }
    r.derive('message timestamp', s.timestamp, `${s.timestamp} ms${startsMessage ? '' : ' (continuation chunk)'}`);
    node.name = `${startsMessage ? '' : 'continuation '}chunk cs ${csid}`;
    if (startsMessage) node.title = `chunk header, type ${fmt}: ${messageTypeName(s.typeId)}, ${s.length} bytes @ ${s.timestamp} ms`;
    return node;
  }
}

function join(slices: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const s of slices) {
    out.set(s, at);
    at += s.length;
  }
  return out;
}
