import { describe, expect, it } from 'vitest';
import { TIMESTAMP_RANGE, TimestampWrap } from '../../../../media/formats/mpegts/timestamp-wrap.js';

describe('TimestampWrap', () => {
  it('leaves a stream that starts early and never wraps as it is', () => {
    const w = new TimestampWrap();
    expect([126000, 129600, 90000 * 3600].map((t) => w.apply(t))).toEqual([126000, 129600, 90000 * 3600]);
  });

  it('moves times before the wrap down when the stream starts within 60 s of it (negative, as ffprobe shows them)', () => {
    const w = new TimestampWrap();
    const start = TIMESTAMP_RANGE - 900000; // 10 s before the wrap
    expect(w.apply(start)).toBe(-900000);
    expect(w.apply(TIMESTAMP_RANGE - 1)).toBe(-1);
    expect(w.apply(540000)).toBe(540000);
  });

  it('moves times after the wrap up when the stream starts further from it', () => {
    const w = new TimestampWrap();
    const start = TIMESTAMP_RANGE - 90000 * 600; // 10 minutes before the wrap
    expect(w.apply(start)).toBe(start);
    expect(w.apply(90000)).toBe(TIMESTAMP_RANGE + 90000);
    // A B-frame shortly before the first timestamp is not taken for a wrap.
    expect(w.apply(start - 3600)).toBe(start - 3600);
  });
});
