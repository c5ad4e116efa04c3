/**
 * Times of audio frames in a PES, the way ffmpeg gives them so the packet table matches ffprobe: the first frame
 * takes the PES PTS, each later one the previous PTS plus the frame duration, added "stably" on the 90 kHz grid
 * (libavutil av_add_stable, reimplemented from its contract).
 */

/** libavutil's av_rescale_rnd(a, b, c, AV_ROUND_NEAR_INF) for the non-negative values used here. */
function rescale(a: number, b: number, c: number): number {
  if (a < 0) return -rescale(-a, b, c);
  return Math.floor((a * b + Math.floor(c / 2)) / c);
}

/**
 * `ts` (90 kHz) plus `num/den` seconds, keeping the sub-tick phase of `ts` relative to the increment grid,
 * so that repeated additions do not drift (the result ffprobe prints for frames without their own PTS).
 */
export function addStable90k(ts: number, num: number, den: number): number {
  const m = num * 90000;
  const d = den;
  if (m % d === 0) return ts + m / d;
  if (m < d) return ts;
  // Rescaling between 1/90000 and num/den: b = 1 * den, c = num * 90000 (and back).
  const old = rescale(ts, den, num * 90000);
  const oldTs = rescale(old, num * 90000, den);
  return rescale(old + 1, num * 90000, den) + (ts - oldTs);
}
