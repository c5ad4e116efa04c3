/**
 * The player of a live session (road 3 "Live", b): the session's frames (LiveDocument.onMedia) become an
 * LL-HLS playlist in memory (LivePlaySource), which hls.js plays through the memory loader. The frame on
 * screen maps back to its RTMP time through hls.js's time offset, which gives the latency readout: how far
 * the shown frame is behind the newest frame received, and behind the server's clock when it arrived.
 * Each presented frame is also announced on the video element as a `bitlens-live-frame` event
 * (LiveFrameDetail) for tests and the latency benchmark.
 */
import Hls, { ErrorDetails, Events, type ErrorData, type HlsConfig } from 'hls.js';
import type { LiveDocument } from '../live/live-document.svelte.js';
import type { LiveMediaItem } from '../live/live-protocol.js';
import { LiveFrames } from './live-frames.js';
import { LivePlaySource } from './live-play-source.js';
import type { LivePreset } from './live-presets.js';
import { memoryLoader, PLAYLIST_URL } from './memory-loader.js';
import { codecName } from './codec-names.js';

export type LivePlayerStatus = 'waiting' | 'playing' | 'unsupported' | 'failed' | 'ended';

/** What a `bitlens-live-frame` event carries: one presented frame, times in ms. */
export interface LiveFrameDetail {
  /** The frame's RTMP presentation time. */
  pts: number;
  /** Page wall clock (ms since the epoch) when the frame is shown (expectedDisplayTime). */
  shownAt: number;
  /** Server wall clock when its last byte arrived (same machine for the web host on localhost and Electron). */
  serverAt: number | undefined;
  /** Page wall clock when it reached the player. */
  receivedAt: number;
  /** Presentation time of the newest frame received, at that moment. */
  newestPts: number;
}

export const LIVE_FRAME_EVENT = 'bitlens-live-frame';
/** How often the readout changes (each change is a paint). */
const READOUT_MS = 250;
/** Segments the live playlist lists (10 minutes of 2 s GOPs: it slides rarely, see LiveOptions.keep). */
const WINDOW = 300;
/** Segments whose bytes the live playlist holds. */
const KEEP = 8;
/**
 * Catching up (LivePlayer.steer): hls.js changes the playback rate only with more than 1 s of buffer ahead,
 * which a sub-second target never has, so the player steers itself. Within DEADBAND_S of the target it plays
 * at 1x; further behind, a little faster (up to MAX_RATE); more than JUMP_S behind, it seeks.
 */
const DEADBAND_S = 0.1;
const MAX_RATE = 1.25;
const JUMP_S = 1.5;

const wallClock = (): number => performance.timeOrigin + performance.now();

export class LivePlayer {
  status = $state<LivePlayerStatus>('waiting');
  message = $state('');
  paused = $state(true);
  muted = $state(false);
  /** ms the frame on screen is behind the newest frame received (media time), null before the first frame. */
  behindNewest = $state<number | null>(null);
  /** ms between the server receiving the frame on screen and its display, when the server said when. */
  behindServer = $state<number | null>(null);
  private readonly source: LivePlaySource;
  private readonly frames = new LiveFrames();
  private hls: Hls | null = null;
  private video: HTMLVideoElement | null = null;
  private unsubscribe: (() => void) | null = null;
  /** Output time minus currentTime (seconds), from hls.js's INIT_PTS_FOUND. */
  private offset: number | null = null;
  /** The kind whose frames the time map follows: video when the session has it. */
  private frameKind: 'video' | 'audio' | null = null;
  private frameCallback = 0;
  private lastReadout = 0;
  private disposed = false;

  constructor(
    private readonly doc: LiveDocument,
    readonly preset: LivePreset,
  ) {
    this.source = new LivePlaySource({ partTarget: preset.partTarget, segmentTarget: 1, window: WINDOW, keep: KEEP });
  }

  attach(video: HTMLVideoElement): void {
    this.video = video;
    this.listen(video);
    this.unsubscribe = this.doc.onMedia((items) => this.take(items));
  }

  /** The publish ended: the playlist gets its end, and the video plays out what it holds. */
  end(): void {
    this.source.end();
  }

  toggle(): void {
    const video = this.video;
    if (!video || this.status !== 'playing') return;
    if (video.paused) this.play(video);
    else video.pause();
  }

  /** Back to the live edge after a pause or a stall. */
  goLive(): void {
    const video = this.video;
    const sync = this.hls?.liveSyncPosition;
    if (!video || sync === null || sync === undefined) return;
    video.currentTime = sync;
    this.play(video);
  }

  private take(items: LiveMediaItem[]): void {
    if (this.disposed || this.status === 'unsupported' || this.status === 'failed') return;
    for (const item of items) {
      if (item.type === 'description') {
        if (!this.supported(item.kind, item.description.codec)) return;
        if (item.kind === 'video' || this.frameKind === null) this.frameKind = item.kind;
      } else if (item.kind === this.frameKind) {
        this.frames.add({ pts: item.pts, serverAt: this.doc.serverTimeOf(item.end), receivedAt: wallClock() });
      }
    }
    this.source.push(items);
    if (!this.hls && this.source.started && this.video) this.start(this.video);
  }

  /** A codec this browser's MediaSource refuses stops the player with a plain sentence. */
  private supported(kind: 'video' | 'audio', codec: string): boolean {
    if (typeof MediaSource !== 'undefined' && MediaSource.isTypeSupported(`${kind}/mp4; codecs="${codec}"`)) return true;
    this.status = 'unsupported';
    this.message = `This browser cannot play ${codecName(codec)} (${codec}): MediaSource.isTypeSupported says no. The session's structure and bytes are all still here.`;
    this.stop();
    return false;
  }

