import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBoxes } from './entry-bytes.js';
import { hexBytes, u32, uuidBox, fullBox, box, ascii, zeros } from '../../../../helpers/bytes.js';

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The bytes of every stsd box in a file (found by walking the containers on the way). */
function stsdBoxes(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const containers = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl']);
  const walk = (from: number, to: number): void => {
    let at = from;
    while (at + 8 <= to) {
      const size = new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0);
      const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
      if (size < 8 || at + size > to) return;
      if (type === 'stsd') out.push(bytes.slice(at, at + size));
      if (containers.has(type)) walk(at + 8, at + size);
      at += size;
    }
  };
  walk(0, bytes.length);
  return out;
}

const FIXTURES = ['avc-baseline-aac.mp4', 'hevc.mp4', 'smooth.ismv'];

describe('sample descriptions with damaged bytes never throw', () => {
  for (const file of FIXTURES) {
    it(`${file}: random byte changes and every cut of each stsd`, async () => {
      const bytes = new Uint8Array(readFileSync(new URL(`../../../../fixtures/${file}`, import.meta.url)));
      const next = random(file.length);
      for (const stsd of stsdBoxes(bytes)) {
        const limit = Math.min(stsd.length, 400); // the hevc record's x265 SEI is 2 KB of text
        for (let cut = 0; cut <= limit; cut += 3) await parseBoxes([...stsd.subarray(0, cut)], { handler: 'vide' });
        for (let round = 0; round < 200; round++) {
          const copy = [...stsd];
          for (let k = 0; k < 3; k++) copy[16 + Math.floor(next() * (limit - 16))] = Math.floor(next() * 256);
          const { nodes } = await parseBoxes(copy, { handler: round % 2 ? 'vide' : 'soun' });
          expect(nodes.length).toBeGreaterThan(0);
        }
      }
    });
  }

  it('protection boxes: random byte changes', async () => {
    const samples = [
      fullBox('senc', 0, 2, [...u32(2), ...zeros(16), 0, 1, 0, 5, 0, 0, 0, 9, ...zeros(16), 0, 0]),
      fullBox('tenc', 1, 0, [0, 0x19, 1, 0, ...zeros(16), 16, ...zeros(16)]),
      fullBox('pssh', 1, 0, [...zeros(16), ...u32(1), ...zeros(16), ...u32(2), 1, 2]),
      uuidBox('a2394f525a9b4f14a2446c427c648df4', 0, 3, [0, 0, 1, 8, ...zeros(16), ...u32(1), ...zeros(8), 0, 1, 0, 1, 0, 0, 0, 1]),
      fullBox('esds', 0, 0, hexBytes('0380808025000200048080801740150000000000fa000000fa000580808005121056e500068080800102')),
      box('colr', [...ascii('nclx'), 0, 1, 0, 1, 0, 1, 0x80]),
    ];
    const next = random(7);
    for (const sample of samples) {
      for (let round = 0; round < 300; round++) {
        const copy = [...sample];
        for (let k = 0; k < 2; k++) copy[8 + Math.floor(next() * (copy.length - 8))] = Math.floor(next() * 256);
        await parseBoxes(copy, { trackId: round % 3 === 0 ? 1 : undefined });
      }
    }
  });
});
