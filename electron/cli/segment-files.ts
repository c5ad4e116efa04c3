import { closeSync, lstatSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { extname } from 'node:path';
import type { Mp4Segment } from '../../media/remux/types.js';
import { CliError } from './open-document.js';
import { isSystemError, systemReason } from './system-reasons.js';

/** An output the system refuses (a missing folder, no permission) as one line naming it. */
export function cannotWrite(path: string, e: unknown): unknown {
  return isSystemError(e) ? new CliError(`cannot write ${path}: ${systemReason(e)}`) : e;
}

/** Bytes gathered before one write: large enough that system calls are few. */
const OUT_BYTES = 1 << 20;

/**
 * Writes the writer's segments to disk: generation 0 to `path`, each later generation (a new
 * sequence header mid-stream) to `name-2.mp4`, `name-3.mp4` ... Writes are batched and synchronous:
 * `remux` is a batch job, and under load every hop through the thread pool and back costs a wait for
 * the scheduler, while a synchronous write keeps the thread running (measured: writing in the thread
 * pool while the next fragments are made took more CPU and more time, not less). Segments are copied
 * as they come, so the caller may reuse what they view as soon as `write` returns.
 */
export class SegmentFiles {
  readonly paths: string[] = [];
  private fd: number | undefined;
  /** What is gathered for the next write. */
  private readonly out = Buffer.allocUnsafeSlow(OUT_BYTES);
  private used = 0;
  bytes = 0;

  constructor(private readonly path: string) {}

  static pathOf(path: string, generation: number): string {
    if (generation === 0) return path;
    const ext = extname(path);
    return `${path.slice(0, path.length - ext.length)}-${generation + 1}${ext}`;
  }

  write(segment: Mp4Segment): void {
    if (segment.type === 'init') {
      this.close();
      const path = SegmentFiles.pathOf(this.path, segment.generation);
      try {
        replaceable(path);
        this.fd = openSync(path, 'w');
      } catch (e) {
        throw cannotWrite(path, e);
      }
      this.paths.push(path);
    }
    if (this.fd === undefined) throw new Error('a segment before the init segment');
    if (segment.type === 'media') {
      const parts = segment.parts;
      for (let i = 0; i < parts.length; i++) this.put(parts[i]!);
      this.bytes += segment.size;
    } else {
      this.put(segment.data);
      this.bytes += segment.data.length;
    }
  }

  /**
   * Fragments come in pieces (payloads are views of what was read). Copying them into one buffer and
   * writing that costs less than handing writev a thousand small pieces at a time (measured on 177 MB:
   * ~38 ms against ~48 ms), and once `write` returns nothing it was given is still referenced.
   */
  private put(part: Uint8Array): void {
    if (this.used + part.length > this.out.length) this.flush();
    if (part.length >= this.out.length) this.writeAll(part);
    else {
      this.out.set(part, this.used);
      this.used += part.length;
    }
  }

  /** Writes what is gathered. */
  flush(): void {
    if (this.used === 0) return;
    this.writeAll(this.out.subarray(0, this.used));
    this.used = 0;
  }

  private writeAll(bytes: Uint8Array): void {
    for (let done = 0; done < bytes.length; ) {
      const n = writeSync(this.fd!, bytes, done, bytes.length - done);
      if (n <= 0) throw new Error(`${this.paths[this.paths.length - 1]}: could not write`);
      done += n;
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    this.flush();
    closeSync(this.fd);
    this.fd = undefined;
  }
}

/**
 * Removes an existing output that is a plain file (not a link, a device or a pipe), so the output is
 * written as a new file instead of truncating the old one in place. Truncating costs twice on ext4:
 * the open waits for the old blocks to be released, and the close then forces the new data to disk
 * (its guard against replace-by-truncate). Measured on a 177 MB output: open + close ~65 ms
 * against ~30 ms for the unlink. Links, devices and pipes are truncated as before.
 */
function replaceable(path: string): void {
  try {
    const st = lstatSync(path);
    if (st.isFile() && st.nlink === 1) unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}
