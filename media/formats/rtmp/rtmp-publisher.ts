/**
 * The client side of an RTMP publish, as a pure state machine (no sockets): it makes the bytes a
 * publisher sends and reads what the server answers, in the order ffmpeg and OBS use (RTMP spec
 * 5.2 and 7.2): C0+C1; C2 once S1 is in; Set Chunk Size and connect; releaseStream, FCPublish and
 * createStream after connect's _result; publish on the new stream; media once the server says
 * NetStream.Publish.Start. The server's bytes go through the same push parser the server uses
 * (S0/S1/S2 have the layout of C0/C1/C2), so no second reader of chunks exists.
 */
import { amfGet } from '../amf/amf-value.js';
import { BULK } from '../../model/types.js';
import { encodeAmf0 } from './amf0-writer.js';
import { CS_COMMAND, ChunkWriter } from './chunk-writer.js';
import type { RtmpCommand } from './command-message.js';
import { RtmpPushParser } from './rtmp-push-parser.js';
import { HANDSHAKE_SIZE, MSG, UC } from './rtmp-tables.js';

export interface PublishTarget {
  /** The application name (`live` in rtmp://host/live). */
  app: string;
  /** The publish name (the stream key). */
  stream: string;
  /** rtmp://host:port/app, as the connect command carries it. */
  tcUrl: string;
  /** What connect's flashVer says the client is. */
  flashVer?: string;
}

export type PublisherState = 'handshake' | 'connecting' | 'creating-stream' | 'publishing' | 'live' | 'failed';

/** Chunk streams of the publisher's own messages (ffmpeg uses these too). */
export const CS_DATA = 4;
export const CS_AUDIO = 4;
export const CS_VIDEO = 6;
/** The chunk size the publisher announces before connect, as OBS does. */
export const PUBLISHER_CHUNK_SIZE = 4096;

const TX = { connect: 1, releaseStream: 2, FCPublish: 3, createStream: 4, publish: 5 } as const;

export class RtmpPublisher {
  state: PublisherState = 'handshake';
  /** Why the publish failed (the server's onStatus description, or a protocol problem). */
  failure: string | undefined;
  /** The message stream id the server gave for the publish. */
  streamId = 0;
  private readonly writer = new ChunkWriter();
  /** Reads the server's bytes: S0, S1, S2 in the places of C0, C1, C2, then chunks. */
  private readonly server = new RtmpPushParser(BULK);

  constructor(
    private readonly target: PublishTarget,
    /** C1's random bytes (the caller's source of randomness; pure code has none). */
    private readonly random: Uint8Array = new Uint8Array(HANDSHAKE_SIZE - 8),
  ) {}

  /** C0 and C1: the first bytes to send. C1 is the simple form (time 0, zero 0, then random bytes). */
  start(): Uint8Array {
    const out = new Uint8Array(1 + HANDSHAKE_SIZE);
    out[0] = 3; // C0: version 3, plain RTMP
    // C1: time (4 bytes) = 0, zero (4 bytes) = 0, random (1528 bytes).
    out.set(this.random.subarray(0, HANDSHAKE_SIZE - 8), 9);
    return out;
  }

  /** Bytes from the server in; bytes to send back out (C2, commands), possibly none. */
  receive(bytes: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    if (this.state === 'failed') return out;
    for (const unit of this.server.push(bytes)) {
      const hs = unit.handshake;
      if (hs?.packet === 'C1' && hs.bytes) {
        // S1 arrived: C2 echoes it; then the chunk size and connect go right behind it.
        out.push(hs.bytes.slice(), ...this.connect());
        this.state = 'connecting';
      }
      const m = unit.message;
      if (m?.control?.type === 'user-control' && m.control.event === UC.PingRequest) {
        out.push(this.writer.userControl(UC.PingResponse, m.control.timestamp ?? 0));
      }
      if (m?.command) out.push(...this.command(m.command));
    }
    if (this.server.failure && this.failure === undefined) this.fail(`the server's bytes are not RTMP: ${this.server.failure.message}`);
    return out;
  }

  /** One audio (8), video (9) or data (18) message of the published stream: an FLV tag body. */
  media(typeId: 8 | 9 | 18, timestamp: number, body: Uint8Array): Uint8Array {
    if (this.state !== 'live') throw new Error(`publisher is ${this.state}, not live`);
    const csid = typeId === MSG.Video ? CS_VIDEO : typeId === MSG.Audio ? CS_AUDIO : CS_DATA;
    return this.writer.message(csid, typeId, this.streamId, timestamp, body);
  }

  /** onMetaData as publishers send it: @setDataFrame, then the name and the FLV script body's values. */
  setDataFrame(scriptBody: Uint8Array): Uint8Array {
    const prefix = encodeAmf0('@setDataFrame');
    const payload = new Uint8Array(prefix.length + scriptBody.length);
    payload.set(prefix);
    payload.set(scriptBody, prefix.length);
    return this.media(MSG.DataAmf0, 0, payload);
  }

  /** FCUnpublish and deleteStream: a clean end of the publish. */
  unpublish(): Uint8Array[] {
    if (this.state !== 'live') return [];
    return [
      this.send(0, 'FCUnpublish', 6, null, this.target.stream),
      this.send(0, 'deleteStream', 7, null, this.streamId),
    ];
  }

  private connect(): Uint8Array[] {
    const t = this.target;
    const setChunkSize = this.writer.control(MSG.SetChunkSize, PUBLISHER_CHUNK_SIZE);
    this.writer.chunkSize = PUBLISHER_CHUNK_SIZE;
    const connect = this.send(0, 'connect', TX.connect, {
      app: t.app,
      type: 'nonprivate',
      flashVer: t.flashVer ?? 'FMLE/3.0 (compatible; Bitlens test stream)',
      tcUrl: t.tcUrl,
    });
    return [setChunkSize, connect];
  }

  private command(c: RtmpCommand): Uint8Array[] {
    const status = c.name === 'onStatus' ? c.args[0] : undefined;
    const code = amfGet(status, 'code');
    if (amfGet(status, 'level') === 'error' || c.name === '_error') {
      const description = amfGet(status ?? c.args[0], 'description');
      this.fail(`${typeof code === 'string' ? code : c.name}: ${typeof description === 'string' ? description : 'refused'}`);
      return [];
    }
    if (this.state === 'connecting' && c.name === '_result' && c.transactionId === TX.connect) {
      this.state = 'creating-stream';
      const s = this.target.stream;
      return [
        this.send(0, 'releaseStream', TX.releaseStream, null, s),
        this.send(0, 'FCPublish', TX.FCPublish, null, s),
        this.send(0, 'createStream', TX.createStream, null),
      ];
    }
    if (this.state === 'creating-stream' && c.name === '_result' && c.transactionId === TX.createStream) {
      const id = c.args[0];
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
        this.fail('createStream answered without a stream id');
        return [];
      }
      this.streamId = id;
      this.state = 'publishing';
      return [this.send(id, 'publish', TX.publish, null, this.target.stream, 'live')];
    }
    if (this.state === 'publishing' && code === 'NetStream.Publish.Start') this.state = 'live';
    return [];
  }

  private send(streamId: number, ...values: Parameters<typeof encodeAmf0>): Uint8Array {
    return this.writer.message(CS_COMMAND, MSG.CommandAmf0, streamId, 0, encodeAmf0(...values));
  }

  private fail(reason: string): void {
    this.state = 'failed';
    this.failure = reason;
  }
}
