/**
 * Where a track's samples are: each must lie inside the file and inside an mdat. A sample past the end means the
 * file was cut short (a recording that stopped, a download that did not finish); one outside every mdat means the
 * tables point at the wrong bytes. Either is an error at the track, naming how many samples and the first one.
 */
import type { Node } from '../../../model/types.js';
import { reportOn } from '../box-scope.js';
import type { TrackSamples } from './track-samples.js';

/** The byte ranges of the file's mdat boxes, in file order. */
export function mdatRanges(tree: readonly Node[]): Array<[number, number]> {
  return tree.filter((n) => n.name === 'mdat').map((n): [number, number] => [n.start, n.end]).sort((a, b) => a[0] - b[0]);
}

/** Reports on `trak` the samples of `track` that run past `fileSize` or lie outside every range of `mdats`. */
export function checkSampleBytes(trak: Node, trackId: number, s: TrackSamples, mdats: ReadonlyArray<[number, number]>, fileSize: number): void {
  let pastEnd = 0;
  let firstPastEnd = -1;
  let outside = 0;
  let firstOutside = -1;
  // Samples are mostly in file order: the mdat that held the last one is tried first.
  let m = 0;
  for (let i = 0; i < s.count; i++) {
    const start = s.offset[i]!;
    const end = start + s.size[i]!;
    if (end > fileSize) {
      if (pastEnd++ === 0) firstPastEnd = i;
      continue;
    }
    if (mdats.length === 0) continue;
    if (!inside(mdats[m]!, start, end)) {
      m = mdats.findIndex((r) => inside(r, start, end));
      if (m < 0) {
        m = 0;
        if (outside++ === 0) firstOutside = i;
      }
    }
  }
  if (pastEnd > 0) {
    const at = s.offset[firstPastEnd]!;
    reportOn(trak, 'error', 'samples-past-end-of-file', `${pastEnd} of the ${s.count} samples of track ${trackId} run past the end of the file (from sample ${firstPastEnd}, at byte ${at}): the file was cut short`, Math.min(at, fileSize), fileSize);
  }
  if (outside > 0) {
    const at = s.offset[firstOutside]!;
    reportOn(trak, 'error', 'sample-outside-mdat', `${outside} samples of track ${trackId} lie outside every mdat (the first, sample ${firstOutside}, at bytes ${at} to ${at + s.size[firstOutside]!})`, at, at + s.size[firstOutside]!);
  }
}

function inside(range: readonly [number, number], start: number, end: number): boolean {
  return start >= range[0] && end <= range[1];
}
