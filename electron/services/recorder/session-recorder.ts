/**
 * Records one live session: the raw FLV of every tag, and fragmented MP4 written fragment by
 * fragment through the remux writer (media/remux), a new numbered file wherever the recording plan
 * (media/record) says the stream changed. `done` resolves once every file is closed.
 *
 * Fragments end at a keyframe, or at MAX_FRAGMENT_SECONDS of media, or at MAX_FRAGMENT_BYTES,
 * whichever comes first: a stream whose keyframes are far apart (screen capture, `-g 100000`) is
 * neither held in memory nor lost to a kill. A write error (full disk) stops this recording at once
 * ('write-error'), leaving each file whole up to its last fragment; the session itself goes on.
 */
import type { IndexedPacket } from '../../../media/formats/flv/flv-push-parser.js';
import { amfGet } from '../../../media/formats/amf/amf-value.js';
import { packetPayloads } from '../../../media/record/packet-payload.js';
import { type RecordTrack, RecordingPlan, type SplitReason } from '../../../media/record/recording-plan.js';
import { recordLayout } from '../../../media/record/record-tracks.js';
import { FragmentedMp4Writer, type PendingMedia } from '../../../media/remux/fragmented-mp4-writer.js';
import type { Mp4Segment } from '../../../media/remux/types.js';
import type { LiveSession, LiveTag } from '../rtmp/live-session.js';
import { TypedEmitter } from '../rtmp/typed-emitter.js';
import type { OpenFile } from './append-file.js';
import { ArrivalTimes } from './arrival-times.js';
import type { FileNamer } from './file-names.js';
import { FlvFile } from './flv-file.js';
import { Mp4File } from './mp4-file.js';

export interface SessionRecorderOptions {
  /** Wait for announced sequence headers at most this long (default 3000 ms). */
  waitMs?: number;
  /** fdatasync each fragment (default true). */
  sync?: boolean;
  /** Seconds of video per fragment at least (cut at the next keyframe; default 1). */
  fragmentDuration?: number;
  /** Creates each file (default: node's open, exclusive). */
  openFile?: OpenFile;
}

/** A fragment holds at most this much of any track, keyframe or not: what a kill can lose. */
export const MAX_FRAGMENT_SECONDS = 2;
/** And at most this many payload bytes (a fragment of 8 MiB is 2 s at 32 Mbit/s). */
export const MAX_FRAGMENT_BYTES = 8 * 1024 * 1024;

export interface RecordedFile {
  path: string;
  reason: SplitReason;
  tracks: string[];
  leftOut: string[];
  /** Fragments whole on disk. */
  fragments: number;
  /** Bytes whole on disk (init, fragments, index): never what was only queued. */
  bytes: number;
}

export interface SessionRecorderEvents {
  /** A file could not be written: recording of the session stops (`done` follows once the files are closed). */
  'write-error': [message: string];
}

/** Delays kept for the end-of-session median and p95 (a day of 30 fps video and audio would be 7 million). */
const MAX_DELAYS = 200_000;

interface OpenMp4 {
  info: RecordedFile;
  file: Mp4File;
  writer: FragmentedMp4Writer | undefined;
  writerIndex: number[];
  /** Per writer track, arrival ms of the samples pushed and not yet in a written fragment. */
  arrivals: number[][];
}

export class SessionRecorder extends TypedEmitter<SessionRecorderEvents> {
  readonly files: RecordedFile[] = [];
  /** The first write error (path: message), when one stopped the recording. */
  error: string | undefined;
  /** The most media the MP4 writer held at once, not yet written (bounded by the fragment limits). */
  readonly peakPending: PendingMedia = { bytes: 0, seconds: 0 };
  flvPath: string | undefined;
  skipped = 0;
  /** ms from a tag's first byte arriving to its fragment being on disk, one entry per sample (the latest MAX_DELAYS). */
  readonly delays: number[] = [];
  readonly done: Promise<void>;
  private flv: FlvFile | undefined;
  private mp4: OpenMp4 | undefined;
  private readonly closing: Promise<void>[] = [];
  private readonly plan: RecordingPlan;
  private readonly arrivals = new ArrivalTimes();
  private base: string | undefined;
  private waitTimer: ReturnType<typeof setTimeout> | undefined;
  private tagArrival = 0;
  private finishing: Promise<void> | undefined;
  private finishDone!: () => void;
  /** Unsubscribes from the session (a recording switched off mid-session hears no more tags). */
  private readonly off: Array<() => void> = [];
  /** Sequence header tags sent before recording started: the FLV's first tags. */
  private readonly catchUp: LiveTag[] = [];
  /** Started mid-session: the FLV waits for a video keyframe, so it never starts with frames that refer to earlier ones. */
  private flvAwaitsKeyframe = false;

