import { type FileHandle, open } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Mp4Segment } from '../../media/remux/types.js';

const BATCH_BYTES = 2 << 20;
const MAX_IN_FLIGHT = 3;

/**
 * Writes the writer's segments to disk: generation 0 to `path`, each later generation (a new
 * sequence header mid-stream) to `name-2.mp4`, `name-3.mp4` ... Writes are batched.
 */
export class SegmentFiles {
  readonly paths: string[] = [];
  private handle: FileHandle | undefined;
  private batch: Uint8Array[] = [];
  private batchBytes = 0;
  private inflight: Promise<void>[] = [];
  /** Where the next batch goes in the current file. */
  private position = 0;
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
    // Fragments come in pieces (payloads are views of what was read): writev takes them as they are.
    const parts = segment.type === 'media' ? segment.parts : [segment.data];
    for (const p of parts) this.batch.push(p);
    const size = segment.type === 'media' ? segment.size : segment.data.length;
    this.batchBytes += size;
    this.bytes += size;
    if (this.batchBytes >= BATCH_BYTES) await this.drain();
  }

  /**
   * Starts writing the batch at its place in the file. Up to MAX_IN_FLIGHT writes run at once (each at
   * its own position), so the thread pool writes while the next fragments are made.
   */
  private async drain(): Promise<void> {
    if (!this.handle || this.batch.length === 0) return;
    while (this.inflight.length >= MAX_IN_FLIGHT) await this.inflight.shift();
    const batch = this.batch;
    const at = this.position;
    this.position += this.batchBytes;
    this.batch = [];
    this.batchBytes = 0;
    this.inflight.push(this.handle.writev(batch, at).then(() => undefined));
  }

  async close(): Promise<void> {
    await this.drain();
    await Promise.all(this.inflight);
    this.inflight = [];
    await this.handle?.close();
    this.handle = undefined;
    this.position = 0;
  }
}
