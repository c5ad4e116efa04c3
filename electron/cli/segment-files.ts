import { type FileHandle, open } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Mp4Segment } from '../../media/remux/types.js';

/**
 * Writes the writer's segments to disk: generation 0 to `path`, each later generation (a new
 * sequence header mid-stream) to `name-2.mp4`, `name-3.mp4` ... Writes are batched.
 */
export class SegmentFiles {
  readonly paths: string[] = [];
  private handle: FileHandle | undefined;
  private batch: Uint8Array[] = [];
  private batchBytes = 0;
  bytes = 0;

  constructor(private readonly path: string) {}

  static pathOf(path: string, generation: number): string {
    if (generation === 0) return path;
    const ext = extname(path);
    return `${path.slice(0, path.length - ext.length)}-${generation + 1}${ext}`;
  }

  async write(segment: Mp4Segment): Promise<void> {
    if (segment.type === 'init') {
      await this.close();
      const path = SegmentFiles.pathOf(this.path, segment.generation);
      this.handle = await open(path, 'w');
      this.paths.push(path);
    }
    if (!this.handle) throw new Error('a segment before the init segment');
    this.batch.push(segment.data);
    this.batchBytes += segment.data.length;
    this.bytes += segment.data.length;
    if (this.batchBytes >= 4 << 20) await this.drain();
  }

  private async drain(): Promise<void> {
    if (!this.handle || this.batch.length === 0) return;
    await this.handle.writev(this.batch);
    this.batch = [];
    this.batchBytes = 0;
  }

  async close(): Promise<void> {
    await this.drain();
    await this.handle?.close();
    this.handle = undefined;
  }
}
