/**
 * One constant shift for all tracks so that no decode time is negative (tfdt is unsigned). ISMV from
 * ffmpeg starts audio at a negative tfxd time (the encoder delay); the shift moves every track by the
 * same amount of time, and the edit list (init-segment.ts) keeps presentation where it was.
 */

export interface TrackStart {
  timescale: number;
  /** The lowest decode time of the track, in its timescale (undefined for a track without samples). */
  firstDts: number | undefined;
}

/**
 * Per track, the ticks to add: 0 everywhere when no decode time is negative. The shift is the
 * lowest time exactly; a track whose timescale cannot express it exactly gets it rounded up.
 */
export function timelineShift(tracks: readonly TrackStart[]): number[] {
  let lowest: TrackStart | undefined;
  for (const t of tracks) {
    if (t.firstDts === undefined || t.timescale <= 0) continue;
    if (!lowest || t.firstDts / t.timescale < lowest.firstDts! / lowest.timescale) lowest = t;
  }
  if (!lowest || lowest.firstDts! >= 0) return tracks.map(() => 0);
  const ticks = -lowest.firstDts!;
  return tracks.map((t) => (t.timescale === lowest!.timescale ? ticks : Math.ceil((ticks * t.timescale) / lowest!.timescale)));
}
