/**
 * One track's samples as columns. Times are raw decode / presentation times in the track's timescale
 * (no edit list applied), as the sample tables or fragments give them.
 */
export interface TrackSamples {
  count: number;
  dts: Float64Array;
  pts: Float64Array;
  offset: Float64Array;
  size: Uint32Array;
  keyframe: Uint8Array;
  /** Sample duration (the stts delta, or the trun/tfhd/trex duration). */
  duration: Float64Array;
  /** 1-based sample description index (which stsd entry the sample uses). */
  description: Uint16Array;
}

/** Grows columns as samples are found (fragments), without knowing the count up front. */
export class TrackSamplesBuilder {
  private s: TrackSamples;
  private capacity: number;

  constructor(expected = 256) {
    this.capacity = Math.max(16, expected);
    this.s = alloc(this.capacity);
  }

  get count(): number {
    return this.s.count;
  }

  push(dts: number, pts: number, offset: number, size: number, keyframe: boolean, duration: number, description: number): void {
    if (this.s.count === this.capacity) this.grow();
    const s = this.s;
    const i = s.count++;
    s.dts[i] = dts;
    s.pts[i] = pts;
    s.offset[i] = offset;
    s.size[i] = size;
    s.keyframe[i] = keyframe ? 1 : 0;
    s.duration[i] = duration;
    s.description[i] = description;
  }

  /** Makes room for `more` samples at once (sample tables know their count). */
  reserve(more: number): void {
    const needed = this.s.count + more;
    if (needed <= this.capacity) return;
    const bigger = alloc(needed);
    copyInto(bigger, this.s);
    bigger.count = this.s.count;
    this.capacity = needed;
    this.s = bigger;
  }

  /** Where a following sample would start: the last decode time plus its duration. */
  nextDecodeTime(): number {
    const n = this.s.count;
    return n === 0 ? 0 : this.s.dts[n - 1]! + this.s.duration[n - 1]!;
  }

  private grow(): void {
    const bigger = alloc(this.capacity * 2);
    copyInto(bigger, this.s);
    bigger.count = this.s.count;
    this.capacity *= 2;
    this.s = bigger;
  }

  finish(): TrackSamples {
    const n = this.s.count;
    if (n === this.capacity) return this.s; // exactly sized (reserve): no copy
    const out = alloc(n);
    copyInto(out, this.s, n);
    out.count = n;
    return out;
  }
}

function alloc(n: number): TrackSamples {
  return {
    count: 0,
    dts: new Float64Array(n),
    pts: new Float64Array(n),
    offset: new Float64Array(n),
    size: new Uint32Array(n),
    keyframe: new Uint8Array(n),
    duration: new Float64Array(n),
    description: new Uint16Array(n),
  };
}

function copyInto(to: TrackSamples, from: TrackSamples, n = from.count): void {
  to.dts.set(from.dts.subarray(0, n));
  to.pts.set(from.pts.subarray(0, n));
  to.offset.set(from.offset.subarray(0, n));
  to.size.set(from.size.subarray(0, n));
  to.keyframe.set(from.keyframe.subarray(0, n));
  to.duration.set(from.duration.subarray(0, n));
  to.description.set(from.description.subarray(0, n));
}
