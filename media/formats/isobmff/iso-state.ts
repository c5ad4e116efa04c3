/**
 * What box parsers learn from earlier boxes and later ones need (the handler decides how stsd entries read,
 * tenc's IV size decides how senc reads). One object per parse of a file.
 */
export interface IsoState {
  /** handler_type of the trak being read (`vide`, `soun` ...). */
  handler?: string;
  /** track_ID of the trak or traf being read. */
  trackId?: number;
  /** handler_type per track_ID, for fragments. */
  handlerByTrack: Map<number, string>;
  /** Default_Per_Sample_IV_Size per track_ID, from tenc (or PIFF track encryption). */
  ivSizeByTrack: Map<number, number>;
  /** mvhd's timescale: tkhd and elst durations are in it. 0 until mvhd is read. */
  movieTimescale: number;
  /** QuickTime files (brand `qt  `) read some boxes differently (meta is not a FullBox there). */
  quickTime: boolean;
}

export function newIsoState(): IsoState {
  return { handlerByTrack: new Map(), ivSizeByTrack: new Map(), quickTime: false, movieTimescale: 0 };
}
