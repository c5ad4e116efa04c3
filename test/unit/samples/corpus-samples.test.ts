import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../media/detect.js';
import type { MediaDocument } from '../../../media/model/document-model.js';
import { ANNOTATE, BULK, type Node } from '../../../media/model/types.js';
import { expandSample } from '../../../media/samples/expand-sample.js';
import { MemorySource } from '../../../media/source/memory-source.js';

const CORPUS = [
  'avc-baseline-aac.mp4', 'avc-high-bframes-faststart.mp4', 'avc-main-aac-fragmented.mp4', 'smooth.ismv', 'smooth-audio.isma',
  'avc-high-bframes.flv', 'avc-aac.flv', 'hevc.mp4',
] as const;

async function open(name: string): Promise<{ doc: MediaDocument; bytes: Uint8Array }> {
  const bytes = new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));
  const source = new MemorySource(bytes);
  return { doc: await (await detectFormat(source, name))!.open(source, BULK), bytes };
}

const everyNode = (n: Node): Node[] => [n, ...n.children.flatMap(everyNode)];

describe('every sample of the corpus opens up', () => {
  for (const name of CORPUS) {
    it(`${name}: no diagnostics; NAL units tile each video sample`, async () => {
      const { doc, bytes } = await open(name);
      const source = new MemorySource(bytes);
      for (let i = 0; i < doc.packets.count; i++) {
        // Annotate some, so both reader modes run over every kind of sample.
        const sample = await expandSample(doc, source, i, i % 5 === 0 ? ANNOTATE : BULK);
        expect(everyNode(sample).flatMap((n) => n.diagnostics), `packet ${i}`).toEqual([]);
        expect(sample.children.length, `packet ${i}`).toBeGreaterThan(0);
        if (doc.tracks[doc.packets.track[i]!]!.kind !== 'video') continue;
        let at = sample.start;
        for (const nal of sample.children) {
          expect(nal.start).toBe(at);
          at = nal.end;
        }
        expect(at).toBe(sample.end);
      }
    });
  }
});

describe('damaged sample bytes never throw', () => {
  for (const name of ['avc-aac.flv', 'hevc.mp4', 'avc-high-bframes-faststart.mp4'] as const) {
    it(`${name}: random byte changes inside the first samples`, async () => {
      const { doc, bytes } = await open(name);
      let seed = 12345;
      const rand = (n: number): number => {
        seed = (seed * 1103515245 + 12345) >>> 0;
        return seed % n;
      };
      for (let round = 0; round < 150; round++) {
        const i = rand(Math.min(12, doc.packets.count));
        const damaged = bytes.slice();
        const at = doc.packets.offset[i]!;
        const size = doc.packets.size[i]!;
        for (let k = 0; k < 1 + rand(4); k++) damaged[at + rand(Math.min(size, 64))] = rand(256);
        const sample = await expandSample(doc, new MemorySource(damaged), i, round % 2 ? ANNOTATE : BULK);
        expect(sample.start).toBe(at);
      }
    });
  }
});
