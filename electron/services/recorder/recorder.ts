/**
 * Records every session an RTMP server starts, each with its own SessionRecorder, into one folder.
 * `stop` closes the server (sessions end) and resolves when every file is finished.
 */
import type { RtmpServer } from '../rtmp/rtmp-server.js';
import { FileNamer } from './file-names.js';
import { SessionRecorder, type SessionRecorderOptions } from './session-recorder.js';

export interface RecorderEvents {
  started?(r: SessionRecorder): void;
  finished?(r: SessionRecorder, reason: string): void;
  /** A file of the session could not be written: its recording stops now (`finished` follows). */
  writeError?(r: SessionRecorder, message: string): void;
}

export class Recorder {
  private readonly namer: FileNamer;
  private readonly active = new Set<SessionRecorder>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly server: RtmpServer,
    dir: string,
    options: SessionRecorderOptions = {},
    events: RecorderEvents = {},
  ) {
    this.namer = new FileNamer(dir);
    server.on('session', (session) => {
      const r = new SessionRecorder(session, this.namer, options);
      this.active.add(r);
      events.started?.(r);
      r.on('write-error', (message) => events.writeError?.(r, message));
      const done = r.done.then(() => {
        this.active.delete(r);
        this.pending.delete(done);
        events.finished?.(r, session.endReason);
      });
      this.pending.add(done);
    });
  }

  get sessions(): SessionRecorder[] {
    return [...this.active];
  }

  /** Stops accepting, ends every session, and waits until each file is finished. */
  async stop(): Promise<void> {
    await this.server.close();
    await Promise.all([...this.active].map((r) => r.finish()));
    await Promise.all([...this.pending]);
  }
}
