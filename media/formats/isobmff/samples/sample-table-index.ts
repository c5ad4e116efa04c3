import type { Node } from '../../../model/types.js';
import { reportOn } from '../box-scope.js';
import { type ChunkOffsetData, type CttsData, type StscData, type StssData, type SttsData, type StszData, child, dataOf } from '../box-data.js';
import type { SampleBudget } from './sample-budget.js';
import type { TrackSamplesBuilder } from './track-samples.js';

/** Walks a run-length table (stts, ctts): the value of the run covering each sample in turn. */
class RunCursor {
  private entry = 0;
  private left: number;
  covered = 0;

  constructor(
    private readonly counts: Uint32Array,
    private readonly values: ArrayLike<number>,
  ) {
    this.left = counts.length > 0 ? counts[0]! : 0;
  }

  /** The value for the next sample, or undefined when the table has run out. */
  next(): number | undefined {
    while (this.left === 0) {
      if (++this.entry >= this.counts.length) return undefined;
      this.left = this.counts[this.entry]!;
    }
    this.left--;
    this.covered++;
    return this.values[this.entry]!;
  }
}

/**
 * Expands a track's sample tables (stts, ctts, stss, stsc, stsz/stz2, stco/co64) into per-sample columns,
 * in one pass and without temporaries (a one-hour file has a quarter-million samples).
 * Tables that disagree on the sample count are reported on the stbl and the shortest one wins.
 * The count is bounded by the budget before anything is reserved (a constant-size stsz has no table to bound it).
 */
export function indexSampleTables(stbl: Node, samples: TrackSamplesBuilder, budget: SampleBudget): void {
  const stszNode = child(stbl, 'stsz') ?? child(stbl, 'stz2');
  const stsz = dataOf<StszData>(stszNode);
  const stts = dataOf<SttsData>(child(stbl, 'stts'));
  const stsc = dataOf<StscData>(child(stbl, 'stsc'));
  const chunks = dataOf<ChunkOffsetData>(child(stbl, 'stco') ?? child(stbl, 'co64'));
  if (!stsz || !stts || !stsc || !chunks) {
    if (stsz && stsz.count > 0) reportOn(stbl, 'error', 'sample-table-missing', 'the sample table lacks stts, stsc or stco/co64, so samples cannot be located');
    return;
  }
  const ctts = dataOf<CttsData>(child(stbl, 'ctts'));
  const stss = dataOf<StssData>(child(stbl, 'stss'));
  const n = budget.take(stsz.count, { node: stszNode!, name: 'sample_count', at: stsz.countAt }, stsz.sizes ? 0 : stsz.sampleSize);
  // Room for the samples stts can time, no more: a declared count alone does not reserve memory.
  let timed = 0;
  for (const c of stts.counts) timed += c;
  samples.reserve(Math.min(n, timed));

  const times = new RunCursor(stts.counts, stts.deltas);
  const offsets = ctts ? new RunCursor(ctts.counts, ctts.offsets) : undefined;
  let nextSync = 0; // index into stss.samples (sorted, 1-based)
  let dts = 0;
  let sample = 0;
  let timesRanOut = false;
  const chunkCount = chunks.offsets.length;
  walk: for (let e = 0; e < stsc.firstChunk.length; e++) {
    const first = stsc.firstChunk[e]!;
    const next = e + 1 < stsc.firstChunk.length ? stsc.firstChunk[e + 1]! : chunkCount + 1;
    const perChunk = stsc.samplesPerChunk[e]!;
    const description = stsc.sampleDescriptionIndex[e]!;
    if (first < 1 || next <= first) continue;
    for (let c = first; c < next && c <= chunkCount; c++) {
      let offset = chunks.offsets[c - 1]!;
      for (let k = 0; k < perChunk; k++) {
        if (sample >= n) break walk;
        const delta = times.next();
        if (delta === undefined) {
          timesRanOut = true;
          break walk;
        }
        const size = stsz.sizes ? stsz.sizes[sample]! : stsz.sampleSize;
        let key = true;
        if (stss) {
          while (nextSync < stss.samples.length && stss.samples[nextSync]! < sample + 1) nextSync++;
          key = nextSync < stss.samples.length && stss.samples[nextSync] === sample + 1;
        }
        const cto = offsets?.next() ?? 0;
        samples.push(dts, dts + cto, offset, size, key, delta, description);
        dts += delta;
        offset += size;
        sample++;
      }
    }
  }
  budget.refund(n - sample);
  if (timesRanOut) reportOn(stbl, 'error', 'stts-count-mismatch', `stts covers ${times.covered} samples, stsz has ${n}`);
  else if (sample < n) reportOn(stbl, 'error', 'stsc-count-mismatch', `the chunks of stsc/stco hold ${sample} samples, stsz has ${n}`);
  if (offsets && offsets.covered < sample) reportOn(stbl, 'warning', 'ctts-count-mismatch', `ctts covers ${offsets.covered} samples, stsz has ${n}`);
}
