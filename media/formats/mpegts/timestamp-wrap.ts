/**
 * 33-bit PTS/DTS wrap (every 26.5 hours at 90 kHz), unwrapped the way ffmpeg unwraps it so times compare with
 * ffprobe's: a reference point 60 s before the stream's first timestamp. When the first timestamp lies within
 * 60 s of the wrap, times at or after the reference are moved down by 2^33 (they come before the wrap and turn
 * negative); otherwise times below the reference are moved up by 2^33 (they come after the wrap).
 * One wrap is followed, which covers any file under 26 hours.
 */
export const TIMESTAMP_RANGE = 2 ** 33;
const REFERENCE_LEAD = 60 * 90000;

export class TimestampWrap {
  private reference?: number;
  private subtract = false;

  /** The continuous time of a raw 33-bit timestamp; the first one seen sets the reference. */
  apply(raw: number): number {
    if (this.reference === undefined) {
      this.reference = raw - REFERENCE_LEAD;
      this.subtract = raw >= TIMESTAMP_RANGE - REFERENCE_LEAD;
    }
    if (this.subtract) return raw >= this.reference ? raw - TIMESTAMP_RANGE : raw;
    return raw < this.reference ? raw + TIMESTAMP_RANGE : raw;
  }
}
