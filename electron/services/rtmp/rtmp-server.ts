/**
 * The local RTMP server: accepts publishers (127.0.0.1 unless told otherwise), one RtmpConnection
 * each, and announces their live sessions. Who gets a slot is admission-policy.ts; how long a
 * connection may take to publish is pre-publish-guard.ts. Every refusal (a connection turned away
 * or closed for breaking a limit) is a `refused` event with the peer and the reason. `live-event`
 * carries the same happenings as the typed LiveEvent union of electron/api.ts, ready for IPC.
 */
import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';
import type { CaptureStatus, LiveEvent } from '../../api.js';
import { escapeText } from '../escape-text.js';
import { type AdmissionOptions, AdmissionPolicy } from './admission-policy.js';
import { type LiveSession, tagSummary } from './live-session.js';
import type { PrePublishOptions } from './pre-publish-guard.js';
import { RtmpConnection } from './rtmp-connection.js';
import { StreamKey } from './stream-key.js';
import { TypedEmitter } from './typed-emitter.js';

/**
 * Limits (defaults in admission-policy.ts and pre-publish-guard.ts): maxConnections 16 publishing,
 * maxPending 128 not yet published, maxPendingPerAddress 4 (remote addresses), prePublishDeadlineMs
 * 5000, minUsefulBytesPerSecond 512, maxPrePublishBytes 256 KiB.
 */
export interface RtmpServerOptions extends AdmissionOptions, PrePublishOptions {
  /** Default 1935; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** When set, the publish name must equal it. */
  key?: string;
  /** Write each connection's client bytes to DIR/<time>-c<N>.rtmpcap. */
  captureDir?: string;
  /** Keep each connection's client bytes in memory, up to this many per connection (the Live tab reads them). */
  keepBytes?: number;
  /** Default 10 s. */
  handshakeTimeoutMs?: number;
  /** Default 60 s; after the publish (before it, the pre-publish limits apply as well). */
  idleTimeoutMs?: number;
}

/** A client turned away at accept, or closed for breaking a limit. */
export interface Refusal {
  /** `address:port`. */
  peer: string;
  reason: string;
  /** The connection's number, when it had been accepted. */
  connectionId?: number;
}

export interface RtmpServerEvents {
  session: [LiveSession];
  'session-end': [LiveSession, string];
  'connection-closed': [RtmpConnection, string];
  'live-event': [LiveEvent];
  refused: [Refusal];
}

export class RtmpServer extends TypedEmitter<RtmpServerEvents> {
  private readonly server: Server;
  private readonly connections = new Set<RtmpConnection>();
  private readonly live = new Set<LiveSession>();
  private readonly key: StreamKey | undefined;
  private readonly admission: AdmissionPolicy;
  private address: AddressInfo | undefined;

  constructor(private readonly options: RtmpServerOptions = {}) {
    super();
    this.key = options.key !== undefined ? new StreamKey(options.key) : undefined;
    this.admission = new AdmissionPolicy(options);
    this.server = createServer((socket) => this.accept(socket));
    this.server.on('error', (e) => console.error(`bitlens: rtmp server: ${e.message}`));
  }

  listen(): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error): void => reject(e);
      this.server.once('error', onError);
      this.server.listen(this.options.port ?? 1935, this.options.host ?? '127.0.0.1', () => {
        this.server.off('error', onError);
        this.address = this.server.address() as AddressInfo;
        resolve(this.address);
      });
    });
  }

  /** Stops listening and closes every connection (their sessions end). */
  close(): Promise<void> {
    for (const c of [...this.connections]) c.close('server stopped');
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  sessions(): LiveSession[] {
    return [...this.live];
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  status(): CaptureStatus {
    const s: CaptureStatus = { listening: this.server.listening, keyRequired: this.key !== undefined, sessions: this.sessions().map((x) => ({ ...x.info })), testStream: false };
    if (this.address) {
      s.port = this.address.port;
      s.host = this.address.address;
    }
    return s;
  }

  private accept(socket: Socket): void {
    const address = socket.remoteAddress ?? '';
    const admission = this.admission.admit(address, this.connections);
    if (admission.evict) admission.evict.connection.refuse(`evicted: ${admission.evict.reason}`);
    const connection = new RtmpConnection(socket, {
      ...(this.key ? { key: this.key } : {}),
      ...(this.options.captureDir ? { captureDir: this.options.captureDir } : {}),
      ...(this.options.keepBytes ? { keepBytes: this.options.keepBytes } : {}),
      handshakeTimeoutMs: this.options.handshakeTimeoutMs ?? 10_000,
      idleTimeoutMs: this.options.idleTimeoutMs ?? 60_000,
      prePublish: this.options,
      mayPublish: () => this.admission.mayPublish(this.connections),
      sessionStarted: (s) => this.started(s),
      closed: (c, reason) => {
        this.connections.delete(c);
        if (c.refusal !== undefined) this.emit('refused', { peer: c.peer, reason: c.refusal, connectionId: c.id });
        this.emit('connection-closed', c, reason);
      },
    });
    this.connections.add(connection);
  }

  private started(session: LiveSession): void {
    this.live.add(session);
    const id = session.info.id;
    session.on('tags', (tags) => this.emit('live-event', { type: 'tags', sessionId: id, tags: tags.map(tagSummary) }));
    session.on('sequence-header', (h) => {
      const e: LiveEvent = { type: 'sequence-header', sessionId: id, kind: h.config.kind, codec: escapeText(h.config.codec), timestamp: h.tag.timestamp };
      if (h.codecString) e.codecString = h.codecString;
      this.emit('live-event', e);
    });
    session.on('stats', (stats) => this.emit('live-event', { type: 'stats', sessionId: id, stats }));
    session.on('end', (reason) => {
      this.live.delete(session);
      this.emit('session-end', session, reason);
      this.emit('live-event', { type: 'session-ended', session: { ...session.info }, reason, stats: session.stats() });
    });
    this.emit('session', session);
    this.emit('live-event', { type: 'session-started', session: { ...session.info } });
  }
}
