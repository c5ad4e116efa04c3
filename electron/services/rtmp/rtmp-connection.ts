/**
 * One client connection: feeds the socket's bytes to the RTMP push parser (media/formats/rtmp),
 * answers the handshake and commands, acknowledges, answers pings, enforces the timeouts and the
 * limits before publishing (pre-publish-guard.ts), and routes the published stream's messages to
 * its live session. Anything wrong closes this connection only.
 */
import type { Socket } from 'node:net';
import type { LiveSessionInfo } from '../../api.js';
import { RtmpPushParser, type RtmpUnit } from '../../../media/formats/rtmp/rtmp-push-parser.js';
import { MSG, UC } from '../../../media/formats/rtmp/rtmp-tables.js';
import { ANNOTATE, type Node } from '../../../media/model/types.js';
import { GrowingSource } from '../../../media/source/growing-source.js';
import { handshakeReply } from './handshake-reply.js';
import { CaptureWriter } from './capture-writer.js';
import { ChunkWriter } from '../../../media/formats/rtmp/chunk-writer.js';
import { escapeText } from '../escape-text.js';
import { LiveSession } from './live-session.js';
import { handleCommand } from './rtmp-commands.js';
import type { StreamKey } from './stream-key.js';
import { type PrePublishOptions, PrePublishGuard } from './pre-publish-guard.js';

export interface ConnectionContext {
  key?: StreamKey;
  captureDir?: string;
  /** Keep the connection's client bytes in memory (up to this many) for the Live tab's views. */
  keepBytes?: number;
  handshakeTimeoutMs: number;
  idleTimeoutMs: number;
  prePublish: PrePublishOptions;
  /** Whether a publishing slot is free (admission-policy.ts). */
  mayPublish(): boolean;
  sessionStarted(session: LiveSession): void;
  closed(connection: RtmpConnection, reason: string): void;
}

interface Published {
  name: string;
  streamId: number;
  session: LiveSession;
}

/** Nodes kept from before the publish (handshake, connect ...): a real client needs about ten. */
const MAX_PREAMBLE = 256;
let nextConnectionId = 1;

/** `address:port`, with brackets around an IPv6 address. */
export function peerText(address: string, port: number): string {
  return `${address.includes(':') ? `[${address}]` : address}:${port}`;
}

export class RtmpConnection {
  readonly id = nextConnectionId++;
  readonly writer = new ChunkWriter();
  readonly parser = new RtmpPushParser(ANNOTATE);
  /** The peer, as accepted (a destroyed socket forgets it). */
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** When the parser last read a whole handshake packet or chunk of this client (its accept before that). */
  advancedAt = performance.now();
  /** A `connect` was answered: stream commands are accepted from then on. */
  connected = false;
  /** A publish was accepted (the key matched) at least once: the slot is no longer up for eviction. */
  hasPublished = false;
  /** Set when the server refused the client (a limit, a bad command, a wrong key), as opposed to an ordinary end. */
  refusal: string | undefined;
  /** Publisher-supplied texts, escaped for printing (escape-text.ts). */
  app = '';
  tcUrl: string | undefined;
  flashVer: string | undefined;
  closed = false;
  /** The client bytes from the first handshake byte, when the server keeps them (`keepBytes`). */
  readonly bytes: GrowingSource | undefined;
  /** True once more bytes came than `keepBytes` allows: `bytes` stopped growing there. */
  bytesCapped = false;
  private bytesIn = 0;
  private clientWindow = 0;
  private lastAck = 0;
  private nextStreamId = 1;
  private sessionCount = 0;
  private lastPublished = '';
  private readonly streams = new Set<number>();
  private readonly published: Published[] = [];
  private readonly preamble: Node[] = [];
  private readonly capture: CaptureWriter | undefined;
  private handshakeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly guard: PrePublishGuard;

  constructor(
    private readonly socket: Socket,
    private readonly ctx: ConnectionContext,
  ) {
    this.remoteAddress = socket.remoteAddress ?? '';
    this.remotePort = socket.remotePort ?? 0;
    if (ctx.captureDir) {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      this.capture = new CaptureWriter(ctx.captureDir, `${stamp}-c${this.id}`, {
        remoteAddress: this.remoteAddress, remotePort: this.remotePort, localAddress: socket.localAddress ?? '', localPort: socket.localPort ?? 0,
      });
    }
    if (ctx.keepBytes) this.bytes = new GrowingSource();
    this.handshakeTimer = setTimeout(() => this.refuse('handshake timeout'), ctx.handshakeTimeoutMs);
    this.guard = new PrePublishGuard(ctx.prePublish, () => this.parser.readOffset, (reason) => this.refuse(reason));
    socket.setTimeout(ctx.idleTimeoutMs, () => this.close('idle timeout'));
    socket.setNoDelay(true);
    socket.on('data', (data: Buffer) => this.received(new Uint8Array(data.buffer, data.byteOffset, data.length)));
    socket.on('error', (e) => this.close(`socket error: ${e.message}`));
    socket.on('close', () => this.close('connection closed by the client'));
  }

  /** `address:port` of the client. */
  get peer(): string {
    return peerText(this.remoteAddress, this.remotePort);
  }

  write(bytes: Uint8Array): void {
    if (!this.closed && !this.socket.destroyed) this.socket.write(bytes);
  }

