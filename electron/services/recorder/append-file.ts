/**
 * A file written only at its end, through one queue of operations so writes land in order while
 * the event loop goes on. Created exclusively ('wx'): a recording never overwrites a file. The
 * first error stops the queue and is kept for `close` to report. Opening is the first queued
 * operation, so a caller can append at once.
 */
import { type FileHandle, open } from 'node:fs/promises';

export class AppendFile {
  /** Bytes queued so far: where the next append will start. */
  length = 0;
  error: Error | undefined;
  private queue: Promise<void>;
  private handle: FileHandle | undefined;
  private closed = false;

  constructor(readonly path: string) {
    this.queue = Promise.resolve();
    void this.enqueue(async () => {
      this.handle = await open(path, 'wx');
    });
  }

  /** Queues `bytes` at the end; `after` runs in the queue once they are written (given their offset). */
  append(bytes: Uint8Array, after?: (offset: number) => Promise<void>): Promise<void> {
    const offset = this.length;
    this.length += bytes.length;
    return this.enqueue(async () => {
      await this.writeAt(bytes, offset);
      if (after) await after(offset);
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
