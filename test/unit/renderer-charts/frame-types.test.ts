import { describe, expect, it } from 'vitest';
import { FrameType, frameTypeCounts, frameTypes } from '../../../renderer/src/lib/charts/frame-types.js';
import { splitTracks } from '../../../renderer/src/lib/charts/track-series.js';
import { openFixture, probePictTypes } from './open-fixture.js';

const LETTER = ['I', 'P', 'B'] as const;

/** Our types in presentation order (sorted by PTS), as letters, to set beside ffprobe's decoded frames. */
async function typesInPresentationOrder(name: string): Promise<string[]> {
  const doc = await openFixture(name);
  const video = splitTracks(doc.packets, doc.tracks).find((s) => s.kind === 'video')!;
  const order = Array.from(video.pts.keys()).sort((a, b) => video.pts[a]! - video.pts[b]!);
  return order.map((k) => LETTER[video.frameType![k]!]!);
}

describe('frame types from PTS reordering', () => {
  it('hand-made decode order I P B B P B B: B where PTS is below the highest PTS so far', () => {
    // Decode order with presentation times: I0 P3 B1 B2 P6 B4 B5.
    const pts = Float64Array.of(0, 3, 1, 2, 6, 4, 5);
    const key = Uint8Array.of(1, 0, 0, 0, 0, 0, 0);
    expect(Array.from(frameTypes(pts, key))).toEqual([0, 1, 2, 2, 1, 2, 2]);
  });

  it('B pyramid: reference B pictures are reordered too', () => {
    // I0 P4 Bref2 b1 b3: the reference B (PTS 2) comes after P4 in decode order.
    const pts = Float64Array.of(0, 4, 2, 1, 3);
    expect(Array.from(frameTypes(pts, Uint8Array.of(1, 0, 0, 0, 0)))).toEqual([FrameType.I, FrameType.P, FrameType.B, FrameType.B, FrameType.B]);
  });

  it('a keyframe whose PTS goes back (a timestamp reset) starts counting afresh', () => {
    const pts = Float64Array.of(100, 101, 102, 0, 1, 2);
    expect(Array.from(frameTypes(pts, Uint8Array.of(1, 0, 0, 1, 0, 0)))).toEqual([0, 1, 1, 0, 1, 1]);
  });

  it('counts', () => {
    expect(frameTypeCounts(Uint8Array.of(0, 1, 2, 2, 1, 2))).toEqual([1, 2, 3]);
  });

  // ffprobe decodes every frame and reports the slice type: the reordering rule must agree on the corpus.
  for (const name of ['avc-high-bframes-faststart.mp4', 'avc-high-bframes.flv', 'avc-baseline-aac.mp4', 'avc-main-aac-fragmented.mp4', 'hevc.mp4']) {
    it(`${name}: every frame's type equals ffprobe's pict_type`, async () => {
      const ours = await typesInPresentationOrder(name);
      const theirs = probePictTypes(name);
      expect(ours.length).toBe(theirs.length);
      expect(ours.join('')).toBe(theirs.join(''));
    });
  }

  it('avc-high-bframes-faststart.mp4: 3 I, 22 P, 35 B out of 60', async () => {
    const doc = await openFixture('avc-high-bframes-faststart.mp4');
    const video = splitTracks(doc.packets, doc.tracks).find((s) => s.kind === 'video')!;
    expect(frameTypeCounts(video.frameType!)).toEqual([3, 22, 35]);
  });
});