  constructor(
    readonly session: LiveSession,
    private readonly namer: FileNamer,
    private readonly options: SessionRecorderOptions = {},
  ) {
    super();
    this.done = new Promise((resolve) => (this.finishDone = resolve));
    this.plan = new RecordingPlan(
      { open: (t, r) => this.open(t, r), sample: (i, p, d) => this.sample(i, p, d), skipped: () => void this.skipped++ },
      options.waitMs !== undefined ? { waitMs: options.waitMs } : {},
    );
    this.off.push(session.on('data', (bytes, offset) => this.arrivals.add(offset, performance.now())));
    this.off.push(session.on('metadata', (v) => {
      this.startWait();
      this.plan.metadata(v, Date.now());
    }));
    this.off.push(session.on('sequence-header', (h) => {
      this.startWait();
      this.plan.config(h.config, session.tracks.indexOf(h.config), Date.now());
    }));
    this.off.push(session.on('tags', (tags) => this.tags(tags)));
    this.off.push(session.on('end', () => void this.finish()));
    // Started mid-session (the Live tab's record switch): the metadata and the latest sequence header
    // of each track, sent before, still hold; the FLV gets those tags first.
    const latest = new Map(session.configs.map((h) => [session.tracks.indexOf(h.config), h]));
    if (session.metadata !== undefined) this.plan.metadata(session.metadata, Date.now());
    for (const [track, h] of latest) {
      this.startWait();
      this.plan.config(h.config, track, Date.now());
      this.catchUp.push(h.tag);
      if (h.tag.kind === 'video') this.flvAwaitsKeyframe = true;
    }
  }

  private startWait(): void {
    if (this.waitTimer || this.plan.started) return;
    this.waitTimer = setTimeout(() => this.plan.tick(Date.now()), (this.options.waitMs ?? 3000) + 5);
  }

  /** The session's first base name (its FLV and first MP4), then a new number for each later MP4. */
  private nextBase(): string {
    const i = this.session.info;
    if (this.files.length === 0) return (this.base ??= this.namer.next(i.app, i.stream, i.startedAt));
    return this.namer.next(i.app, i.stream, Date.now());
  }

  private tags(tags: LiveTag[]): void {
    if (!this.flv) {
      // The first tag names the session's files: the FLV and the first MP4 share the base name.
      const base = this.files[0]?.path.replace(/\.mp4$/, '') ?? this.nextBase();
      const meta = this.session.metadata;
      const has = (flag: string, id: string): boolean => amfGet(meta, flag) === true || amfGet(meta, id) !== undefined || meta === undefined;
      this.flv = new FlvFile(`${base}.flv`, has('hasAudio', 'audiocodecid'), has('hasVideo', 'videocodecid'), this.fileOptions(`${base}.flv`));
      this.flvPath = this.flv.path;
      this.flv.write(this.catchUp.splice(0));
    }
    this.flv.write(this.flvAwaitsKeyframe ? this.fromKeyframe(tags) : tags);
    const now = Date.now();
    for (const tag of tags) {
      if (tag.packets.length === 0) continue;
      this.tagArrival = this.arrivals.at(tag.offset) ?? performance.now();
      this.startWait();
      const payloads = packetPayloads(tag.body, tag.flv);
      tag.packets.forEach((p, i) => {
        const data = payloads[i];
        if (data) this.plan.packet(p, data, now);
        else this.skipped++;
      });
    }
  }

  /** The tags from the first video keyframe on; before it, only tags that carry no frame (headers, metadata). */
  private fromKeyframe(tags: LiveTag[]): LiveTag[] {
    const first = tags.findIndex((t) => t.kind === 'video' && t.packets.some((p) => p.keyframe));
    if (first < 0) return tags.filter((t) => t.packets.length === 0);
    this.flvAwaitsKeyframe = false;
    return [...tags.slice(0, first).filter((t) => t.packets.length === 0), ...tags.slice(first)];
  }

