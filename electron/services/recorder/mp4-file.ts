/**
 * A fragmented MP4 written so that a process killed at any moment leaves a file players accept.
 *
 * ffmpeg (5.1) rejects a file whose last moof is cut ("error reading header": nothing plays) and
 * reports "partial file" for a cut mdat, and a single write(2) can still be cut short by SIGKILL
 * (the kernel checks for fatal signals between pages). So each fragment (moof + mdat) goes out in
 * one write with its first box typed `free`: cut anywhere, the tail is a free box or a whole free
 * box and a cut mdat, both of which readers skip silently. Once the write is done the 4 type bytes
 * become `moof` again. The mfra index at a clean stop is written the same way.
 *
 * fsync policy: fdatasync after each fragment, before its type is restored, so after a power loss
 * too a `moof` is only on disk with its data. Fragments come about once a second per stream, so
 * that is one fdatasync per second per stream, off the event loop. (SIGKILL alone needs no sync:
 * written bytes are in the page cache and the kernel writes them out.)
 */
import { AppendFile, type AppendFileOptions } from './append-file.js';

const FREE = new Uint8Array([0x66, 0x72, 0x65, 0x65]); // 'free'

export interface Mp4FileOptions extends AppendFileOptions {
  /** fdatasync each fragment (default true). */
  sync?: boolean;
}

export class Mp4File {
  fragments = 0;

  private readonly file: AppendFile;
  private readonly sync: boolean;

  constructor(path: string, options: Mp4FileOptions = {}) {
    this.file = new AppendFile(path, options);
    this.sync = options.sync ?? true;
  }

  get path(): string {
    return this.file.path;
  }

  /** Bytes queued so far. */
  get length(): number {
    return this.file.length;
  }

  /** Bytes in the file as whole boxes (init, fragments, index): what a summary may claim. */
  get written(): number {
    return this.file.written;
  }

  /** ftyp + moov. */
  init(bytes: Uint8Array): Promise<void> {
    return this.file.append(bytes, () => (this.sync ? this.file.sync() : Promise.resolve()));
  }

  /** moof + mdat in one buffer (the buffer is changed in place); resolves when it is whole on disk. */
  fragment(bytes: Uint8Array, onDisk?: () => void): Promise<void> {
    this.fragments++;
    return this.hidden(bytes, onDisk);
  }

  /** The mfra box, then the file closes. */
  async finish(mfra: Uint8Array | undefined): Promise<void> {
    if (mfra && mfra.length >= 8) void this.hidden(mfra);
    await this.file.close();
  }

  /** Closes without an index (the file stays valid, just without random access). */
  close(): Promise<void> {
    return this.file.close();
  }

  private hidden(bytes: Uint8Array, onDisk?: () => void): Promise<void> {
    const type = bytes.slice(4, 8);
    bytes.set(FREE, 4);
    return this.file.append(bytes, async (offset) => {
      if (this.sync) await this.file.sync();
      await this.file.writeAt(type, offset + 4);
      onDisk?.();
    });
  }
}
