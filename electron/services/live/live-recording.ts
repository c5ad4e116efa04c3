/**
 * The record switch of one live session: the recorder's SessionRecorder (fragmented MP4 written
 * fragment by fragment, plus the raw FLV) started on the session when the switch goes on, finished
 * when it goes off or the session ends. Each switch-on names new files. A write error turns the
 * switch off by itself: `changed` hears the status with the error at once, and again once the files
 * are closed; the session goes on.
 */
import { mkdir } from 'node:fs/promises';
import type { RecordingStatus } from '../../api.js';
import { FileNamer } from '../recorder/file-names.js';
import { SessionRecorder } from '../recorder/session-recorder.js';
import type { LiveSession } from '../rtmp/live-session.js';

export class LiveRecording {
  private recorder: SessionRecorder | undefined;
  private readonly earlier: string[] = [];
  private dir = '';
  private error: string | undefined;

  constructor(
    private readonly session: LiveSession,
    private readonly changed: (status: RecordingStatus) => void = () => undefined,
  ) {}

  /** A recorder is attached (it may be finishing because the session ended). */
  get active(): boolean {
    return this.recorder !== undefined;
  }

  status(): RecordingStatus {
    const r = this.recorder;
    const current = r ? [...(r.flvPath ? [r.flvPath] : []), ...r.files.map((f) => f.path)] : [];
    const on = r !== undefined && !this.session.ended && r.error === undefined;
    return { on, dir: this.dir, files: [...this.earlier, ...current], ...(this.error !== undefined ? { error: this.error } : {}) };
  }

  /** Starts writing into `dir` (made if missing); a no-op when already on. */
  async start(dir: string): Promise<RecordingStatus> {
    if (this.recorder || this.session.ended) return this.status();
    await mkdir(dir, { recursive: true });
    this.dir = dir;
    this.error = undefined;
    const r = new SessionRecorder(this.session, new FileNamer(dir));
    this.recorder = r;
    r.on('write-error', (message) => {
      this.error = message;
      this.changed(this.status());
      void this.stop().then((s) => this.changed(s));
    });
    return this.status();
  }

  /** Finishes the files (the MP4 gets its index); resolves once they are on disk. */
  async stop(): Promise<RecordingStatus> {
    const r = this.recorder;
    if (!r) return this.status();
    await r.finish();
    if (this.recorder !== r) return this.status(); // stopped twice at once (a write error and the switch)
    this.earlier.push(...(r.flvPath ? [r.flvPath] : []), ...r.files.map((f) => f.path));
    this.recorder = undefined;
    return this.status();
  }
}
