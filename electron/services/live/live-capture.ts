/**
 * The Live tab's service, one per process (Electron main, or the web host for all its pages): the RTMP
 * server started and stopped on request, its sessions (live ones and the last few that ended, whose
 * bytes stay readable), their client byte streams as growing files, the record switch, the test
 * stream, and one stream of LiveEvents for the page(s), with the byte counts batched about 10 a second.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaptureOptions, CaptureStatus, LiveEvent, LiveSessionInfo, OpenedFile, RecordingStatus } from '../../api.js';
import { ApiRefusal } from '../api-errors.js';
import type { FileRegistry } from '../file-registry.js';
import type { LiveSession } from '../rtmp/live-session.js';
import { RtmpServer } from '../rtmp/rtmp-server.js';
import { TestPublisher } from '../rtmp/test-publisher.js';
import { CaptureView } from './capture-view.js';
import { LiveRecording } from './live-recording.js';

export interface LiveCaptureOptions {
  /** The data folder: captures/ (.rtmpcap when saveCaptures is on) and recordings/ go under it. */
  dataDir: string;
  /** The FLV the test stream publishes (the bundled sample). */
  testStreamFile: string;
  /** Client bytes kept in memory per connection (default 512 MiB: over an hour at 1 Mbit/s). */
  keepBytes?: number;
  /** Ended sessions kept readable (default 8). */
  keepEnded?: number;
}

/**
 * How often byte counts go to the page(s): the live player waits for them, so this is part of its latency
 * (scripts/bench/live-latency.mjs measures it; 100 ms cost about 50 ms at the median).
 */
export const SESSION_BYTES_MS = 25;
const DEFAULT_KEEP_BYTES = 512 * 1024 * 1024;

interface Entry {
  session: LiveSession;
  recording: LiveRecording;
  /** Size last announced in a session-bytes event. */
  announced: number;
  /** Socket reads since the last session-bytes event: [stream size after it, Date.now()]. */
  arrivals: Array<[number, number]>;
  done: boolean;
}

export class LiveCapture {
  private server: RtmpServer | undefined;
  private options: CaptureOptions = {};
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<(e: LiveEvent) => void>();
  private bytesTimer: ReturnType<typeof setTimeout> | undefined;
  private test: TestPublisher | undefined;
  private testStarting: Promise<void> | undefined;

  constructor(private readonly config: LiveCaptureOptions) {}

