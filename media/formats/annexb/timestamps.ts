/** One access unit as timing sees it. */
export interface TimedUnit {
  /** Display order key; units without a picture take their predecessor's. */
  poc: number;
  /** POC starts again here: display order is sorted within each run. */
  reset: boolean;
  /** In timescale units. */
  duration: number;
}

/**
 * Decode times accumulate durations; presentation times put each run of pictures (IDR to IDR)
 * in POC order: the picture shown k-th in its run takes the decode time of the run's k-th unit,
 * plus one constant delay for the whole stream, the smallest that keeps every PTS >= its DTS
 * (as a muxer's reorder delay would).
 */
export function presentationTimes(units: readonly TimedUnit[]): { dts: Float64Array; pts: Float64Array; delay: number } {
  const n = units.length;
  const dts = new Float64Array(n);
  const pts = new Float64Array(n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    dts[i] = t;
    t += units[i]!.duration;
  }
  let runStart = 0;
  const order: number[] = [];
  const flush = (end: number): void => {
    order.length = 0;
    for (let i = runStart; i < end; i++) order.push(i);
    order.sort((a, b) => units[a]!.poc - units[b]!.poc || a - b);
    for (let k = 0; k < order.length; k++) pts[order[k]!] = dts[runStart + k]!;
  };
  for (let i = 1; i <= n; i++) {
    if (i === n || units[i]!.reset) {
      flush(i);
      runStart = i;
    }
  }
  let delay = 0;
  for (let i = 0; i < n; i++) delay = Math.max(delay, dts[i]! - pts[i]!);
  if (delay > 0) for (let i = 0; i < n; i++) pts[i] = pts[i]! + delay;
  return { dts, pts, delay };
}
