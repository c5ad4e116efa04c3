/**
 * The live player's time map: the frames a session delivered (video, or audio when there is no video), by
 * presentation time in ms as RTMP gives them, with when the server received each one (its wall clock) and
 * when this page did. The frame on screen is found from the video's media time, so the player can say how
 * far it is behind the newest frame and behind the server. Bounded to the newest FRAMES_KEPT frames.
 */

export interface LiveFrame {
  /** Presentation time, ms. */
  pts: number;
  /** Server wall clock (ms since the epoch) when the frame's last byte arrived, when known. */
  serverAt: number | undefined;
  /** Page wall clock (ms since the epoch) when the frame reached the player. */
  receivedAt: number;
}

/** A minute at 30 fps, more than any live window the player holds. */
export const FRAMES_KEPT = 1800;
/** Media times come back rounded to the microsecond; RTMP times are whole ms. */
const EPSILON_MS = 0.5;

export class LiveFrames {
  /** Sorted by pts (frames arrive in decode order: a B-frame slots in a little before the end). */
  private frames: LiveFrame[] = [];

  get size(): number {
    return this.frames.length;
  }

  add(frame: LiveFrame): void {
    const f = this.frames;
    let at = f.length;
    while (at > 0 && f[at - 1]!.pts > frame.pts) at--;
    if (at > 0 && f[at - 1]!.pts === frame.pts) f[at - 1] = frame;
    else f.splice(at, 0, frame);
    if (f.length > FRAMES_KEPT) f.splice(0, f.length - FRAMES_KEPT);
  }

  /** The frame with the largest presentation time. */
  newest(): LiveFrame | undefined {
    return this.frames[this.frames.length - 1];
  }

  /** The frame shown at presentation time `pts` ms: the last one that starts at or before it. */
  at(pts: number): LiveFrame | undefined {
    const f = this.frames;
    let lo = 0;
    let hi = f.length - 1;
    let found: LiveFrame | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (f[mid]!.pts <= pts + EPSILON_MS) {
        found = f[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  clear(): void {
    this.frames = [];
  }
}
