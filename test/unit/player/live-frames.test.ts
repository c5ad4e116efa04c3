// The live player's time map: frames by RTMP presentation time (B-frames arrive out of order), the frame
// shown at a media time, the newest, and the bound on what it keeps.
import { describe, expect, it } from 'vitest';
import { FRAMES_KEPT, LiveFrames } from '../../../renderer/src/lib/player/live-frames.js';

const frame = (pts: number) => ({ pts, serverAt: 1_000_000 + pts, receivedAt: 1_000_030 + pts });

describe('live frames', () => {
  it('finds the frame on screen at a presentation time, with B-frames arriving out of order', () => {
    const f = new LiveFrames();
    // Decode order I P B B at 30 fps: pts 0, 100, 33, 67.
    for (const pts of [0, 100, 33, 67]) f.add(frame(pts));
    expect(f.newest()?.pts).toBe(100);
    expect(f.at(0)?.pts).toBe(0);
    expect(f.at(32.9)?.pts).toBe(33); // within half a ms: media times come back rounded
    expect(f.at(50)?.pts).toBe(33);
    expect(f.at(99)?.pts).toBe(67);
    expect(f.at(5000)?.pts).toBe(100);
    expect(f.at(-10)).toBeUndefined();
    expect(f.at(40)?.serverAt).toBe(1_000_033);
  });

  it('replaces a repeated time and keeps the newest FRAMES_KEPT', () => {
    const f = new LiveFrames();
    f.add(frame(0));
    f.add({ ...frame(0), serverAt: undefined });
    expect(f.size).toBe(1);
    expect(f.at(0)?.serverAt).toBeUndefined();
    for (let i = 1; i <= FRAMES_KEPT + 10; i++) f.add(frame(i * 33));
    expect(f.size).toBe(FRAMES_KEPT);
    expect(f.at(0)).toBeUndefined();
    expect(f.newest()?.pts).toBe((FRAMES_KEPT + 10) * 33);
  });
});
