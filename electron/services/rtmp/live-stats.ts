/**
 * Running statistics of a live session: received bitrate over a wall-clock window, frame rate over
 * a media-time window, keyframe interval, and the drift between the audio and video timestamps.
 */
import type { LiveStats } from '../../api.js';

const WINDOW_MS = 2000;

export class LiveStatsTracker {
  private bytes = 0;
  private mediaBytes = 0;
  private videoFrames = 0;
  private audioFrames = 0;
  private keyframes = 0;
  private firstTs: number | undefined;
  private lastTs: number | undefined;
  private lastVideo: number | undefined;
  private lastAudio: number | undefined;
  private lastKey: number | undefined;
  private keyInterval: number | undefined;
  /** [wall ms, bytes] of recent arrivals. */
  private readonly arrivals: Array<[number, number]> = [];
  /** Media timestamps of recent video frames. */
  private readonly frames: number[] = [];

  received(n: number, now: number): void {
    this.bytes += n;
    this.arrivals.push([now, n]);
    while (this.arrivals.length > 0 && this.arrivals[0]![0] < now - WINDOW_MS) this.arrivals.shift();
  }

  frame(kind: 'audio' | 'video', timestamp: number, size: number, keyframe: boolean): void {
    this.mediaBytes += size;
    this.firstTs = this.firstTs === undefined ? timestamp : Math.min(this.firstTs, timestamp);
    this.lastTs = this.lastTs === undefined ? timestamp : Math.max(this.lastTs, timestamp);
    if (kind === 'audio') {
      this.audioFrames++;
      this.lastAudio = timestamp;
      return;
    }
    this.videoFrames++;
    this.lastVideo = timestamp;
    this.frames.push(timestamp);
    while (this.frames.length > 1 && this.frames[0]! < timestamp - WINDOW_MS) this.frames.shift();
    if (keyframe) {
      this.keyframes++;
      if (this.lastKey !== undefined) this.keyInterval = timestamp - this.lastKey;
      this.lastKey = timestamp;
    }
  }

  snapshot(now: number): LiveStats {
    const recent = this.arrivals.filter(([t]) => t >= now - WINDOW_MS).reduce((n, [, b]) => n + b, 0);
    const span = this.frames.length > 1 ? this.frames[this.frames.length - 1]! - this.frames[0]! : 0;
    const stats: LiveStats = {
      bytes: this.bytes,
      mediaBytes: this.mediaBytes,
      videoFrames: this.videoFrames,
      audioFrames: this.audioFrames,
      keyframes: this.keyframes,
      durationMs: this.firstTs === undefined ? 0 : this.lastTs! - this.firstTs,
      bitrate: Math.round((recent * 8 * 1000) / WINDOW_MS),
      frameRate: span > 0 ? Math.round(((this.frames.length - 1) * 1000 * 100) / span) / 100 : 0,
    };
    if (this.keyInterval !== undefined) stats.keyframeIntervalMs = this.keyInterval;
    if (this.lastVideo !== undefined && this.lastAudio !== undefined) stats.avDriftMs = this.lastVideo - this.lastAudio;
    return stats;
  }
}
