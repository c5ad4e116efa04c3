/**
 * Names of recordings: `<app>_<stream>_<start time, UTC>_<n>.mp4` (and `.flv`), where n counts the
 * files of that app and stream in this run (a republish or a split gives the next number). Names
 * keep only characters safe on every file system; the stream key is part of the name (the publish
 * name is the stream), so DIR should be private when keys are secret.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Letters, digits, '-' and '.'; anything else becomes '-'; never empty, never starts with '.'. */
export function safeName(s: string): string {
  const clean = s.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^[.-]+/, '').slice(0, 64);
  return clean || 'x';
}

/** 2025-01-31T12-00-00Z: ISO 8601 with '-' for ':' (Windows), seconds precision. */
export function fileTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

export class FileNamer {
  private readonly counts = new Map<string, number>();

  constructor(private readonly dir: string) {}

  /** The next base path (without extension) for a file of this app and stream starting at `startMs`. */
  next(app: string, stream: string, startMs: number): string {
    const key = `${safeName(app)}_${safeName(stream)}`;
    for (;;) {
      const n = (this.counts.get(key) ?? 0) + 1;
      this.counts.set(key, n);
      const base = join(this.dir, `${key}_${fileTime(startMs)}_${n}`);
      // Another run may have left the same name (same second): take the next number.
      if (!existsSync(`${base}.mp4`) && !existsSync(`${base}.flv`)) return base;
    }
  }
}
