/**
 * A file written only at its end, through one queue of operations so writes land in order while
 * the event loop goes on. Created exclusively ('wx'): a recording never overwrites a file. Opening
 * is the first queued operation, so a caller can append at once.
 *
 * The first error (a full disk, a file too big, a device gone) stops the queue: `onError` hears it
 * at once, the append it broke is cut off again (truncated to where it began, best effort) so the
 * file ends after the last whole append, and `close` rejects with it. `written` counts only the
 * bytes of whole appends, so a summary never claims bytes that did not reach the file.
 */
import { open } from 'node:fs/promises';

/** The part of a file handle the recorder writes through (node's FileHandle is one). */
export interface WritableFile {
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

/** Creates the file at `path` for writing; tests put a failing disk here. */
export type OpenFile = (path: string) => Promise<WritableFile>;

export const openExclusive: OpenFile = (path) => open(path, 'wx');

export interface AppendFileOptions {
  open?: OpenFile;
  /** The first write error, as soon as it happens. */
  onError?: (error: Error) => void;
}

export class AppendFile {
  /** Bytes queued so far: where the next append will start. */
  length = 0;
  /** Bytes of the appends that are whole in the file. */
  written = 0;
  error: Error | undefined;
  private queue: Promise<void>;
  private handle: WritableFile | undefined;
  private closed = false;

  constructor(
    readonly path: string,
    private readonly options: AppendFileOptions = {},
  ) {
    this.queue = Promise.resolve();
    void this.enqueue(async () => {
      this.handle = await (options.open ?? openExclusive)(path);
    });
  }

  /** Queues `bytes` at the end; `after` runs in the queue once they are written (given their offset). */
  append(bytes: Uint8Array, after?: (offset: number) => Promise<void>): Promise<void> {
    const offset = this.length;
    this.length += bytes.length;
    return this.enqueue(async () => {
      try {
        await this.writeAt(bytes, offset);
        if (after) await after(offset);
      } catch (e) {
        // Whatever part of this append reached the file goes again, so the file ends on a whole one.
        await this.handle?.truncate(offset).catch(() => undefined);
        throw e;
      }
      this.written = offset + bytes.length;
    });
  }

  /** Writes `bytes` at `offset` with as few write calls as the system allows (normally one). */
  async writeAt(bytes: Uint8Array, offset: number): Promise<void> {
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await this.handle!.write(bytes, done, bytes.length - done, offset + done);
      if (bytesWritten <= 0) throw new Error(`${this.path}: nothing written`);
      done += bytesWritten;
    }
  }

  /** fdatasync: the data (and the size that reaches it) is on the disk, not only in the page cache. */
  sync(): Promise<void> {
    return this.handle!.datasync();
  }

  enqueue(op: () => Promise<void>): Promise<void> {
    const run = this.queue.then(async () => {
      if (this.error || this.closed) return;
      try {
        await op();
      } catch (e) {
        this.error = e as Error;
        this.options.onError?.(this.error);
      }
    });
    this.queue = run;
    return run;
  }

  /** Waits for every queued write, syncs, and closes; rejects with the first write error. */
  async close(): Promise<void> {
    await this.enqueue(() => this.sync());
    this.closed = true;
    await this.queue;
    await this.handle?.close();
    this.handle = undefined;
    if (this.error) throw this.error;
  }
}
