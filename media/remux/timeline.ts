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

/** What the time mapping needs of a written track (a RemuxTrack). */
export interface ShiftedTrack {
  timescale: number;
  shift?: number;
  editShift?: number;
}

/**
 * The player's time mapping: a presentation time of the written file (seconds, as a <video> reports it)
 * back to the source's presentation time in its ticks, undoing the shift. `editApplied` says whether
 * the player honoured the edit list (media_time = editShift + shift); without it the shift shows in the
 * element's times and is taken off here.
 */
export function sourcePresentationTime(track: ShiftedTrack, seconds: number, editApplied: boolean): number {
  const ticks = Math.round(seconds * track.timescale);
  const shift = track.shift ?? 0;
  return editApplied ? ticks + (track.editShift ?? 0) : ticks - shift;
}

/** The inverse: a source presentation time (ticks) as the written file presents it, in seconds. */
export function writtenPresentationSeconds(track: ShiftedTrack, sourceTicks: number, editApplied: boolean): number {
  const shift = track.shift ?? 0;
  const ticks = editApplied ? sourceTicks - (track.editShift ?? 0) : sourceTicks + shift;
  return ticks / track.timescale;
}
