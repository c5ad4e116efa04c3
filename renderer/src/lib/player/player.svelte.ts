/**
 * The player of one document (road 2 "Play"): the worker remuxes the document to fMP4, hls.js plays it
 * through memory loaders, and the video's frames map back to samples through hls.js's own time offset.
 * Linked both ways with the document's one selection: the frame on screen selects its sample; choosing
 * a sample elsewhere seeks the video to it. An MSE or decode error names the fragment and the sample.
 */
import Hls, { ErrorDetails, Events, type ErrorData } from 'hls.js';
import type { OpenDocument } from '../open-document.svelte.js';
import { findSampleFault } from './fragment-check.js';
import { FileSource, segmentOfUri } from './file-source.js';
import { memoryLoader, PLAYLIST_URL } from './memory-loader.js';
import { TimeMap } from './time-map.js';
import type { PlayIndex } from './types.js';
import { codecName } from './codec-names.js';

export type PlayerStatus = 'idle' | 'preparing' | 'ready' | 'unsupported' | 'failed';

/** What went wrong, and where it came from when that is known. */
export interface PlayError {
  text: string;
  /** Index into `PlayIndex.segments`, or -1. */
  segment: number;
  /** The packet (sample) it points at, or -1. */
  packet: number;
}

/** Seconds of the lead track per fragment for files (fragments end at the next keyframe after it). */
const FILE_FRAGMENT_SECONDS = 1;
/** Seek this far past a frame's time so rounding never shows the frame before it. */
const SEEK_NUDGE = 0.0005;
/** How often playback updates the sample shown in the control bar. */
const SHOW_MS = 250;


/** The codec strings this browser's MediaSource refuses (all of them when there is no MediaSource). */
export function unsupportedCodecs(index: Pick<PlayIndex, 'codecs'>): string[] {
  if (typeof MediaSource === 'undefined') return index.codecs.length ? index.codecs : ['(any)'];
  return index.codecs.filter((codec) => {
    const kind = /^(mp4a|ac-3|ec-3|opus)/.test(codec) ? 'audio' : 'video';
    return !MediaSource.isTypeSupported(`${kind}/mp4; codecs="${codec}"`);
  });
}


export class Player {
  status = $state<PlayerStatus>('idle');
  /** A plain sentence for statuses other than ready (the unsupported codec, the failure). */
  message = $state('');
  /** What playback leaves out and why (tracks it cannot play, samples past the end of a cut file). */
  notes = $state<string[]>([]);
  error = $state.raw<PlayError | null>(null);
  index = $state.raw<PlayIndex | null>(null);
  time = $state(0);
  duration = $state(0);
  paused = $state(true);
  /** The sample of the frame on screen (-1 before the first frame). */
  packet = $state(-1);
  /** Output time minus currentTime (seconds), from hls.js's INIT_PTS_FOUND; null until known. */
  offset = $state<number | null>(null);
  map: TimeMap | null = null;
  private hls: Hls | null = null;
  private source: FileSource | null = null;
  private video: HTMLVideoElement | null = null;
  private pendingSeek = -1;
  private seekingToSelection = false;
  /** Set once playback started or a frame was stepped to: from then on, settled frames select their sample. */
  private engaged = false;
  /** Media time of the last frame presented. */
  private lastMediaTime = -1;
  private lastShown = 0;
  /** The selection change this player made itself (so it does not seek to its own echo). */
  private ownReveal = -1;
  private frameCallback = 0;
  private disposed = false;
  /** The one preparation of playback, started by the first Play, step or chosen sample. */
  private prepared: Promise<boolean> | null = null;

  constructor(private readonly doc: OpenDocument) {}

  /**
   * Binds the video. Nothing is prepared yet: the worker plans playback when something first asks for a
   * frame (Play, a frame step, a chosen sample), so opening a big file costs no playback work. 'ready'
   * here means the controls work. A document none of whose tracks this browser can decode says so now.
   */
  async attach(video: HTMLVideoElement): Promise<void> {
    this.video = video;
    if (!this.doc.worker || !this.doc.doc?.packets) return;
    const codecs = this.doc.doc.tracks.filter((t) => (t.kind === 'video' || t.kind === 'audio') && t.codec).map((t) => t.codec);
    const refused = unsupportedCodecs({ codecs });
    if (codecs.length && refused.length === codecs.length) return this.refuse(refused);
    this.status = 'ready';
  }

  /** Prepares playback once; resolves whether hls.js is attached and playing can start. */
  private ensurePrepared(): Promise<boolean> {
    return (this.prepared ??= this.prepare());
  }

