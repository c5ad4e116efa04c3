import { PacketTableBuilder } from '../../../model/document-model.js';
import type { TrackSamples } from './track-samples.js';

/**
 * Packets of every track in file order: a k-way merge by offset (each track is mostly in order), through
 * a binary heap of the tracks' next samples, so a file of thousands of tracks costs log(tracks) per
 * packet, not tracks. Equal offsets go to the lower track index.
 */
export function packetsInFileOrder(tracks: readonly TrackSamples[]): PacketTableBuilder {
  const total = tracks.reduce((n, s) => n + s.count, 0);
  const out = new PacketTableBuilder(total);
  const next = new Uint32Array(tracks.length);
  const heap: number[] = [];
  const key = (t: number): number => tracks[t]!.offset[next[t]!]!;
  const before = (a: number, b: number): boolean => key(a) < key(b) || (key(a) === key(b) && a < b);
  const up = (i: number): void => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) return;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let least = i;
      if (l < heap.length && before(heap[l]!, heap[least]!)) least = l;
      if (r < heap.length && before(heap[r]!, heap[least]!)) least = r;
      if (least === i) return;
      [heap[i], heap[least]] = [heap[least]!, heap[i]!];
      i = least;
    }
  };
  tracks.forEach((s, t) => {
    if (s.count === 0) return;
    heap.push(t);
    up(heap.length - 1);
  });
  while (heap.length > 0) {
    const t = heap[0]!;
    const s = tracks[t]!;
    const i = next[t]!++;
    out.push(t, s.dts[i]!, s.pts[i]!, s.offset[i]!, s.size[i]!, s.keyframe[i] === 1);
    if (next[t]! < s.count) {
      down(0);
    } else {
      heap[0] = heap[heap.length - 1]!;
      heap.pop();
      if (heap.length > 0) down(0);
    }
  }
  return out;
}
