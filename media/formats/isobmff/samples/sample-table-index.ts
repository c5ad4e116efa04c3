import type { Node } from '../../../model/types.js';
import { reportOn } from '../box-scope.js';
import { type ChunkOffsetData, type CttsData, type StscData, type StssData, type SttsData, type StszData, child, dataOf } from '../box-data.js';
import { TrackSamplesBuilder } from './track-samples.js';

/**
 * Expands a track's sample tables (stts, ctts, stss, stsc, stsz/stz2, stco/co64) into per-sample columns.
 * Tables that disagree on the sample count are reported on the stbl and the shorter one wins.
 */
export function indexSampleTables(stbl: Node, samples: TrackSamplesBuilder): void {
  const stsz = dataOf<StszData>(child(stbl, 'stsz') ?? child(stbl, 'stz2'));
  const stts = dataOf<SttsData>(child(stbl, 'stts'));
  const stsc = dataOf<StscData>(child(stbl, 'stsc'));
  const chunks = dataOf<ChunkOffsetData>(child(stbl, 'stco') ?? child(stbl, 'co64'));
  if (!stsz || !stts || !stsc || !chunks) {
    if (stsz && stsz.count > 0) reportOn(stbl, 'error', 'sample-table-missing', 'the sample table lacks stts, stsc or stco/co64, so samples cannot be located');
    return;
  }
  const ctts = dataOf<CttsData>(child(stbl, 'ctts'));
  const stss = dataOf<StssData>(child(stbl, 'stss'));
  const n = stsz.count;

  // Decode times from stts runs.
  const dts = new Float64Array(n);
  const durations = new Float64Array(n);
  let i = 0;
  let t = 0;
  for (let e = 0; e < stts.counts.length && i < n; e++) {
    const delta = stts.deltas[e]!;
    for (let k = stts.counts[e]!; k > 0 && i < n; k--, i++) {
      dts[i] = t;
      durations[i] = delta;
      t += delta;
    }
  }
  if (i < n) reportOn(stbl, 'error', 'stts-count-mismatch', `stts covers ${i} samples, stsz has ${n}`);
  const timed = i;

  // Composition offsets from ctts runs.
  const cto = new Float64Array(n);
  if (ctts) {
    let j = 0;
    for (let e = 0; e < ctts.counts.length && j < n; e++) {
      const off = ctts.offsets[e]!;
      for (let k = ctts.counts[e]!; k > 0 && j < n; k--, j++) cto[j] = off;
    }
    if (j < n) reportOn(stbl, 'warning', 'ctts-count-mismatch', `ctts covers ${j} samples, stsz has ${n}`);
  }

  // Sync samples: all, unless stss lists them.
  const key = new Uint8Array(n);
  if (stss) {
    for (const s of stss.samples) if (s >= 1 && s <= n) key[s - 1] = 1;
  } else {
    key.fill(1);
  }

  // Offsets: walk chunks, each run of stsc applying up to the next run's first chunk.
  const offsets = new Float64Array(n);
  const descriptions = new Uint16Array(n);
  const chunkCount = chunks.offsets.length;
  let sample = 0;
  for (let e = 0; e < stsc.firstChunk.length && sample < n; e++) {
    const first = stsc.firstChunk[e]!;
    const next = e + 1 < stsc.firstChunk.length ? stsc.firstChunk[e + 1]! : chunkCount + 1;
    const perChunk = stsc.samplesPerChunk[e]!;
    const desc = stsc.sampleDescriptionIndex[e]!;
    if (first < 1 || next <= first) continue;
    for (let c = first; c < next && c <= chunkCount && sample < n; c++) {
      let off = chunks.offsets[c - 1]!;
      for (let k = 0; k < perChunk && sample < n; k++, sample++) {
        offsets[sample] = off;
        descriptions[sample] = desc;
        off += stsz.sizes ? stsz.sizes[sample]! : stsz.sampleSize;
      }
    }
  }
  if (sample < n) reportOn(stbl, 'error', 'stsc-count-mismatch', `the chunks of stsc/stco hold ${sample} samples, stsz has ${n}`);

  const usable = Math.min(timed, sample);
  for (let s = 0; s < usable; s++) {
    const size = stsz.sizes ? stsz.sizes[s]! : stsz.sampleSize;
    samples.push(dts[s]!, dts[s]! + cto[s]!, offsets[s]!, size, key[s] === 1, durations[s]!, descriptions[s]!);
  }
}
