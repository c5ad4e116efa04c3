/**
 * When each byte of the client stream arrived, so a tag's delay to disk can be measured from the
 * moment its first payload byte came off the socket (the session batches tags up to 100 ms; that
 * wait counts). Arrivals are trimmed as tags are looked up, so memory stays small.
 */
const MAX_MARKS = 65_536;

export class ArrivalTimes {
  /** [first offset, ms] of each arrival, in stream order. */
  private readonly marks: Array<[number, number]> = [];
  private head = 0;

  add(offset: number, ms: number): void {
    this.marks.push([offset, ms]);
    // Nobody looking up (a publish without media): keep the recent arrivals only.
    if (this.marks.length - this.head > MAX_MARKS) this.head = this.marks.length - MAX_MARKS / 2;
  }

  /** Arrival time of stream byte `offset` (offsets are looked up in increasing order). */
  at(offset: number): number | undefined {
    const m = this.marks;
    while (this.head + 1 < m.length && m[this.head + 1]![0] <= offset) this.head++;
    if (this.head > 1024) {
      m.splice(0, this.head);
      this.head = 0;
    }
    const mark = m[this.head];
    return mark && mark[0] <= offset ? mark[1] : undefined;
  }
}

/** Median and 95th percentile (nearest rank) of the values, in their unit. */
export function percentiles(values: readonly number[]): { median: number; p95: number } | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const rank = (p: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  return { median: rank(0.5), p95: rank(0.95) };
}