  private refuse(refused: string[]): void {
    this.status = 'unsupported';
    this.message = `This browser cannot play ${refused.map((c) => `${codecName(c)} (${c})`).join(' and ')}: MediaSource.isTypeSupported says no. The structure, samples and bytes are all still here.`;
  }

  /** Asks the worker for the playback plan, checks the codecs, then attaches hls.js to the video. */
  private async prepare(): Promise<boolean> {
    const video = this.video;
    const session = this.doc.worker;
    const packets = this.doc.doc?.packets;
    if (!video || !session || !packets) return false;
    this.status = 'preparing';
    let index: PlayIndex;
    try {
      index = await session.preparePlay(FILE_FRAGMENT_SECONDS);
    } catch (e) {
      this.fail({ text: `Nothing to play: ${e instanceof Error ? e.message : String(e)}`, segment: -1, packet: -1 });
      return false;
    }
    if (this.disposed) return false;
    this.index = index;
    this.notes = index.skipped;
    this.map = new TimeMap(index, packets);
    const refused = unsupportedCodecs(index);
    if (refused.length) {
      this.refuse(refused);
      return false;
    }
    this.source = new FileSource(index, (i) => session.playSegment(i));
    this.listen(video);
    const hls = new Hls({
      loader: memoryLoader(this.source),
      // hls.js's ESM build has no worker bundle: it transmuxes inline (fMP4 passes through untouched).
      enableWorker: false,
      startPosition: 0,
      maxBufferLength: 30,
      appendErrorMaxRetry: 0,
    });
    this.hls = hls;
    hls.on(Events.INIT_PTS_FOUND, (_e, data) => {
      // One offset per discontinuity; a file's generations share the remux timeline, so the first holds.
      if (this.offset === null) this.offset = data.initPTS / data.timescale;
      if (this.pendingSeek >= 0) this.seekToPacket(this.pendingSeek);
    });
    hls.on(Events.ERROR, (_e, data) => this.onHlsError(data));
    hls.loadSource(PLAYLIST_URL);
    hls.attachMedia(video);
    this.status = 'ready';
    return true;
  }

  private listen(video: HTMLVideoElement): void {
    video.addEventListener('timeupdate', () => (this.time = video.currentTime));
    video.addEventListener('durationchange', () => (this.duration = Number.isFinite(video.duration) ? video.duration : 0));
    video.addEventListener('play', () => {
      this.paused = false;
      this.engaged = true;
    });
    video.addEventListener('pause', () => {
      this.paused = true;
      if (this.lastMediaTime >= 0) this.showFrame(this.lastMediaTime, true);
    });
    video.addEventListener('seeked', () => {
      this.time = video.currentTime;
      if (!this.index?.tracks.some((t) => t.kind === 'video')) this.showFrame(video.currentTime, true);
    });
    video.addEventListener('error', () => this.onMediaError(video));
    const frame = (_now: number, meta: VideoFrameCallbackMetadata): void => {
      if (this.disposed) return;
      this.showFrame(meta.mediaTime, video.paused);
      this.frameCallback = video.requestVideoFrameCallback(frame);
    };
    this.frameCallback = video.requestVideoFrameCallback(frame);
    // Audio only: no frames are presented, so time updates move the mapped sample.
    video.addEventListener('timeupdate', () => {
      if (!this.index?.tracks.some((t) => t.kind === 'video')) this.showFrame(video.currentTime, video.paused);
    });
  }

  /**
   * The frame presented at media time `t`: maps it to its sample. Once playback settles (paused, stepped,
   * seeked, ended) the shared selection moves to it too; during playback only the control bar follows,
   * because each selection opens the sample in the tree and redraws the views, which drops frames.
   */
  private showFrame(t: number, settled: boolean): void {
    this.lastMediaTime = t;
    if (!this.map || this.offset === null) return;
    const packet = this.map.packetAt(t + this.offset);
    if (packet < 0) return;
    // During playback the control bar's sample number changes a few times a second, not every frame:
    // each change is a style and paint pass, and with software compositing that costs frames.
    const now = performance.now();
    if (settled || now - this.lastShown >= SHOW_MS) {
      this.packet = packet;
      this.lastShown = now;
    }
    // The first frame on screen before anyone played or chose anything leaves the selection alone.
    if (!settled || !this.engaged || this.doc.selection.packet === packet) return;
    if (this.seekingToSelection) {
      // The frame a chosen sample (an audio one, say) brought up: the choice stays the person's.
      this.seekingToSelection = false;
      return;
    }
    this.doc.selectPacket(packet);
    this.ownReveal = this.doc.selection.reveal;
  }

