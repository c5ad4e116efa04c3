/**
 * The record switch of one live session: the recorder's SessionRecorder (fragmented MP4 written
 * fragment by fragment, plus the raw FLV) started on the session when the switch goes on, finished
 * when it goes off or the session ends. Each switch-on names new files.
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

  constructor(private readonly session: LiveSession) {}

  /** A recorder is attached (it may be finishing because the session ended). */
  get active(): boolean {
    return this.recorder !== undefined;
  }

  status(): RecordingStatus {
    const r = this.recorder;
    const current = r ? [...(r.flvPath ? [r.flvPath] : []), ...r.files.map((f) => f.path)] : [];
    return { on: r !== undefined && !this.session.ended, dir: this.dir, files: [...this.earlier, ...current] };
  }

  /** Starts writing into `dir` (made if missing); a no-op when already on. */
  async start(dir: string): Promise<RecordingStatus> {
    if (this.recorder || this.session.ended) return this.status();
    await mkdir(dir, { recursive: true });
    this.dir = dir;
    this.recorder = new SessionRecorder(this.session, new FileNamer(dir));
    return this.status();
  }

  /** Finishes the files (the MP4 gets its index); resolves once they are on disk. */
  async stop(): Promise<RecordingStatus> {
    const r = this.recorder;
    if (!r) return this.status();
    await r.finish();
    this.earlier.push(...(r.flvPath ? [r.flvPath] : []), ...r.files.map((f) => f.path));
    this.recorder = undefined;
    return this.status();
  }
}
