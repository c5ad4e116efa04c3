/** The usage lines of `remux` and `extract` (kept apart so the command line's help loads nothing else). */
export const REMUX_USAGE = `  remux IN OUT.mp4 [--fragment-duration S] [--format NAME] [--strict]  fragmented MP4, payloads copied bit for bit
  extract IN --track ID OUT(.aac|.h264|.h265|.mp4) [--strict]         one track: ADTS, Annex B, or MP4`;