  /** The shared selection changed: seek to the chosen sample unless this player chose it. */
  follow(packet: number, reveal: number): void {
    if (reveal === this.ownReveal || packet < 0 || packet === this.packet) return;
    this.seekingToSelection = true;
    if (this.hls) this.seekToPacket(packet);
    else void this.ensurePrepared().then((ok) => ok && this.seekToPacket(packet));
  }

  seekToPacket(packet: number): void {
    const video = this.video;
    const t = this.map?.timeOf(packet) ?? Number.NaN;
    if (!video || Number.isNaN(t)) return;
    if (this.offset === null) {
      this.pendingSeek = packet;
      return;
    }
    this.pendingSeek = -1;
    video.currentTime = Math.max(0, t - this.offset + SEEK_NUDGE);
  }

  /** Pauses and shows the frame `step` frames away (presentation order). */
  step(step: number): void {
    if (!this.hls) {
      void this.ensurePrepared().then((ok) => ok && this.step(step));
      return;
    }
    const video = this.video;
    this.seekingToSelection = false;
    if (!video || !this.map) return;
    video.pause();
    this.engaged = true;
    // Just prepared, before hls.js gave the time offset: steps count from before the first frame.
    const from = this.packet >= 0 ? this.map.timeOf(this.packet) : this.offset !== null ? video.currentTime + this.offset : -Infinity;
    const target = this.map.stepFrom(from, step);
    if (target >= 0) this.seekToPacket(target);
  }

  toggle(): void {
    const video = this.video;
    if (!video || this.status !== 'ready') return;
    if (!this.hls) void this.ensurePrepared().then((ok) => (ok ? video.play().catch(() => {}) : undefined));
    else if (video.paused) void video.play().catch(() => {});
    else video.pause();
  }

  private onHlsError(data: ErrorData): void {
    const append = data.details === ErrorDetails.BUFFER_APPEND_ERROR || data.details === ErrorDetails.FRAG_PARSING_ERROR;
    if (!append && !data.fatal) return;
    const segment = segmentOfUri(data.frag?.url ?? '');
    this.fail(this.traceSegment(segment, `${data.details}${data.error?.message ? ` (${data.error.message})` : ''}`));
  }

  private onMediaError(video: HTMLVideoElement): void {
    const e = video.error;
    if (!e || this.status === 'failed') return;
    const names = ['', 'aborted', 'network', 'decode', 'source not supported'];
    const what = `MediaError ${e.code} (${names[e.code] ?? 'unknown'})${e.message ? `: ${e.message}` : ''}`;
    const packet = this.map && this.offset !== null ? this.map.packetAt(video.currentTime + this.offset) : -1;
    const segment = packet >= 0 ? (this.map?.segmentOf(packet) ?? -1) : -1;
    // The decoder runs ahead of the frame on screen: the fault is in that fragment, at or after the sample.
    const traced = this.traceSegment(segment, what);
    this.fail(traced.packet >= 0 ? traced : { text: `${what} at ${video.currentTime.toFixed(3)} s`, segment, packet });
  }

  /** Names the fragment and, when its bytes show it, the sample that broke it. */
  traceSegment(segment: number, what: string): PlayError {
    const seg = this.index?.segments[segment];
    if (!seg || !this.index) return { text: what, segment: -1, packet: -1 };
    const bytes = this.source?.recent.get(segment);
    const fault = bytes && this.index.mode === 'fmp4' ? findSampleFault(bytes, this.index.tracks) : null;
    const first = seg.packets[0] ?? -1;
    const last = seg.packets[seg.packets.length - 1] ?? -1;
    const where = `fragment ${seg.sequenceNumber} (seg-${segment}, samples ${Math.min(first, last)}–${Math.max(first, last)})`;
    if (fault) {
      const packet = seg.packets[fault.position] ?? first;
      return { text: `${what} in ${where}: sample ${packet} is broken: ${fault.reason}.`, segment, packet };
    }
    return { text: `${what} in ${where}; its samples look well formed.`, segment, packet: first };
  }

  private fail(error: PlayError): void {
    if (this.status === 'failed') return;
    this.error = error;
    this.message = error.text;
    this.status = 'failed';
    this.hls?.stopLoad();
  }

  dispose(): void {
    this.disposed = true;
    if (this.video && this.frameCallback) this.video.cancelVideoFrameCallback(this.frameCallback);
    this.hls?.destroy();
    this.hls = null;
    this.video = null;
  }
}
