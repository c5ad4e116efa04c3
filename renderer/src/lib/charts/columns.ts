/**
 * Bars for more samples than pixels: one column per pixel, each holding the tallest sample of every
 * class (frame type) that falls in it. Drawing a bar per sample would paint 250,000 rectangles over each
 * other; the tallest per class is what the eye could see anyway, and it keeps the I-frame peaks.
 */

export interface Columns {
  /** Pixel columns. */
  width: number;
  classes: number;
  /** classes x width: the tallest value of class c in column x at [c * width + x], 0 if none. */
  max: Float64Array;
  /** The sample index of that value, or -1. */
  at: Int32Array;
}

/**
 * Samples i0..i1 (inclusive) with x values in [xMin, xMax] onto `width` columns.
 * `cls` gives each sample's class (null: all class 0).
 */
export function pixelColumns(x: ArrayLike<number>, y: ArrayLike<number>, cls: Uint8Array | null, classes: number, i0: number, i1: number, xMin: number, xMax: number, width: number): Columns {
  const w = Math.max(1, Math.floor(width));
  const max = new Float64Array(classes * w);
  const at = new Int32Array(classes * w).fill(-1);
  const span = xMax - xMin;
  const perX = span > 0 ? w / span : 0;
  for (let i = Math.max(0, i0); i <= i1 && i < x.length; i++) {
    const xi = x[i]!;
    if (xi < xMin || xi > xMax) continue;
    const col = Math.min(w - 1, Math.floor((xi - xMin) * perX));
    const c = cls ? cls[i]! : 0;
    if (c >= classes) continue;
    const slot = c * w + col;
    const v = y[i]!;
    if (v > max[slot]! || at[slot] === -1) {
      max[slot] = v;
      at[slot] = i;
    }
  }
  return { width: w, classes, max, at };
}

/** First index whose x is >= value (x ascending). */
export function lowerBound(x: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index whose x is nearest to value (x ascending, not empty). */
export function nearest(x: ArrayLike<number>, value: number): number {
  const i = lowerBound(x, value);
  if (i <= 0) return 0;
  if (i >= x.length) return x.length - 1;
  return value - x[i - 1]! <= x[i]! - value ? i - 1 : i;
}
