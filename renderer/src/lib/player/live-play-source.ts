/**
 * A live session as an LL-HLS playlist in memory, for low latency: frames (from LiveDocument.onMedia)
 * become short parts (moof + mdat, ~partTarget seconds, which may start between keyframes), parts
 * gather into segments that start at keyframes, and the playlist is a sliding window of segments plus
 * the parts of the segment in progress. A playlist request with `_HLS_msn`/`_HLS_part` is held until that
 * part exists (a blocking reload), so hls.js learns of each part the moment it is written.
 * A new decoder configuration ends the segment and starts a new generation (discontinuity + new map).
 *
 * Durations are exact: a frame is written once the next frame of its track gives its duration
 * (one frame of delay: 33 ms at 30 fps), never estimated.
 */
import type { SampleDescription } from '../../../../media/model/document-model.js';
import { type FragmentSample, joinParts, writeFragment } from '../../../../media/remux/fragment.js';
import { writeInitSegment } from '../../../../media/remux/init-segment.js';
import type { RemuxTrack } from '../../../../media/remux/types.js';
import type { LiveMediaItem } from '../live/live-protocol.js';
import type { PlaylistRequest, PlaySource } from './memory-loader.js';
import { mediaPlaylist, type PlaylistEntry, type PlaylistPart } from './playlist.js';

export interface LiveOptions {
  /** Seconds of video per part. Default 0.2. */
  partTarget?: number;
  /** Seconds per segment at least (cut at the next keyframe). Default 1. */
  segmentTarget?: number;
  /** Segments listed. Default 6. */
  window?: number;
  /**
   * Segments whose bytes are held (the newest); older listed ones keep only their playlist lines.
   * Default twice the window. hls.js 1.x loses its timeline by a segment each time a low-latency window
   * slides (it then waits a whole segment: a stall), so a player lists a long window and holds few bytes.
   */
  keep?: number;
}

interface TrackState {
  kind: 'video' | 'audio';
  description: SampleDescription;
  /** The frame waiting for the next one to know its duration. */
  waiting: { dts: number; pts: number; keyframe: boolean; data: Uint8Array } | null;
  /** Settled frames of the part in progress. */
  settled: FragmentSample[];
  /** The last duration seen, for the frame that no successor settles (a configuration change, the end). */
  lastDelta: number;
}

interface Part extends PlaylistPart {
  data: Uint8Array;
}

interface Segment {
  msn: number;
  generation: number;
  /** Decode time of its first lead-track frame, ms (its EXT-X-PROGRAM-DATE-TIME, counted from the epoch). */
  start: number;
  /** Its bytes are no longer held (older than `keep`). */
  dropped?: boolean;
  parts: Part[];
  duration: number;
}

/** RTMP times are milliseconds: the remux timescale stays 1000 so they are written exactly. */
const TIMESCALE = 1000;
/** Finished segments whose parts the playlist still lists. */
const PARTS_LISTED = 2;

export class LivePlaySource implements PlaySource {
  private readonly partTarget: number;
  private readonly segmentTarget: number;
  private readonly window: number;
  private readonly keep: number;
  /** By the item's track number. */
  private readonly tracks = new Map<number, TrackState>();
  private order: number[] = [];
  private generation = -1;
  private readonly inits = new Map<number, Uint8Array>();
  private readonly done: Segment[] = [];
  private current: Segment | null = null;
  private sequence = 0;
  private nextMsn = 0;
  private ended = false;
  private waiters: (() => void)[] = [];

  constructor(options: LiveOptions = {}) {
    this.partTarget = options.partTarget ?? 0.2;
    this.segmentTarget = options.segmentTarget ?? 1;
    this.window = options.window ?? 6;
    this.keep = options.keep ?? this.window * 2;
  }

  /** At least one part is written: a player can start. */
  get started(): boolean {
    return this.done.length > 0 || (this.current?.parts.length ?? 0) > 0;
  }

