// The live LL-HLS source: parts of ~0.2 s that may start between keyframes, segments that start at
// keyframes, exact durations, a sliding window, blocking reloads released by new frames, and a new
// generation (discontinuity, new map) when the decoder configuration changes.
import { describe, expect, it } from 'vitest';
import type { SampleDescription } from '../../../media/model/document-model.js';
import type { LiveMediaItem } from '../../../renderer/src/lib/live/live-protocol.js';
import { LivePlaySource } from '../../../renderer/src/lib/player/live-play-source.js';

const avc = (level: number): SampleDescription => ({ format: 'avc1', codec: `avc1.6400${level.toString(16)}`, config: new Uint8Array([1, 0x64, 0, level, 0xff, 0xe0, 0]), width: 1280, height: 720, nalLengthSize: 4 });

/** 30 fps video with a keyframe every 60 frames (2 s GOP), times in ms as RTMP gives them. */
function video(from: number, count: number): LiveMediaItem[] {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const t = Math.round((i * 1000) / 30);
    return { type: 'packet', track: 0, kind: 'video', dts: t, pts: t, keyframe: i % 60 === 0, data: new Uint8Array([0, 0, 0, 1, 0x65]), end: (i + 1) * 100 } as const;
  });
}

describe('the live playlist', () => {
  it('parts of at least 0.2 s, segments from keyframe to keyframe, exact durations', async () => {
    const src = new LivePlaySource({ partTarget: 0.2, segmentTarget: 1, window: 4 });
    src.push([{ type: 'description', track: 0, kind: 'video', description: avc(0x1f), timestamp: 0 }, ...video(0, 121)]);
    const text = await src.playlist({});
    // Two whole 2 s GOPs are segments 0 and 1; frame 120 (a keyframe) waits for its successor.
    expect(text).toContain('#EXT-X-MEDIA-SEQUENCE:0\n');
    const extinf = [...text.matchAll(/#EXTINF:([\d.]+),\nseg-(\d+)\.m4s/g)].map((m) => [Number(m[2]), Number(m[1])]);
    expect(extinf).toEqual([[0, 2], [1, 2]]);
    const parts = [...text.matchAll(/#EXT-X-PART:DURATION=([\d.]+),URI="part-0-(\d+)\.m4s"(,INDEPENDENT=YES)?/g)];
    expect(parts.length).toBe(10);
    expect(parts[0]![3]).toBe(',INDEPENDENT=YES');
    expect(parts.slice(1).every((p) => p[3] === undefined)).toBe(true);
    const sum = parts.reduce((n, p) => n + Number(p[1]), 0);
    expect(sum).toBeCloseTo(2, 9);
    for (const p of parts) expect(Number(p[1])).toBeGreaterThanOrEqual(0.2);
    expect(text).toContain('#EXT-X-MAP:URI="init-0.mp4"');
    expect(text).toContain('#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=0.6');
    expect(text).not.toContain('#EXT-X-ENDLIST');
    // A segment's bytes are its parts' bytes in order; each starts with a moof.
    const seg = await src.resource('seg-0.m4s');
    const first = await src.resource('part-0-0.m4s');
    expect(seg.subarray(0, first.length)).toEqual(first);
    expect(String.fromCharCode(...first.subarray(4, 8))).toBe('moof');
    expect(String.fromCharCode(...(await src.resource('init-0.mp4')).subarray(4, 8))).toBe('ftyp');
  });

  it('a blocking reload waits for the part asked for, and new frames release it', async () => {
    const src = new LivePlaySource({ partTarget: 0.2 });
    src.push([{ type: 'description', track: 0, kind: 'video', description: avc(0x1f), timestamp: 0 }, ...video(0, 3)]);
    let answered = '';
    const pending = src.playlist({ msn: 0, part: 0 }).then((t) => (answered = t));
    await new Promise((r) => setTimeout(r, 10));
    expect(answered).toBe('');
    src.push(video(3, 5)); // 7 settled frames: the first part (>= 0.2 s) is written
    await pending;
    expect(answered).toContain('URI="part-0-0.m4s",INDEPENDENT=YES');
    expect(answered).toContain('#EXT-X-PRELOAD-HINT:TYPE=PART,URI="part-0-1.m4s"');
  });

  it('the window slides, and a new configuration starts a new generation', async () => {
    const src = new LivePlaySource({ window: 4 });
    src.push([{ type: 'description', track: 0, kind: 'video', description: avc(0x1f), timestamp: 0 }, ...video(0, 300)]);
    src.push([{ type: 'description', track: 0, kind: 'video', description: avc(0x20), timestamp: 10000 }, ...video(300, 130)]);
    src.end();
    const text = await src.playlist({});
    expect(text).toContain('#EXT-X-ENDLIST');
    expect(text.match(/#EXTINF/g)).toHaveLength(4);
    // Generation 0: five 2 s segments (0-4); generation 1: 2 s, 2 s and the last 10 frames (5-7).
    expect(text).toContain('#EXT-X-MEDIA-SEQUENCE:4\n#EXT-X-DISCONTINUITY-SEQUENCE:0\n');
    // (The last frame before the change has no successor: it lasts as long as the one before, 34 ms.)
    expect([...text.matchAll(/#EXTINF:([\d.]+),/g)].map((m) => Number(m[1]))).toEqual([2.001, 2, 2, 0.333]);
    expect(text).toContain('#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI="init-1.mp4"');
    await expect(src.resource('init-1.mp4')).resolves.toBeInstanceOf(Uint8Array);
  });

  it('a long window lists every segment with its start time but holds the bytes of the newest `keep` only', async () => {
    const src = new LivePlaySource({ window: 50, keep: 2 });
    src.push([{ type: 'description', track: 0, kind: 'video', description: avc(0x1f), timestamp: 0 }, ...video(0, 301)]);
    const text = await src.playlist({});
    // Five finished 2 s segments, none slid out (hls.js loses its timeline when a low-latency window slides).
    expect(text).toContain('#EXT-X-MEDIA-SEQUENCE:0\n');
    expect(text.match(/#EXTINF/g)).toHaveLength(5);
    // Each starts with its first frame's time as a date (RTMP ms counted from the epoch): 0 s, 2 s ... 8 s.
    const dates = [...text.matchAll(/#EXT-X-PROGRAM-DATE-TIME:(\S+)/g)].map((m) => m[1]);
    expect(dates.slice(0, 5)).toEqual(['1970-01-01T00:00:00.000Z', '1970-01-01T00:00:02.000Z', '1970-01-01T00:00:04.000Z', '1970-01-01T00:00:06.000Z', '1970-01-01T00:00:08.000Z']);
    // Parts are listed for the last two finished segments (and the one in progress) only.
    expect(text).not.toContain('part-2-0.m4s');
    expect(text).toContain('part-3-0.m4s');
    // Segments 3 and 4 are held; 0-2 are lines only.
    await expect(src.resource('seg-4.m4s')).resolves.toBeInstanceOf(Uint8Array);
    await expect(src.resource('part-3-1.m4s')).resolves.toBeInstanceOf(Uint8Array);
    await expect(src.resource('seg-2.m4s')).rejects.toThrow(/no longer/);
    await expect(src.resource('part-2-0.m4s')).rejects.toThrow(/no longer/);
  });
});
