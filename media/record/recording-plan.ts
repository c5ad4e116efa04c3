/**
 * Decides what a live publish becomes on disk, as pure logic over the session's events: when the
 * first file may start (once the sequence headers of the tracks onMetaData announces have come, or
 * after a wait), and when a file must end and a new numbered one begin (a changed sequence header,
 * a track that appears late, a timestamp reset). Each file starts on a video keyframe so it
 * decodes on its own. The caller supplies the clock (`now`) and calls `tick` when the wait may be over.
 */
import type { AmfValue } from '../formats/amf/amf-value.js';
import { amfGet } from '../formats/amf/amf-value.js';
import type { IndexedPacket } from '../formats/flv/flv-push-parser.js';
import type { FlvConfig, FlvMediaKind } from '../formats/flv/flv-tag-data.js';

export interface RecordTrack {
  /** The session's track number (RtmpTrackIndex). */
  track: number;
  kind: FlvMediaKind;
  config: FlvConfig;
}

export type SplitReason = 'first' | 'sequence-header' | 'new-track' | 'timestamp-reset';

export interface PlanSink {
  /** Ends the current file (if any) and starts the next with these tracks (called with its first sample). */
  open(tracks: RecordTrack[], reason: SplitReason): void;
  /** A sample for track `index` of the tracks last opened. */
  sample(index: number, packet: IndexedPacket, data: Uint8Array): void;
  /** A packet left out of the MP4 (no decoder configuration yet, or before the file's first keyframe). */
  skipped(packet: IndexedPacket, why: 'no-config' | 'before-keyframe'): void;
}

export interface PlanOptions {
  /** How long to wait for announced sequence headers (default 3000 ms). */
  waitMs?: number;
  /** A decode time this far below the track's last one is a reset (default 1000 ms). */
  resetMs?: number;
  /** Packets held while waiting before the file starts anyway (default 8192). */
  maxHeld?: number;
}

interface Held {
  packet: IndexedPacket;
  data: Uint8Array;
}

export class RecordingPlan {
  private readonly configs = new Map<number, FlvConfig>();
  private readonly announced = new Set<FlvMediaKind>();
  private readonly seen = new Set<FlvMediaKind>();
  private metadataSeen = false;
  private waitSince: number | undefined;
  private held: Held[] = [];
  /** Tracks of the current file; undefined while waiting for the first. */
  private open: RecordTrack[] | undefined;
  /** Set while the current file has no sample yet: the sink opens it with the first one, so
   * changes that come together (a new video and a new audio header) make one file, not two. */
  private unopened: SplitReason | undefined;
  private readonly lastDts = new Map<number, number>();
  private needKeyframe = false;
  private readonly waitMs: number;
  private readonly resetMs: number;
  private readonly maxHeld: number;

  constructor(
    private readonly sink: PlanSink,
    options: PlanOptions = {},
  ) {
    this.waitMs = options.waitMs ?? 3000;
    this.resetMs = options.resetMs ?? 1000;
    this.maxHeld = options.maxHeld ?? 8192;
  }

  get started(): boolean {
    return this.open !== undefined;
  }

  /** onMetaData: videocodecid / audiocodecid (or hasVideo / hasAudio) say which tracks to wait for. */
  metadata(value: AmfValue, now: number): void {
    this.metadataSeen = true;
    this.waitSince ??= now;
    const has = (key: string, codecId: string): boolean => {
      const flag = amfGet(value, key);
      if (flag === false) return false;
      const id = amfGet(value, codecId);
      return flag === true || (id !== undefined && id !== null && id !== 0 && id !== '');
    };
    if (has('hasVideo', 'videocodecid')) this.announced.add('video');
    if (has('hasAudio', 'audiocodecid')) this.announced.add('audio');
    this.tick(now);
  }

  config(config: FlvConfig, track: number, now: number): void {
    this.waitSince ??= now;
    const before = this.configs.get(track);
    this.configs.set(track, config);
    if (!this.open) {
      this.tick(now);
      return;
    }
    const i = this.open.findIndex((t) => t.track === track);
    if (i < 0) this.start('new-track');
    else if (!before || !sameBytes(configBytes(before), configBytes(config))) this.start('sequence-header');
  }

  packet(packet: IndexedPacket, data: Uint8Array, now: number): void {
    this.waitSince ??= now;
    this.seen.add(packet.kind);
    if (!this.open) {
      this.held.push({ packet, data });
      this.tick(now);
      return;
    }
    const last = this.lastDts.get(packet.track);
    if (last !== undefined && packet.dts < last - this.resetMs) this.start('timestamp-reset');
    this.write(packet, data);
  }

  /** Starts the first file once its tracks are known or the wait is over. */
  tick(now: number): void {
    if (this.open || this.waitSince === undefined || this.configs.size === 0) return;
    const timedOut = now - this.waitSince >= this.waitMs || this.held.length >= this.maxHeld;
    if (timedOut || this.ready()) this.start('first');
  }

  /** The publish ended: a file still waiting starts with what it has. */
  end(): void {
    if (!this.open && this.configs.size > 0) this.start('first');
    for (const h of this.held) this.sink.skipped(h.packet, 'no-config');
    this.held = [];
  }

  private ready(): boolean {
    const kinds = new Set([...this.configs.values()].map((c) => c.kind));
    const wanted = this.metadataSeen ? this.announced : this.seen;
    if (!this.metadataSeen && this.held.length === 0) return false;
    for (const k of wanted) if (!kinds.has(k)) return false;
    return true;
  }

  private start(reason: SplitReason): void {
    this.open = [...this.configs].map(([track, config]) => ({ track, kind: config.kind, config }));
    this.lastDts.clear();
    this.needKeyframe = this.open.some((t) => t.kind === 'video');
    this.unopened ??= reason;
    const held = this.held;
    this.held = [];
    for (const h of held) this.write(h.packet, h.data);
  }

  private write(packet: IndexedPacket, data: Uint8Array): void {
    const index = this.open!.findIndex((t) => t.track === packet.track);
    if (index < 0) {
      this.sink.skipped(packet, 'no-config');
      return;
    }
    if (this.needKeyframe) {
      if (packet.kind === 'video' && packet.keyframe) this.needKeyframe = false;
      else if (packet.kind === 'video') {
        this.sink.skipped(packet, 'before-keyframe');
        return;
      }
    }
    if (this.unopened) {
      this.sink.open(this.open!, this.unopened);
      this.unopened = undefined;
    }
    this.lastDts.set(packet.track, packet.dts);
    this.sink.sample(index, packet, data);
  }
}

/** The decoder configuration record as carried (avcC, hvcC or AudioSpecificConfig bytes). */
export function configBytes(c: FlvConfig): Uint8Array {
  return c.avc?.raw ?? c.hevc?.raw ?? c.audio?.raw ?? new Uint8Array(0);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
