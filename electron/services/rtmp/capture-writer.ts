/**
 * Writes a connection's client bytes to a .rtmpcap file as they arrive (docs/capture-format.md):
 * the header box first, the bytes in order, and the index box on a clean close. Writes are
 * appended in order through one stream; a crash loses at most what the OS had not yet written.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { type CaptureHeader, type CaptureIndex, encodeCaptureHeader, encodeCaptureIndex } from '../../../media/formats/rtmp/capture-file.js';

/** Arrivals closer together than this share one index entry. */
const ARRIVAL_MERGE_MS = 50;

export class CaptureWriter {
  readonly path: string;
  private readonly out: WriteStream;
  private readonly started = Date.now();
  private length = 0;
  private readonly arrivals: Array<[number, number]> = [];
  private finished = false;

  constructor(dir: string, name: string, header: Omit<CaptureHeader, 'startTime'>) {
    this.path = join(dir, `${name}.rtmpcap`);
    this.out = createWriteStream(this.path, { flags: 'wx' });
    this.out.on('error', (e) => {
      console.error(`bitlens: capture ${this.path}: ${e.message}`);
    });
    this.out.write(encodeCaptureHeader({ startTime: new Date(this.started).toISOString(), software: 'bitlens', ...header }));
  }

  write(bytes: Uint8Array): void {
    if (this.finished) return;
    const ms = Date.now() - this.started;
    const last = this.arrivals[this.arrivals.length - 1];
    if (!last || ms - last[1] >= ARRIVAL_MERGE_MS) this.arrivals.push([this.length, ms]);
    this.length += bytes.length;
    // The socket reuses nothing it handed over, so the view can be queued as is.
    this.out.write(bytes);
  }

  /** Writes the index box and closes the file; resolves once it is on disk. */
  finish(index: Omit<CaptureIndex, 'endTime' | 'arrivals'>): Promise<void> {
    if (this.finished) return Promise.resolve();
    this.finished = true;
    const box = encodeCaptureIndex({ endTime: new Date().toISOString(), ...index, arrivals: this.arrivals }, this.length);
    return new Promise((resolve) => {
      this.out.end(box, () => resolve());
    });
  }
}
