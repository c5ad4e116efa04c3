import { describe, expect, it } from 'vitest';
import { parseIsoBmff } from '../../../../media/formats/isobmff/parse-isobmff.js';
import { collectDiagnostics } from '../../../../media/model/json.js';
import type { Node } from '../../../../media/model/types.js';
import { MemorySource } from '../../../../media/source/memory-source.js';
import { ascii, box, boxWithSize, u32, u64 } from '../../../helpers/bytes.js';

async function parse(bytes: number[]) {
  return parseIsoBmff(new MemorySource(Uint8Array.from(bytes)));
}

function codes(tree: Node[]): string[] {
  return collectDiagnostics(tree).map((d) => d.code);
}

describe('ISO-BMFF walker on bad sizes (DESIGN.md item 1)', () => {
  it('a size-0 box that is not last extends to the end of its container and swallows what follows', async () => {
    const bytes = [...box('ftyp', ascii('isom\0\0\0\0')), ...boxWithSize(0, 'free', [1, 2, 3]), ...box('moov')];
    const { tree } = await parse(bytes);
    expect(tree.map((n) => n.name)).toEqual(['ftyp', 'free']);
    expect(tree[1]!.end).toBe(bytes.length);
  });

  it.each([1, 2, 3, 4, 5, 6, 7])('size %i (smaller than a header) stops the walk with a diagnostic', async (size) => {
    const bytes = [...box('ftyp', ascii('isom\0\0\0\0')), ...boxWithSize(size, 'moov', new Array(24).fill(0))];
    const { tree } = await parse(bytes);
    expect(tree[0]!.name).toBe('ftyp');
    const all = codes(tree);
    // size 1 means "largesize follows": here the largesize is 0, also too small
    expect(all).toContain('box-size-too-small');
    expect(tree.at(-1)!.name === 'unreadable' || tree.length === 2).toBe(true);
  });

  it('a 64-bit size beyond the file is clamped with a diagnostic', async () => {
    const bytes = [...u32(1), ...ascii('free'), ...u64(1000n), 0, 0, 0, 0];
    const { tree } = await parse(bytes);
    expect(tree[0]!.end).toBe(bytes.length);
    expect(codes(tree)).toContain('box-overflows-parent');
  });

  it('a 64-bit size beyond 2^53 is reported, not trusted', async () => {
    const bytes = [...u32(1), ...ascii('moov'), ...u64(2n ** 60n), ...box('free')];
    const { tree } = await parse(bytes);
    expect(codes(tree).some((c) => c === 'box-size-too-large' || c === 'box-overflows-parent')).toBe(true);
    expect(tree[0]!.end).toBeLessThanOrEqual(bytes.length);
  });

  it('an mdat (kept as a range) that claims more than the file is clamped', async () => {
    const bytes = [...boxWithSize(1_000_000, 'mdat', [1, 2, 3, 4])];
    const { tree } = await parse(bytes);
    expect(tree[0]!.end).toBe(bytes.length);
    expect(codes(tree)).toContain('box-overflows-parent');
  });

  it('trailing bytes too short for a header are shown, not dropped', async () => {
    const bytes = [...box('free'), 0, 0, 1];
    const { tree } = await parse(bytes);
    expect(tree.at(-1)!.name).toBe('trailing bytes');
    expect(codes(tree)).toContain('trailing-bytes');
  });
});

describe('ISO-BMFF nesting (DESIGN.md item 2)', () => {
  it('a child running past its parent is clamped to the parent', async () => {
    const inner = boxWithSize(64, 'trak', new Array(8).fill(0));
    const bytes = [...box('moov', inner), ...box('free')];
    const { tree } = await parse(bytes);
    const moov = tree[0]!;
    expect(moov.children[0]!.end).toBe(moov.end);
    expect(codes(tree)).toContain('box-overflows-parent');
    expect(tree[1]!.name).toBe('free');
  });

  it('10,000 nested containers end in a diagnostic, not a stack overflow', async () => {
    const depth = 10_000;
    const bytes: number[] = [];
    for (let i = 0; i < depth; i++) bytes.push(...u32((depth - i) * 8), ...ascii('moov')); // each moov holds the rest
    const { tree } = await parse(bytes);
    expect(codes(tree)).toContain('nesting-too-deep');
  });

  it('an unknown box becomes an opaque node with an info diagnostic', async () => {
    const { tree } = await parse(box('zzzz', [1, 2, 3]));
    expect(tree[0]!.name).toBe('zzzz');
    expect(tree[0]!.diagnostics[0]).toMatchObject({ severity: 'info', code: 'unknown-box' });
  });
});
