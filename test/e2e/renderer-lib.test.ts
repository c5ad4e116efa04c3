// The window's pure logic (no browser): what to send of a big tree, tree rows, byte lookups, typed offsets and patterns, pasted text.
import { describe, expect, it } from 'vitest';
import { newNode, type Field, type Node } from '../../media/model/types.js';
import { fieldAtIn, nodePathIn } from '../../renderer/src/lib/doc-index.js';
import { parseOffset, parsePattern, formatCopy } from '../../renderer/src/lib/hex-tools.js';
import { readPaste } from '../../renderer/src/lib/paste.js';
import { filterTree, flattenTree } from '../../renderer/src/lib/tree-rows.js';
import { skeleton, diagnosticEntries } from '../../renderer/src/workers/skeleton.js';

function field(name: string, bitOffset: number, bitLength: number, value: Field['value'] = 0, fields?: Field[]): Field {
  const f: Field = { name, bitOffset, bitLength, value };
  if (fields) f.fields = fields;
  return f;
}

/** A box [0, 16) with size/type/flags and a child [8, 16) whose one byte at 8 holds two 4-bit fields. */
function sampleTree(): Node[] {
  const box = newNode('box', 'moov', 0, 16, 'Movie Box');
  box.fields.push(field('size', 0, 32, 16), field('type', 32, 32, 'moov'));
  const child = newNode('box', 'mvhd', 8, 16);
  child.fields.push(field('flags', 64, 8, 0x12, [field('high', 64, 4, 1), field('low', 68, 4, 2)]));
  child.diagnostics.push({ severity: 'warning', code: 'x', message: 'm', start: 8, end: 9 });
  box.children.push(child);
  return [box, newNode('box', 'mdat', 16, 32)];
}

describe('byte lookups', () => {
  it('finds the deepest node and the shortest field holding a byte', () => {
    const tree = sampleTree();
    expect(nodePathIn(tree, 8)).toEqual([0, 0]);
    expect(nodePathIn(tree, 20)).toEqual([1]);
    expect(fieldAtIn(tree, 8)).toEqual({ node: [0, 0], field: [0, 0] });
    // Byte 5 is in moov's header (type), not in the child.
    expect(fieldAtIn(tree, 5)).toEqual({ node: [0], field: [1] });
  });
});

describe('tree rows', () => {
  it('lists expanded nodes with their fields first, lazy stubs as expandable', () => {
    const rows = flattenTree(sampleTree(), new Set(['0']), new Set([1]));
    expect(rows.map((r) => (r.kind === 'node' ? r.node.name : r.kind === 'field' ? r.field.name : '…'))).toEqual(['moov', 'size', 'type', 'mvhd', 'mdat']);
    expect(rows[4]).toMatchObject({ kind: 'node', expandable: true });
  });

  it('filters by name and keeps the path to each match', () => {
    const { rows, matches } = filterTree(sampleTree(), 'LOW');
    expect(matches).toBe(1);
    expect(rows.map((r) => r.key)).toEqual(['0', '0.0', '0.0/0', '0.0/0.1']);
  });
});

describe('what the worker sends', () => {
  it('sends whole nodes within the budget and stubs after it', () => {
    const tree = sampleTree();
    const sent = skeleton(tree, 5);
    // moov costs 2 nodes + 5 fields = 7 > 5: it and everything after are stubs.
    expect(sent.lazy).toEqual([0, 1]);
    expect(sent.tree[0]).toMatchObject({ name: 'moov', start: 0, end: 16, fields: [], children: [] });
    expect(skeleton(tree, 100).lazy).toEqual([]);
  });

  it('lists every diagnostic with its node path', () => {
    expect(diagnosticEntries(sampleTree(), [])).toEqual([{ diagnostic: expect.objectContaining({ code: 'x' }), node: [0, 0] }]);
  });
});

describe('typed input', () => {
  it('reads offsets in hex, decimal and relative forms', () => {
    expect(parseOffset('0x1F', 0)).toBe(31);
    expect(parseOffset('4096', 0)).toBe(4096);
    expect(parseOffset('1fh', 0)).toBe(31);
    expect(parseOffset('+16', 100)).toBe(116);
    expect(parseOffset('zz', 0)).toBeNull();
  });

  it('reads search patterns as hex bytes or quoted text', () => {
    expect(parsePattern('00 00 03')).toEqual(new Uint8Array([0, 0, 3]));
    expect(parsePattern('"moov"')).toEqual(new Uint8Array([0x6d, 0x6f, 0x6f, 0x76]));
    expect(parsePattern('0')).toBeNull();
  });

  it('copies bytes as hex, a C array and base64', () => {
    const b = new Uint8Array([0x00, 0x1f, 0xff]);
    expect(formatCopy(b, 'hex')).toBe('00 1F FF');
    expect(formatCopy(b, 'c')).toBe('const unsigned char data[3] = {\n  0x00, 0x1f, 0xff,\n};');
    expect(formatCopy(b, 'base64')).toBe('AB//');
  });

  it('reads pasted text as bytes (media/paste reads the text; the worker recognises the bytes)', () => {
    expect(readPaste('00 1f A0')).toMatchObject({ bytes: new Uint8Array([0, 0x1f, 0xa0]), encoding: 'hex' });
    expect(readPaste('{ 0x17, 0x00, /* 0x99 */ 0x01 }')?.bytes).toEqual(new Uint8Array([0x17, 0, 1]));
    expect(readPaste('§ not bytes §')).toBeNull();
  });
});
