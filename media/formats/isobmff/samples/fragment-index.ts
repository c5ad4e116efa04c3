import type { Node } from '../../../model/types.js';
import { reportOn } from '../box-scope.js';
import { type TfdtData, type TfhdData, type TfxdData, type TrexData, type TrunData, child, childrenOf, dataOf } from '../box-data.js';
import type { SampleBudget } from './sample-budget.js';
import type { TrackSamplesBuilder } from './track-samples.js';

/** sample_is_non_sync_sample in the sample_flags structure (ISO/IEC 14496-12 8.8.3.1). */
const NON_SYNC = 0x10000;

export interface FragmentTrack {
  trackId: number;
  samples: TrackSamplesBuilder;
  trex?: TrexData;
  /** Decode time where the next fragment continues when it has neither tfdt nor tfxd. */
  nextDts: number;
}

/**
 * Adds the samples of one moof to their tracks: trex defaults, then tfhd, then trun values
 * (ISO/IEC 14496-12 8.8.7-8.8.8). Times come from tfdt, else PIFF tfxd (Smooth Streaming), else continue.
 * A run without a size column takes its count from the box alone: the budget bounds it by the file's bytes.
 */
export function indexFragment(moof: Node, tracks: Map<number, FragmentTrack>, budget: SampleBudget): void {
  let previousDataEnd = moof.start;
  for (const traf of childrenOf(moof, 'traf')) {
    const tfhd = dataOf<TfhdData>(child(traf, 'tfhd'));
    if (!tfhd) {
      reportOn(traf, 'error', 'traf-without-tfhd', 'a track fragment needs a tfhd');
      continue;
    }
    const track = tracks.get(tfhd.trackId);
    if (!track) {
      reportOn(traf, 'error', 'unknown-fragment-track', `tfhd names track ${tfhd.trackId}, which the moov does not declare`);
      continue;
    }
    const trex = track.trex;
    // Base data offset: explicit, else the moof (default-base-is-moof, or the first traf), else where the previous traf's data ended.
    const base = tfhd.baseDataOffset ?? (tfhd.defaultBaseIsMoof ? moof.start : previousDataEnd);
    const tfdt = dataOf<TfdtData>(child(traf, 'tfdt'));
    // uuid boxes are named 'uuid' (their registry key holds the usertype): the tfxd is the one with a time.
    const tfxd = childrenOf(traf, 'uuid')
      .map((n) => dataOf<TfxdData>(n))
      .find((d) => d !== undefined && typeof d.absoluteTime === 'number');
    let dts = tfdt ? tfdt.baseMediaDecodeTime : tfxd ? tfxd.absoluteTime : track.nextDts;
    let dataPos = base;
    for (const trunNode of childrenOf(traf, 'trun')) {
      const trun = dataOf<TrunData>(trunNode);
      if (!trun) continue;
      if (trun.dataOffset !== undefined) dataPos = base + trun.dataOffset;
      const description = tfhd.sampleDescriptionIndex ?? trex?.defaultSampleDescriptionIndex ?? 1;
      const defaultSize = trun.sizes ? 0 : (tfhd.defaultSampleSize ?? trex?.defaultSampleSize ?? 0);
      const count = budget.take(trun.sampleCount, { node: trunNode, name: 'sample_count', at: trun.countAt }, defaultSize, dataPos);
      for (let i = 0; i < count; i++) {
        const duration = trun.durations?.[i] ?? tfhd.defaultSampleDuration ?? trex?.defaultSampleDuration ?? 0;
        const size = trun.sizes?.[i] ?? tfhd.defaultSampleSize ?? trex?.defaultSampleSize ?? 0;
        const flags =
          i === 0 && trun.firstSampleFlags !== undefined
            ? trun.firstSampleFlags
            : trun.sampleFlags?.[i] ?? tfhd.defaultSampleFlags ?? trex?.defaultSampleFlags ?? 0;
        const cto = trun.compositionOffsets?.[i] ?? 0;
        track.samples.push(dts, dts + cto, dataPos, size, (flags & NON_SYNC) === 0, duration, description);
        dts += duration;
        dataPos += size;
      }
    }
    track.nextDts = dts;
    previousDataEnd = dataPos;
  }
}
