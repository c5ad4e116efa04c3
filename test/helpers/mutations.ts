/**
 * Damaged copies of real files, the same every run (fast-check samples with a fixed seed): cuts, flipped
 * bytes, 32-bit words set to 0, 1 or 0xFFFFFFFF, and (for ISO-BMFF) box sizes set to the values that break
 * readers: 0, 1, 7, 0xFFFFFFFF and one just above the size a reader loads whole (256 MiB).
 */
import fc from 'fast-check';

export interface Mutation {
  /** What was done, for a failing test's message. */
  label: string;
  bytes: Uint8Array;
}

/** Boxes that hold boxes: their children are damaged too. */
const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf', 'mvex', 'moof', 'traf', 'mfra', 'udta']);

/** Box sizes that break readers: zero (to the end) and one (64-bit size follows) where they do not belong, too small, too big. */
export const HOSTILE_BOX_SIZES = [0, 1, 7, 0xffffffff, 0x10000020] as const;

const fourcc = (b: Uint8Array, at: number): string => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
const u32 = (b: Uint8Array, at: number): number => new DataView(b.buffer, b.byteOffset).getUint32(at);

interface IsoBox {
  at: number;
  type: string;
  size: number;
}

/** Offsets and types of the ISO-BMFF boxes of `bytes` (containers opened), in file order. */
export function isoBoxes(bytes: Uint8Array, from = 0, to = bytes.length, out: IsoBox[] = []): IsoBox[] {
  let at = from;
  while (at + 8 <= to) {
    const size = u32(bytes, at);
    const type = fourcc(bytes, at + 4);
    if (size < 8 || at + size > to || !/^[\x20-\x7e]{4}$/.test(type)) break;
    out.push({ at, type, size });
    if (CONTAINERS.has(type)) isoBoxes(bytes, at + 8, at + size, out);
    at += size;
  }
  return out;
}

function withWord(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(at, value >>> 0);
  return copy;
}

/**
 * Where damage hurts most: the first bytes of every box but mdat (ISO-BMFF), else the file's first 4 KiB
 * (headers, sequence headers, tables). Damage lands there half the time, anywhere the other half.
 */
function structureOffsets(bytes: Uint8Array, boxes: readonly IsoBox[]): fc.Arbitrary<number> {
  const heads = boxes.filter((b) => b.type !== 'mdat' && b.size >= 8);
  if (heads.length === 0) return fc.integer({ min: 0, max: Math.max(0, Math.min(bytes.length, 4096) - 4) });
  return fc.tuple(fc.constantFrom(...heads), fc.integer({ min: 0, max: 63 })).map(([b, k]) => Math.min(b.at + (k % b.size), bytes.length - 4));
}

/** `count` damaged copies of `bytes`, the same for a given `seed`. */
export function mutations(bytes: Uint8Array, count: number, seed: number): Mutation[] {
  const size = bytes.length;
  const boxes = isoBoxes(bytes);
  const offset = fc.oneof(fc.integer({ min: 0, max: size - 4 }), structureOffsets(bytes, boxes));
  const damage = fc.oneof(
    fc.record({ kind: fc.constant('cut' as const), at: fc.oneof(fc.integer({ min: 0, max: size - 1 }), offset) }),
    fc.record({ kind: fc.constant('flip' as const), at: offset, run: fc.integer({ min: 1, max: 16 }), xor: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant('word' as const), at: offset, value: fc.constantFrom(0, 1, 0xffffffff) }),
    ...(boxes.length > 0 ? [fc.record({ kind: fc.constant('box-size' as const), box: fc.integer({ min: 0, max: boxes.length - 1 }), value: fc.constantFrom(...HOSTILE_BOX_SIZES) })] : []),
  );
  return fc.sample(damage, { numRuns: count, seed }).map((d): Mutation => {
    switch (d.kind) {
      case 'cut':
        return { label: `cut at ${d.at}`, bytes: bytes.slice(0, d.at) };
      case 'flip': {
        const copy = bytes.slice();
        for (let i = d.at; i < Math.min(size, d.at + d.run); i++) copy[i]! ^= d.xor;
        return { label: `${d.run} bytes at ${d.at} xor 0x${d.xor.toString(16)}`, bytes: copy };
      }
      case 'word':
        return { label: `word at ${d.at} = 0x${d.value.toString(16)}`, bytes: withWord(bytes, d.at, d.value) };
      case 'box-size': {
        const box = boxes[d.box]!;
        return { label: `'${box.type}' at ${box.at} size = 0x${d.value.toString(16)}`, bytes: withWord(bytes, box.at, d.value) };
      }
    }
  });
}