  push(items: readonly LiveMediaItem[]): void {
    for (const item of items) {
      if (item.type === 'description') this.describe(item.track, item.kind, item.description);
      else this.frame(item);
    }
    this.wake();
  }

  end(): void {
    this.flush();
    this.ended = true;
    this.wake();
  }

  private describe(track: number, kind: 'video' | 'audio', description: SampleDescription): void {
    const t = this.tracks.get(track);
    if (t && sameConfig(t.description, description)) return;
    // Everything before belongs to the old configuration.
    if (this.generation >= 0) this.flush();
    if (t) {
      t.description = description;
      t.waiting = null;
    } else this.tracks.set(track, { kind, description, waiting: null, settled: [], lastDelta: 0 });
    this.generation = -1; // a new init segment is written with the next keyframe
  }

  private frame(item: Extract<LiveMediaItem, { type: 'packet' }>): void {
    const t = this.tracks.get(item.track);
    if (!t) return;
    if (this.generation < 0) {
      // Start a generation at a video keyframe (or any audio frame when there is no video).
      const hasVideo = [...this.tracks.values()].some((x) => x.kind === 'video');
      if ((hasVideo && !(item.kind === 'video' && item.keyframe)) || (!hasVideo && item.kind !== 'audio')) return;
      this.startGeneration();
    }
    const prev = t.waiting;
    t.waiting = { dts: item.dts, pts: item.pts, keyframe: item.keyframe, data: item.data };
    if (prev) {
      const duration = Math.max(0, item.dts - prev.dts);
      if (duration > 0) t.lastDelta = duration;
      t.settled.push({ dts: prev.dts, cto: prev.pts - prev.dts, duration, keyframe: prev.keyframe, data: prev.data });
    }
    if (t.kind === this.leadKind()) {
      const lead = t.settled;
      const span = lead.reduce((n, s) => n + s.duration, 0) / TIMESCALE;
      // A keyframe that comes once the segment is long enough starts the next segment.
      const segmentFull = this.current && this.current.duration + span >= this.segmentTarget && item.kind === 'video' && item.keyframe;
      if (segmentFull) {
        this.closePart();
        this.closeSegment();
      } else if (span >= this.partTarget) this.closePart();
    }
  }

  private leadKind(): 'video' | 'audio' {
    return [...this.tracks.values()].some((x) => x.kind === 'video') ? 'video' : 'audio';
  }

  private startGeneration(): void {
    this.generation = this.inits.size;
    this.order = [...this.tracks.keys()];
    const remuxTracks: RemuxTrack[] = this.order.map((k, i) => {
      const t = this.tracks.get(k)!;
      t.settled = [];
      t.waiting = null;
      return { id: i + 1, kind: t.kind, timescale: TIMESCALE, descriptions: [t.description] };
    });
    this.inits.set(this.generation, writeInitSegment(remuxTracks.map((track) => ({ track, description: track.descriptions[0]! }))));
  }

  /** Settles every waiting frame with its track's last duration and writes what is pending. */
  private flush(): void {
    for (const t of this.tracks.values()) {
      const w = t.waiting;
      if (w) t.settled.push({ dts: w.dts, cto: w.pts - w.dts, duration: t.lastDelta, keyframe: w.keyframe, data: w.data });
      t.waiting = null;
    }
    if (this.generation >= 0) this.closePart();
    this.closeSegment();
  }

