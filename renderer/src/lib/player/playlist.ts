/**
 * HLS media playlists (RFC 8216 and its LL-HLS additions) made in memory for hls.js: a finished
 * playlist for a file, a sliding window for a live session. No HTTP: the URIs are names the memory
 * loader (memory-loader.ts) answers. A new generation (a new init segment after a sequence header
 * changed) is a discontinuity with its own EXT-X-MAP.
 */

/** One media segment as the playlist lists it. */
export interface PlaylistEntry {
  /** Media sequence number. */
  msn: number;
  uri: string;
  /** Exact seconds (hls.js re-bases its timeline when EXTINF and the fragment's own times disagree). */
  duration: number;
  /** Generation counter: a change starts a discontinuity with a new init segment. */
  generation: number;
  /** The init segment of its generation. */
  initUri?: string;
  /** LL-HLS parts of the segment, in order (live only). */
  parts?: PlaylistPart[];
  /**
   * Live: EXT-X-PROGRAM-DATE-TIME of the segment's start (ms since the epoch). hls.js re-bases a sliding
   * playlist by it; without it, the first slide of the window can move its timeline by a segment and stall.
   */
  dateTime?: number;
}

export interface PlaylistPart {
  uri: string;
  duration: number;
  /** Starts with a keyframe: hls.js may start playback there. */
  independent: boolean;
}

export interface PlaylistOptions {
  /** Finished (a file): EXT-X-ENDLIST and PLAYLIST-TYPE:VOD. Otherwise a live window. */
  ended: boolean;
  /** Live: list only the last `window` segments (all when absent), also once the session ended. */
  window?: number;
  /** LL-HLS: the part target duration; parts are listed for the segments that have them. */
  partTarget?: number;
  /** LL-HLS: the segment in progress, its parts so far (not yet in `entries`). */
  pending?: { msn: number; generation: number; initUri?: string; parts: PlaylistPart[]; nextPartUri?: string; dateTime?: number };
  /** LL-HLS SERVER-CONTROL PART-HOLD-BACK (seconds): how far behind the live edge hls.js plays. */
  partHoldBack?: number;
  /** The generation of the very first segment (default: the first entry's): discontinuities count from it. */
  firstGeneration?: number;
}

/** Seconds as HLS decimal text: exact to the microsecond, trailing zeros dropped. */
export function decimal(seconds: number): string {
  const text = seconds.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  return text === '-0' ? '0' : text;
}

export function mediaPlaylist(all: readonly PlaylistEntry[], options: PlaylistOptions): string {
  const entries = options.window !== undefined ? all.slice(Math.max(0, all.length - options.window)) : all;
  const first = entries[0] ?? options.pending;
  const longest = Math.max(0, ...entries.map((e) => e.duration), options.partTarget ?? 0);
  const lines = ['#EXTM3U', `#EXT-X-VERSION:${options.partTarget ? 9 : 7}`, `#EXT-X-TARGETDURATION:${Math.max(1, Math.ceil(longest))}`];
  if (options.partTarget) {
    const hold = options.partHoldBack ?? 3 * options.partTarget;
    lines.push(`#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=${decimal(hold)}`);
    lines.push(`#EXT-X-PART-INF:PART-TARGET=${decimal(options.partTarget)}`);
  }
  if (options.ended && options.window === undefined) lines.push('#EXT-X-PLAYLIST-TYPE:VOD');
  lines.push(`#EXT-X-MEDIA-SEQUENCE:${first?.msn ?? 0}`);
  // Discontinuities before the window: hls.js matches fragments across reloads by it.
  const base = options.firstGeneration ?? all[0]?.generation ?? first?.generation ?? 0;
  lines.push(`#EXT-X-DISCONTINUITY-SEQUENCE:${(first?.generation ?? base) - base}`);
  lines.push('#EXT-X-INDEPENDENT-SEGMENTS');
  let generation: number | undefined;
  const opening = (g: number, initUri: string | undefined, dateTime: number | undefined): void => {
    if (generation !== undefined && g !== generation) lines.push('#EXT-X-DISCONTINUITY');
    if (initUri && g !== generation) lines.push(`#EXT-X-MAP:URI="${initUri}"`);
    if (dateTime !== undefined) lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(dateTime).toISOString()}`);
    generation = g;
  };
  for (const e of entries) {
    opening(e.generation, e.initUri, e.dateTime);
    if (options.partTarget) for (const p of e.parts ?? []) lines.push(partLine(p));
    lines.push(`#EXTINF:${decimal(e.duration)},`, e.uri);
  }
  const pending = options.pending;
  if (pending && !options.ended) {
    opening(pending.generation, pending.initUri, pending.dateTime);
    for (const p of pending.parts) lines.push(partLine(p));
    if (pending.nextPartUri) lines.push(`#EXT-X-PRELOAD-HINT:TYPE=PART,URI="${pending.nextPartUri}"`);
  }
  if (options.ended) lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}

function partLine(p: PlaylistPart): string {
  return `#EXT-X-PART:DURATION=${decimal(p.duration)},URI="${p.uri}"${p.independent ? ',INDEPENDENT=YES' : ''}`;
}