  private start(video: HTMLVideoElement): void {
    const p = this.preset;
    const config: Partial<HlsConfig> = {
      loader: memoryLoader(this.source),
      // hls.js's ESM build has no worker bundle: it transmuxes inline (fMP4 passes through untouched).
      enableWorker: false,
      lowLatencyMode: p.lowLatencyMode,
      liveDurationInfinity: true,
      backBufferLength: 10,
      appendErrorMaxRetry: 0,
    };
    if (p.liveSyncDuration !== undefined) {
      Object.assign(config, {
        liveSyncDuration: p.liveSyncDuration,
        liveMaxLatencyDuration: p.liveSyncDuration + 2,
        // The player steers the rate itself (steer); after a stall aim only a little further back (hls.js adds 1 s).
        maxLiveSyncPlaybackRate: 1,
        liveSyncOnStallIncrease: 0.1,
      });
    }
    const hls = new Hls(config);
    this.hls = hls;
    hls.on(Events.INIT_PTS_FOUND, (_e, data) => (this.offset = data.initPTS / data.timescale));
    hls.on(Events.ERROR, (_e, data) => this.onHlsError(data));
    hls.loadSource(PLAYLIST_URL);
    hls.attachMedia(video);
    this.status = 'playing';
    this.play(video);
  }

  /** Plays with sound when the browser allows it, otherwise muted (autoplay rules). */
  private play(video: HTMLVideoElement): void {
    video.play().catch((e: unknown) => {
      if (this.disposed || !(e instanceof DOMException) || e.name !== 'NotAllowedError' || video.muted) return;
      video.muted = true;
      void video.play().catch(() => {});
    });
  }

  private listen(video: HTMLVideoElement): void {
    video.addEventListener('play', () => (this.paused = false));
    video.addEventListener('pause', () => (this.paused = true));
    video.addEventListener('volumechange', () => (this.muted = video.muted));
    video.addEventListener('ended', () => (this.status = 'ended'));
    video.addEventListener('error', () => this.onMediaError(video));
    const frame = (_now: number, meta: VideoFrameCallbackMetadata): void => {
      if (this.disposed) return;
      this.shown(video, meta);
      this.frameCallback = video.requestVideoFrameCallback(frame);
    };
    this.frameCallback = video.requestVideoFrameCallback(frame);
  }

  /** A frame is presented: which RTMP frame it is, and how late. */
  private shown(video: HTMLVideoElement, meta: VideoFrameCallbackMetadata): void {
    if (this.offset === null) return;
    const f = this.frames.at((meta.mediaTime + this.offset) * 1000);
    const newest = this.frames.newest();
    if (!f || !newest) return;
    this.steer(video, newest.pts / 1000 - this.offset - meta.mediaTime);
    const shownAt = performance.timeOrigin + meta.expectedDisplayTime;
    const detail: LiveFrameDetail = { pts: f.pts, shownAt, serverAt: f.serverAt, receivedAt: f.receivedAt, newestPts: newest.pts };
    video.dispatchEvent(new CustomEvent<LiveFrameDetail>(LIVE_FRAME_EVENT, { detail }));
    const now = performance.now();
    if (now - this.lastReadout < READOUT_MS) return;
    this.lastReadout = now;
    this.behindNewest = newest.pts - f.pts;
    this.behindServer = f.serverAt === undefined ? null : shownAt - f.serverAt;
  }

  /** Keeps the video `liveSyncDuration` behind the newest frame received (`behind`, seconds). */
  private steer(video: HTMLVideoElement, behind: number): void {
    const target = this.preset.liveSyncDuration;
    if (target === undefined || video.paused || video.seeking) return;
    const over = behind - target;
    if (over > JUMP_S) {
      const end = video.buffered.length ? video.buffered.end(video.buffered.length - 1) : video.currentTime;
      video.currentTime = Math.max(video.currentTime, end - target);
      return;
    }
    const rate = over > DEADBAND_S ? Math.min(MAX_RATE, 1 + over / 2) : over > 0 && video.playbackRate > 1 ? video.playbackRate : 1;
    // Rates step by 0.05 so small changes in `behind` do not touch the element every frame.
    const stepped = Math.round(rate * 20) / 20;
    if (stepped !== video.playbackRate) video.playbackRate = stepped;
  }

  private onHlsError(data: ErrorData): void {
    // Live hiccups (a part late, a buffer stall) are recovered by hls.js; only fatal ones and broken media stop.
    const broken = data.details === ErrorDetails.BUFFER_APPEND_ERROR || data.details === ErrorDetails.FRAG_PARSING_ERROR;
    if (!broken && !data.fatal) return;
    this.fail(`${data.details}${data.error?.message ? ` (${data.error.message})` : ''}`);
  }

  private onMediaError(video: HTMLVideoElement): void {
    const e = video.error;
    if (!e) return;
    const names = ['', 'aborted', 'network', 'decode', 'source not supported'];
    this.fail(`MediaError ${e.code} (${names[e.code] ?? 'unknown'})${e.message ? `: ${e.message}` : ''}`);
  }

  private fail(text: string): void {
    if (this.status === 'failed') return;
    this.status = 'failed';
    this.message = text;
    this.stop();
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.hls?.destroy();
    this.hls = null;
  }

  dispose(): void {
    this.disposed = true;
    if (this.video && this.frameCallback) this.video.cancelVideoFrameCallback(this.frameCallback);
    this.stop();
    this.frames.clear();
    this.video = null;
  }
}
