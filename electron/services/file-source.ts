import { type FileHandle, open } from 'node:fs/promises';
import type { ByteSource } from '../../media/source/byte-source.js';

/** Range reads from a file on disk: the file is never loaded whole. */
export class FileSource implements ByteSource {
  private constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  static async open(path: string): Promise<FileSource> {
    const handle = await open(path, 'r');
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new Error(`${path} is not a file`);
      return new FileSource(handle, stat.size);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const from = Math.max(0, Math.min(offset, this.size));
    const n = Math.max(0, Math.min(length, this.size - from));
    const buffer = new Uint8Array(n);
    let done = 0;
    while (done < n) {
      const { bytesRead } = await this.handle.read(buffer, done, n - done, from + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done === n ? buffer : buffer.subarray(0, done);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
