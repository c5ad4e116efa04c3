/**
 * What the parse worker tells the player about a document it remuxed for playback (road 2 "Play"):
 * the init segments and fragments it holds, how long each fragment lasts, and which packets of the
 * document's packet table each one carries, so video time maps back to samples and an MSE error
 * points at the fragment and the sample it came from.
 */

/** A document track as the player sees it after remux. */
export interface PlayTrack {
  /** Index into the document's `tracks`. */
  docTrack: number;
  kind: 'video' | 'audio';
  timescale: number;
  /** Ticks the remux added to every time of the track (media/remux/timeline.ts), so tfdt is never negative. */
  shift: number;
  /** The source's own presentation shift (edit list media_time), in ticks; the output's edit list carries shift + editShift. */
  editShift: number;
  codec: string;
  /** track_ID in the remuxed output. */
  trackId: number;
  /** Bytes of each NAL unit's length prefix in video samples (0 for audio). */
  nalLengthSize: number;
}

export interface PlaySegment {
  kind: 'init' | 'media';
  /** Configuration generation: a new init segment (a new SPS/PPS or ASC) starts the next one. */
  generation: number;
  size: number;
  /** media: the fragment's sequence number in its generation (mfhd). */
  sequenceNumber: number;
  /** media: exact seconds the fragment covers on the lead track (EXTINF). */
  duration: number;
  /** media: the lead track's first decode time in seconds (shift included). */
  start: number;
  /** media: packet-table indices of the samples it carries, every track, in the order written. */
  packets: number[];
  /** init: `video/mp4; codecs="..."`. */
  mimeType?: string;
}

/** Init segments and fragments from media/remux (`mode` says so in the playlist's terms). */
export interface PlayIndex {
  mode: 'fmp4';
  tracks: PlayTrack[];
  segments: PlaySegment[];
  /** Tracks left out, one line each (data tracks, codecs the writer cannot carry). */
  skipped: string[];
  /** Every codec string the output carries (for MediaSource.isTypeSupported before playing). */
  codecs: string[];
}