  private received(bytes: Uint8Array): void {
    if (this.closed) return;
    const offset = this.bytesIn;
    this.bytesIn += bytes.length;
    this.capture?.write(bytes);
    this.keep(bytes);
    for (const p of this.published) p.session.received(bytes, offset);
    let units: RtmpUnit[];
    const readBefore = this.parser.readOffset;
    try {
      units = this.parser.push(bytes);
      if (this.parser.readOffset > readBefore) this.advancedAt = performance.now();
    } catch (e) {
      // A parser bug must not take the server down: this connection alone ends.
      this.close(`parser error: ${(e as Error).message}`);
      return;
    }
    for (const unit of units) {
      if (this.closed) return;
      this.handle(unit);
    }
    if (this.parser.failure) {
      this.refuse(this.parser.failure.message);
      return;
    }
    // After parsing, so a protocol error is named as such; the read that crossed the budget is bounded by the socket's.
    if (!this.guard.withinBudget(this.bytesIn)) {
      this.refuse(this.guard.budgetReason);
      return;
    }
    if (this.clientWindow > 0 && this.bytesIn - this.lastAck >= this.clientWindow) {
      this.lastAck = this.bytesIn;
      this.write(this.writer.control(MSG.Acknowledgement, this.bytesIn >>> 0));
    }
  }

  private keep(bytes: Uint8Array): void {
    if (!this.bytes || this.bytesCapped) return;
    if (this.bytes.size + bytes.length > (this.ctx.keepBytes ?? 0)) {
      this.bytesCapped = true;
      this.bytes.end();
      return;
    }
    this.bytes.append(bytes);
  }

  private handle(unit: RtmpUnit): void {
    if (this.published.length > 0) {
      for (const p of this.published) p.session.wire(unit.node);
    } else if (this.preamble.length < MAX_PREAMBLE) {
      this.preamble.push(unit.node);
    }
    const hs = unit.handshake;
    if (hs?.packet === 'C1') {
      this.write(handshakeReply(hs, Math.round(performance.now())));
    } else if (hs?.packet === 'C2') {
      clearTimeout(this.handshakeTimer);
      this.handshakeTimer = undefined;
    }
    const m = unit.message;
    if (!m) return;
    const c = m.control;
    if (c?.type === 'window-ack-size') {
      this.clientWindow = c.size;
    } else if (c?.type === 'user-control' && c.event === UC.PingRequest) {
      this.write(this.writer.userControl(UC.PingResponse, c.timestamp ?? 0));
    } else if (m.command) {
      handleCommand(this, m.command, m.streamId);
    } else if (m.flv) {
      // Media reaches a session only on a stream whose publish was accepted (after the key check).
      for (const p of this.published) if (p.streamId === m.streamId) p.session.message(m, unit.node);
    }
  }

  createStream(): number {
    const id = this.nextStreamId++;
    this.streams.add(id);
    return id;
  }

  deleteStream(id: number): void {
    this.streams.delete(id);
  }

  /** A connection that already publishes may publish again; a new publisher needs a free slot. */
  mayPublish(): boolean {
    return this.hasPublished || this.ctx.mayPublish();
  }

  keyMatches(name: string): boolean {
    return this.ctx.key ? this.ctx.key.matches(name) : true;
  }

  /** An accepted publish of `name` (as sent; the session keeps it escaped). */
  startSession(name: string, streamId: number): void {
    this.hasPublished = true;
    this.guard.stop();
    this.endSessions('republished', (p) => p.streamId === streamId);
    const info: LiveSessionInfo = {
      id: `c${this.id}-s${++this.sessionCount}`,
      app: this.app,
      stream: escapeText(name),
      remoteAddress: this.remoteAddress,
      remotePort: this.remotePort,
      startedAt: Date.now(),
    };
    if (this.tcUrl !== undefined) info.tcUrl = this.tcUrl;
    if (this.flashVer !== undefined) info.encoder = this.flashVer;
    if (this.capture) info.capturePath = this.capture.path;
    const session = new LiveSession(info, [...this.preamble], this);
    this.published.push({ name, streamId, session });
    this.lastPublished = info.stream;
    this.ctx.sessionStarted(session);
  }

  endSessions(reason: string, which: (p: Published) => boolean = () => true): void {
    for (let i = this.published.length - 1; i >= 0; i--) {
      const p = this.published[i]!;
      if (!which(p)) continue;
      this.published.splice(i, 1);
      p.session.end(reason);
    }
  }

  /** Closes the connection as refused: the server logs the refusal with the peer and the reason. */
  refuse(reason: string, flushFirst = false): void {
    if (this.closed) return;
    this.refusal = reason;
    this.close(`refused: ${reason}`, flushFirst);
  }

  /** Ends the connection: sessions end, the capture gets its index, the socket closes. */
  close(reason: string, flushFirst = false): void {
    if (this.closed) return;
    clearTimeout(this.handshakeTimer);
    this.guard.stop();
    this.endSessions(reason);
    this.closed = true;
    if (this.bytes && !this.bytes.complete) this.bytes.end();
    void this.capture?.finish({
      app: this.app,
      ...(this.tcUrl !== undefined ? { tcUrl: this.tcUrl } : {}),
      stream: this.lastPublished,
      closedBecause: reason,
    });
    if (flushFirst) this.socket.end();
    else this.socket.destroy();
    this.ctx.closed(this, reason);
  }
}
