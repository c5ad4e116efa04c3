import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IsoBmffIncremental, parseIsoBmff } from '../../media/formats/isobmff/parse-isobmff.js';
import { nodeToJson } from '../../media/model/json.js';
import type { Node } from '../../media/model/types.js';
import { GrowingSource } from '../../media/source/growing-source.js';
import { MemorySource } from '../../media/source/memory-source.js';
import { ascii, u32, u64 } from '../helpers/bytes.js';
import { fixtureBytes } from '../helpers/fixtures.js';

const TYPES = ['moov', 'trak', 'mdia', 'minf', 'stbl', 'stsd', 'stsz', 'stco', 'stts', 'ctts', 'moof', 'traf', 'trun', 'tfhd', 'mdat', 'free', 'ftyp', 'avc1', 'avcC', 'esds', 'elst', 'uuid', 'zzzz'];

/**
 * Boxes whose size comes from the values that break walkers ({0, 1, 7, 8, 0xFFFFFFFF}) or from
 * the true size, with real box types and a random body: raw random bytes would rarely reach a box parser.
 */
const boxArb: fc.Memo<number[]> = fc.memo((depth) =>
  fc
    .record({
      type: fc.constantFrom(...TYPES),
      sizeKind: fc.constantFrom('true', 'true', 'true', '0', '1', '7', '8', 'max', 'any', 'large'),
      any: fc.integer({ min: 0, max: 4096 }),
      body: depth > 1 ? fc.oneof(fc.uint8Array({ maxLength: 48 }).map((a) => [...a]), fc.array(boxArb(depth - 1), { maxLength: 3 }).map((l) => l.flat())) : fc.uint8Array({ maxLength: 48 }).map((a) => [...a]),
    })
    .map(({ type, sizeKind, any, body }) => {
      const trueSize = 8 + body.length;
      if (sizeKind === 'large') return [...u32(1), ...ascii(type), ...u64(BigInt(trueSize + 8 + any)), ...body];
      const size = { true: trueSize, '0': 0, '1': 1, '7': 7, '8': 8, max: 0xffffffff, any }[sizeKind]!;
      return [...u32(size), ...ascii(type), ...body];
    }),
);

const fileArb = fc.array(boxArb(4), { minLength: 1, maxLength: 5 }).map((l) => Uint8Array.from(l.flat()));

function checkBounds(nodes: Node[], start: number, end: number): void {
  for (const n of nodes) {
    expect(n.start).toBeGreaterThanOrEqual(start);
    expect(n.end).toBeLessThanOrEqual(end);
    for (const d of n.diagnostics) expect(d.end).toBeLessThanOrEqual(end);
    checkBounds(n.children, n.start, n.end);
  }
}

describe('ISO-BMFF parser properties', () => {
  it('never throws, and every node stays inside its parent and the file', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, async (bytes) => {
        const { tree } = await parseIsoBmff(new MemorySource(bytes));
        checkBounds(tree, 0, bytes.length);
      }),
      { numRuns: 400 },
    );
  });

  it('the same bytes in random chunkings give the same tree as the whole file', async () => {
    const file = fixtureBytes('avc-main-aac-fragmented.mp4');
    const whole = (await parseIsoBmff(new MemorySource(file))).tree.map(nodeToJson);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 20000 }), { minLength: 1, maxLength: 40 }), async (cuts) => {
        const source = new GrowingSource();
        const reader = new IsoBmffIncremental();
        let at = 0;
        for (const c of cuts) {
          if (at >= file.length) break;
          source.append(file.subarray(at, Math.min(file.length, at + c)));
          at += c;
          await reader.advance(source);
        }
        if (at < file.length) source.append(file.subarray(at));
        source.end();
        await reader.advance(source);
        expect(reader.tree.map(nodeToJson)).toEqual(whole);
      }),
      { numRuns: 25 },
    );
  });
});