  private open(tracks: RecordTrack[], reason: SplitReason): void {
    this.closeMp4();
    if (this.error !== undefined) return; // stopped by a write error: no new file on the same disk
    clearTimeout(this.waitTimer);
    const layout = recordLayout(tracks);
    const path = `${this.nextBase()}.mp4`;
    const info: RecordedFile = { path, reason, tracks: layout.tracks.map((t) => `${t.kind} ${t.descriptions[0]!.codec}`), leftOut: layout.leftOut, fragments: 0, bytes: 0 };
    this.files.push(info);
    const limits = { maxFragmentDuration: MAX_FRAGMENT_SECONDS, maxFragmentBytes: MAX_FRAGMENT_BYTES };
    const writer = layout.tracks.length > 0 ? new FragmentedMp4Writer(layout.tracks, { index: true, fragmentDuration: this.options.fragmentDuration ?? 1, ...limits }) : undefined;
    const file = new Mp4File(path, { ...this.fileOptions(path), ...(this.options.sync !== undefined ? { sync: this.options.sync } : {}) });
    this.mp4 = { info, file, writer, writerIndex: layout.writerIndex, arrivals: layout.tracks.map(() => []) };
    if (writer) void file.init(writer.init());
  }

  private sample(index: number, p: IndexedPacket, data: Uint8Array): void {
    const m = this.mp4;
    const track = m?.writerIndex[index] ?? -1;
    if (!m?.writer || track < 0) {
      this.skipped++;
      return;
    }
    m.arrivals[track]!.push(this.tagArrival);
    this.write(m, m.writer.push({ track, dts: p.dts, pts: p.pts, duration: 0, keyframe: p.keyframe, description: 0, data }));
    const held = m.writer.pending();
    this.peakPending.bytes = Math.max(this.peakPending.bytes, held.bytes);
    this.peakPending.seconds = Math.max(this.peakPending.seconds, held.seconds);
  }

  private fileOptions(path: string): { open?: OpenFile; onError: (e: Error) => void } {
    return { ...(this.options.openFile ? { open: this.options.openFile } : {}), onError: (e) => this.failed(path, e) };
  }

  /** The first write error: said at once, then every file closes as it stands (the session goes on unrecorded). */
  private failed(path: string, e: Error): void {
    if (this.error !== undefined) return;
    this.error = e.message.includes(path) ? e.message : `${path}: ${e.message}`;
    this.emit('write-error', this.error);
    void this.finish();
  }

  private write(m: OpenMp4, segments: Mp4Segment[]): Uint8Array | undefined {
    let index: Uint8Array | undefined;
    for (const s of segments) {
      if (s.type === 'index') index = s.data;
      if (s.type !== 'media') continue;
      const arrived = s.runs.flatMap((r) => m.arrivals[r.track]!.splice(0, r.count));
      void m.file.fragment(s.data, () => {
        m.info.fragments++;
        m.info.bytes = s.offset + s.size;
        const now = performance.now();
        for (const a of arrived) this.delays.push(now - a);
        if (this.delays.length > MAX_DELAYS) this.delays.splice(0, this.delays.length - MAX_DELAYS / 2);
      });
    }
    return index;
  }

  /** Writes what is pending and the mfra index, and closes the current MP4. */
  private closeMp4(): void {
    const m = this.mp4;
    if (!m) return;
    this.mp4 = undefined;
    const index = m.writer ? this.write(m, m.writer.flush()) : undefined;
    const closed = m.file.finish(index).catch((e: Error) => this.closeFailed(m.info.path, e));
    this.closing.push(closed.then(() => void (m.info.bytes = m.file.written)));
  }

  /** A close that failed after a write error already said why stays quiet. */
  private closeFailed(path: string, e: Error): void {
    if (this.error === undefined) console.error(`bitlens: ${path}: ${e.message}`);
  }

  /** Finishes every file (the session ended, or the recorder stops). */
  finish(): Promise<void> {
    this.finishing ??= this.closeAll();
    return this.finishing;
  }

  private async closeAll(): Promise<void> {
    for (const off of this.off.splice(0)) off();
    clearTimeout(this.waitTimer);
    this.plan.end();
    this.closeMp4();
    const flv = this.flv;
    if (flv) this.closing.push(flv.close().catch((e: Error) => this.closeFailed(flv.path, e)));
    await Promise.all(this.closing);
    this.finishDone();
  }
}