  /** Subscribes to every live event; returns the unsubscribe function. */
  onEvent(listener: (e: LiveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  async start(options: CaptureOptions): Promise<CaptureStatus> {
    if (this.server) await this.stop();
    const server = new RtmpServer({
      port: options.port ?? 1935,
      host: options.host ?? '127.0.0.1',
      ...(options.key ? { key: options.key } : {}),
      ...(options.saveCaptures ? { captureDir: await this.captureDir() } : {}),
      keepBytes: this.config.keepBytes ?? DEFAULT_KEEP_BYTES,
    });
    try {
      await server.listen();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new ApiRefusal(code === 'EADDRINUSE' ? `port ${options.port ?? 1935} is in use (another RTMP server?); choose another` : `cannot listen: ${(e as Error).message}`);
    }
    this.server = server;
    this.options = options;
    server.on('session', (s) => this.started(s));
    server.on('session-end', (s, reason) => {
      s.info.endedAt = Date.now();
      s.info.endReason = reason;
    });
    server.on('live-event', (e) => this.emit(e));
    const status = this.status();
    this.emit({ type: 'capture-status', status });
    return status;
  }

  async stop(): Promise<void> {
    await this.stopTestStream();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await server.close();
    this.flushBytes();
    this.emit({ type: 'capture-status', status: this.status() });
  }

  status(): CaptureStatus {
    const s = this.server?.status();
    const status: CaptureStatus = {
      listening: s?.listening ?? false,
      keyRequired: s?.keyRequired ?? false,
      sessions: [...this.entries.values()].map((e) => this.info(e)),
      testStream: this.test !== undefined,
    };
    if (s?.port !== undefined) status.port = s.port;
    if (s?.host !== undefined) status.host = s.host;
    if (this.server && this.options.key) status.key = this.options.key;
    if (this.server && this.options.saveCaptures) status.captureDir = join(this.config.dataDir, 'captures');
    return status;
  }

  /** The session's client byte stream as a growing file in `files`. */
  openSession(files: FileRegistry, id: string): OpenedFile {
    const { session } = this.entry(id);
    const bytes = session.bytes;
    if (!bytes) throw new ApiRefusal('this session\'s bytes were not kept');
    return files.openSource(`${session.info.app}/${session.info.stream}`, {
      get size() {
        return bytes.size;
      },
      read: (offset, length) => bytes.read(offset, length),
      close: () => Promise.resolve(),
    });
  }

  /** The session's bytes so far as an .rtmpcap file. */
  openCapture(files: FileRegistry, id: string): OpenedFile {
    const { session } = this.entry(id);
    if (!session.bytes) throw new ApiRefusal('this session\'s bytes were not kept');
    const stamp = new Date(session.info.startedAt).toISOString().replace(/[:.]/g, '-');
    return files.openSource(`${session.info.stream || 'session'}-${stamp}.rtmpcap`, new CaptureView(session.info, session.bytes));
  }

  async setRecording(id: string, on: boolean): Promise<RecordingStatus> {
    const e = this.entry(id);
    if (on && e.session.ended) throw new ApiRefusal('the session has ended: nothing more to record');
    const status = on ? await e.recording.start(join(this.config.dataDir, 'recordings')) : await e.recording.stop();
    this.emit({ type: 'recording', sessionId: id, recording: status });
    return status;
  }

  async startTestStream(): Promise<void> {
    const server = this.server;
    const status = server?.status();
    if (!server || !status?.listening || status.port === undefined) throw new ApiRefusal('start the server first');
    if (this.test) return;
    if (this.testStarting) return this.testStarting;
    const host = status.host === '0.0.0.0' || status.host === undefined ? '127.0.0.1' : status.host === '::' ? '::1' : status.host;
    this.testStarting = TestPublisher.start({ port: status.port, host, stream: this.options.key ?? 'test', file: this.config.testStreamFile })
      .then((pub) => {
        this.test = pub;
        pub.on('end', (reason) => {
          if (this.test === pub) this.test = undefined;
          this.emit({ type: 'test-stream', running: false, ...(reason === 'stopped' ? {} : { error: reason }) });
        });
        this.emit({ type: 'test-stream', running: true });
      })
      .catch((e: unknown) => {
        const message = e instanceof Error ? e.message : String(e);
        this.emit({ type: 'test-stream', running: false, error: message });
        throw new ApiRefusal(message);
      })
      .finally(() => (this.testStarting = undefined));
    return this.testStarting;
  }

  async stopTestStream(): Promise<void> {
    await this.testStarting?.catch(() => undefined);
    const pub = this.test;
    this.test = undefined;
    await pub?.stop();
  }

  /** Stops everything (the app quits, the host closes). */
  async close(): Promise<void> {
    await this.stop();
    await Promise.all([...this.entries.values()].map((e) => e.recording.stop()));
    clearTimeout(this.bytesTimer);
    this.listeners.clear();
  }

  private async captureDir(): Promise<string> {
    const dir = join(this.config.dataDir, 'captures');
    await mkdir(dir, { recursive: true });
    return dir;
  }

  private entry(id: string): Entry {
    const e = this.entries.get(id);
    if (!e) throw new ApiRefusal('unknown live session (ended long ago, or never here)');
    return e;
  }

  private info(e: Entry): LiveSessionInfo {
    return { ...e.session.info, recording: e.recording.status() };
  }

  private started(session: LiveSession): void {
    const recording = new LiveRecording(session, (r) => this.emit({ type: 'recording', sessionId: session.info.id, recording: r }));
    const entry: Entry = { session, recording, announced: -1, arrivals: [], done: false };
    this.entries.set(session.info.id, entry);
    this.forget();
    session.on('data', (bytes, offset) => {
      entry.arrivals.push([offset + bytes.length, Date.now()]);
      this.scheduleBytes();
    });
    session.on('end', () => {
      // After the session-ended event (the server emits it after 'end' listeners run): the last count, complete.
      setTimeout(() => {
        entry.done = true;
        this.announce(entry, true);
        if (entry.recording.active) void entry.recording.stop().then((r) => this.emit({ type: 'recording', sessionId: session.info.id, recording: r }));
      }, 0);
    });
    // The bytes up to the publish are already there: announce them right after session-started.
    setTimeout(() => this.announce(entry, false), 0);
  }

  /** Keeps the live sessions and the last `keepEnded` ended ones. */
  private forget(): void {
    const ended = [...this.entries.values()].filter((e) => e.session.ended);
    for (const e of ended.slice(0, Math.max(0, ended.length - (this.config.keepEnded ?? 8)))) this.entries.delete(e.session.info.id);
  }

  private scheduleBytes(): void {
    this.bytesTimer ??= setTimeout(() => this.flushBytes(), SESSION_BYTES_MS);
  }

  private flushBytes(): void {
    clearTimeout(this.bytesTimer);
    this.bytesTimer = undefined;
    for (const e of this.entries.values()) if (!e.done) this.announce(e, false);
  }

  private announce(e: Entry, complete: boolean): void {
    const size = e.session.bytes?.size ?? 0;
    // Taken every time, so reads past the in-memory limit (never announced) do not pile up.
    const arrivals = e.arrivals.splice(0);
    if (size === e.announced && !complete) return;
    e.announced = size;
    this.emit({ type: 'session-bytes', sessionId: e.session.info.id, size, complete: complete || (e.session.bytes?.complete ?? false), ...(arrivals.length ? { arrivals } : {}) });
  }

  private emit(e: LiveEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch (err) {
        console.error('bitlens: a live event listener failed:', err);
      }
    }
  }
}
