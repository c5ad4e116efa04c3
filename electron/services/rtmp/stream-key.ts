/**
 * The stream key check: the publish name must equal the configured key. Both are hashed first so
 * timingSafeEqual compares equal-length digests, and the time taken says nothing about the key.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

export class StreamKey {
  private readonly expected: Buffer;

  constructor(key: string) {
    this.expected = digest(key);
  }

  matches(publishName: string): boolean {
    return timingSafeEqual(digest(publishName), this.expected);
  }
}