  /** Writes the settled frames as one part (moof + mdat) of the segment in progress. */
  private closePart(): void {
    const runs = this.order.map((k, i) => ({ trackId: i + 1, samples: this.tracks.get(k)!.settled.splice(0) }));
    if (runs.every((r) => r.samples.length === 0)) return;
    const lead = runs[this.order.findIndex((k) => this.tracks.get(k)!.kind === this.leadKind())] ?? runs[0]!;
    const { parts, size } = writeFragment(++this.sequence, runs);
    const duration = lead.samples.reduce((n, s) => n + s.duration, 0) / TIMESCALE;
    this.current ??= { msn: this.nextMsn++, generation: this.generation, start: lead.samples[0]?.dts ?? 0, parts: [], duration: 0 };
    const index = this.current.parts.length;
    this.current.parts.push({ uri: `part-${this.current.msn}-${index}.m4s`, duration, independent: lead.samples[0]?.keyframe ?? false, data: joinParts(parts, size) });
    this.current.duration += duration;
  }

  private closeSegment(): void {
    if (!this.current) return;
    this.done.push(this.current);
    this.current = null;
    // Keep a little more than the window for loads already under way.
    const listed = Math.max(this.window + 2, this.keep);
    if (this.done.length > listed) this.done.splice(0, this.done.length - listed);
    const old = this.done[this.done.length - 1 - this.keep];
    if (old && !old.dropped) {
      old.dropped = true;
      for (const p of old.parts) p.data = new Uint8Array(0);
    }
  }

  private has(request: PlaylistRequest): boolean {
    if (this.ended || request.msn === undefined) return true;
    if (request.msn < this.nextMsn - (this.current ? 1 : 0)) return true;
    const seg = this.current?.msn === request.msn ? this.current : undefined;
    return !!seg && seg.parts.length > (request.part ?? 0);
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }

  async playlist(request: PlaylistRequest): Promise<string> {
    while (!this.has(request)) await new Promise<void>((r) => this.waiters.push(r));
    const entries: PlaylistEntry[] = this.done.map((s, i) => ({ msn: s.msn, uri: `seg-${s.msn}.m4s`, duration: s.duration, generation: s.generation, initUri: `init-${s.generation}.mp4`, parts: i >= this.done.length - PARTS_LISTED ? s.parts : [], dateTime: s.start }));
    const c = this.current;
    const options = { ended: this.ended, window: this.window, partTarget: this.partTarget, partHoldBack: 3 * this.partTarget, firstGeneration: 0 };
    if (!c) return mediaPlaylist(entries, options);
    return mediaPlaylist(entries, { ...options, pending: { msn: c.msn, generation: c.generation, initUri: `init-${c.generation}.mp4`, parts: c.parts, nextPartUri: `part-${c.msn}-${c.parts.length}.m4s`, dateTime: c.start } });
  }

  async resource(name: string): Promise<Uint8Array> {
    let m = /^init-(\d+)\.mp4$/.exec(name);
    if (m) return this.found(this.inits.get(Number(m[1])), name);
    m = /^seg-(\d+)\.m4s$/.exec(name);
    if (m) {
      const seg = this.done.find((s) => s.msn === Number(m![1]) && !s.dropped);
      return this.found(seg ? joinParts(seg.parts.map((p) => p.data), seg.parts.reduce((n, p) => n + p.data.length, 0)) : undefined, name);
    }
    m = /^part-(\d+)-(\d+)\.m4s$/.exec(name);
    if (m) {
      const msn = Number(m[1]);
      const index = Number(m[2]);
      // A preload hint names a part before it exists: hold the request until it does.
      while (!this.ended && !this.has({ msn, part: index })) await new Promise<void>((r) => this.waiters.push(r));
      const seg = this.current?.msn === msn ? this.current : this.done.find((s) => s.msn === msn);
      return this.found(seg?.dropped ? undefined : seg?.parts[index]?.data, name);
    }
    throw new Error(`no such resource: ${name}`);
  }

  private found(bytes: Uint8Array | undefined, name: string): Uint8Array {
    if (!bytes) throw new Error(`${name} is no longer (or not yet) held`);
    return bytes.slice();
  }
}

function sameConfig(a: SampleDescription, b: SampleDescription): boolean {
  return a.format === b.format && a.config.length === b.config.length && a.config.every((v, i) => v === b.config[i]);
}
