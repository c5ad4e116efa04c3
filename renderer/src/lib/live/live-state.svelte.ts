import type { BitlensApi, CaptureStatus, LiveEvent, LiveSessionInfo, LiveStats, OpenedFile } from '../../../../electron/api.js';
import { LiveDocument } from './live-document.svelte.js';

/** Seconds of statistics kept for the sparklines (one point a second). */
export const HISTORY = 60;

export interface StatsHistory {
  bitrate: number[];
  frameRate: number[];
  keyframeInterval: number[];
  avDrift: number[];
}

/** What the sessions list shows of one session. */
export interface SessionRow {
  info: LiveSessionInfo;
  stats: LiveStats | undefined;
  history: StatsHistory;
  /** FLV tags announced by the server so far. */
  tags: number;
  /** Bytes of the client stream so far. */
  bytes: number;
  ended: boolean;
}

const emptyHistory = (): StatsHistory => ({ bitrate: [], frameRate: [], keyframeInterval: [], avDrift: [] });
const push = (list: number[], v: number | undefined): number[] => [...list, v ?? Number.NaN].slice(-HISTORY);

/**
 * The Live tab's state: the server's status and settings, the sessions with their statistics, the chosen
 * session's live document, and the actions (start, stop, test stream, record switch, open as a file).
 * Fed by the API's live events; `openFile` hands a capture to the documents as a file tab.
 */
export class LiveState {
  /** The Live tab is the one showing. */
  shown = $state(false);
  status = $state.raw<CaptureStatus | null>(null);
  rows = $state.raw<SessionRow[]>([]);
  selectedId = $state<string | null>(null);
  document = $state.raw<LiveDocument | null>(null);
  /** Settings of the next start. */
  port = $state(1935);
  key = $state('');
  saveCaptures = $state(false);
  busy = $state(false);
  testBusy = $state(false);
  error = $state('');
  private api: BitlensApi | null = null;
  private readonly docs = new Map<string, LiveDocument>();

  constructor(private readonly openFile: (file: OpenedFile, detail: string) => void) {}

  get listening(): boolean {
    return this.status?.listening ?? false;
  }

  get selected(): SessionRow | undefined {
    return this.rows.find((r) => r.info.id === this.selectedId);
  }

  /** Subscribes to the API's live events and reads the current status (a page may join a running server). */
  async attach(api: BitlensApi): Promise<void> {
    if (this.api) return;
    this.api = api;
    api.onLiveEvent((e) => this.event(e));
    try {
      this.setStatus(await api.captureStatus());
    } catch (e) {
      this.error = message(e);
    }
  }

  async start(): Promise<void> {
    if (!this.api) return;
    await this.run('busy', async () => {
      const options = { port: this.port, saveCaptures: this.saveCaptures, ...(this.key ? { key: this.key } : {}) };
      this.setStatus(await this.api!.startCapture(options));
    });
  }

  async stop(): Promise<void> {
    if (!this.api) return;
    await this.run('busy', async () => {
      await this.api!.stopCapture();
      this.setStatus(await this.api!.captureStatus());
    });
  }

  async toggleTestStream(): Promise<void> {
    if (!this.api) return;
    const running = this.status?.testStream ?? false;
    await this.run('testBusy', () => (running ? this.api!.stopTestStream() : this.api!.startTestStream()));
  }

  async setRecording(id: string, on: boolean): Promise<void> {
    if (!this.api) return;
    await this.run('busy', async () => {
      const recording = await this.api!.setRecording(id, on);
      this.update(id, (r) => ({ ...r, info: { ...r.info, recording } }));
    });
  }

  /** Opens the session's bytes so far as an .rtmpcap file tab (or its saved capture file). */
  async openAsFile(id: string): Promise<void> {
    if (!this.api) return;
    await this.run('busy', async () => {
      const file = await this.api!.openLiveCapture(id);
      this.openFile(file, `${file.name} (live session ${id}, as a capture file)`);
    });
  }

  /** Chooses a session: its live document opens (or comes back) in the Live tab. */
  async select(id: string): Promise<void> {
    this.selectedId = id;
    const existing = this.docs.get(id);
    if (existing) {
      this.document = existing;
      return;
    }
    if (!this.api) return;
    try {
      const file = await this.api.openLiveSession(id);
      const doc = new LiveDocument(this.api, id, file);
      this.docs.set(id, doc);
      const row = this.rows.find((r) => r.info.id === id);
      doc.grow(Math.max(file.size, row?.bytes ?? 0), row?.ended ?? false);
      if (this.selectedId === id) this.document = doc;
    } catch (e) {
      this.error = message(e);
    }
  }

  private async run(flag: 'busy' | 'testBusy', action: () => Promise<unknown>): Promise<void> {
    this[flag] = true;
    this.error = '';
    try {
      await action();
    } catch (e) {
      this.error = message(e);
    } finally {
      this[flag] = false;
    }
  }

  private setStatus(status: CaptureStatus): void {
    this.status = status;
    if (status.port !== undefined) this.port = status.port;
    const known = new Map(this.rows.map((r) => [r.info.id, r]));
    this.rows = status.sessions.map((info) => {
      const r = known.get(info.id);
      return r ? { ...r, info, ended: info.endedAt !== undefined } : { info, stats: undefined, history: emptyHistory(), tags: 0, bytes: 0, ended: info.endedAt !== undefined };
    });
    if (!this.selectedId && this.rows.length) void this.select(this.rows[this.rows.length - 1]!.info.id);
  }

  private update(id: string, change: (r: SessionRow) => SessionRow): void {
    this.rows = this.rows.map((r) => (r.info.id === id ? change(r) : r));
  }

  private event(e: LiveEvent): void {
    switch (e.type) {
      case 'capture-status':
        this.setStatus(e.status);
        return;
      case 'session-started':
        if (!this.rows.some((r) => r.info.id === e.session.id)) {
          this.rows = [...this.rows, { info: e.session, stats: undefined, history: emptyHistory(), tags: 0, bytes: 0, ended: false }];
        }
        // A new publish is what a person watching the tab wants to see, unless they chose a live one.
        if (!this.selectedId || this.selected?.ended) void this.select(e.session.id);
        return;
      case 'session-ended':
        this.update(e.session.id, (r) => ({ ...r, info: { ...r.info, ...e.session, recording: r.info.recording }, stats: e.stats, ended: true }));
        return;
      case 'tags':
        this.update(e.sessionId, (r) => ({ ...r, tags: r.tags + e.tags.length }));
        return;
      case 'stats':
        this.update(e.sessionId, (r) => ({
          ...r,
          stats: e.stats,
          history: {
            bitrate: push(r.history.bitrate, e.stats.bitrate),
            frameRate: push(r.history.frameRate, e.stats.frameRate),
            keyframeInterval: push(r.history.keyframeInterval, e.stats.keyframeIntervalMs),
            avDrift: push(r.history.avDrift, e.stats.avDriftMs),
          },
        }));
        return;
      case 'sequence-header':
        // The codecs and picture size come with the next status; the session's info already carries them.
        void this.api?.captureStatus().then((s) => this.setStatus(s), () => {});
        return;
      case 'session-bytes':
        this.update(e.sessionId, (r) => ({ ...r, bytes: e.size }));
        this.docs.get(e.sessionId)?.grow(e.size, e.complete, e.arrivals);
        return;
      case 'recording':
        this.update(e.sessionId, (r) => ({ ...r, info: { ...r.info, recording: e.recording } }));
        return;
      case 'test-stream':
        if (this.status) this.status = { ...this.status, testStream: e.running };
        if (e.error) this.error = `Test stream: ${e.error}`;
        return;
    }
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
