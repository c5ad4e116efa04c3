// The live document's bounded tree: nodes cross without `data`, byte values copied; dropping old nodes moves paths and keys.
import { describe, expect, it } from 'vitest';
import { newNode, type Node } from '../../../media/model/types.js';
import { collectDiagnostics, dropCount, shiftKeys, shiftPath, wireNode } from '../../../renderer/src/lib/live/live-tree.js';

describe('live tree', () => {
  it('wireNode drops data and copies byte values out of their big buffers', () => {
    const buffer = new Uint8Array(65536);
    const node: Node = newNode('message', 'connect', 10, 20);
    node.data = { payload: buffer };
    node.fields.push({ name: 'random', bitOffset: 80, bitLength: 32, value: buffer.subarray(100, 104) });
    node.children.push(newNode('chunk', 'chunk cs 3', 10, 22));
    const wire = wireNode(node);
    expect(wire.data).toBeUndefined();
    expect((wire.fields[0]!.value as Uint8Array).buffer.byteLength).toBe(4);
    expect(wire.children[0]!.name).toBe('chunk cs 3');
  });

  it('collectDiagnostics gives each diagnostic its node path from the first index on', () => {
    const a = newNode('message', 'a', 0, 5);
    const child = newNode('tag', 't', 1, 5);
    child.diagnostics.push({ severity: 'error', code: 'x', message: 'x', start: 1, end: 2 });
    a.children.push(child);
    expect(collectDiagnostics([a], 7).map((e) => e.node)).toEqual([[7, 0]]);
  });

  it('drops in steps, keeps the pinned nodes, and moves paths and keys', () => {
    // 5 pinned, 110 more, limit 100: drop 10 + a tenth of the limit = 20.
    expect(dropCount(115, 5, 100)).toBe(20);
    expect(dropCount(105, 5, 100)).toBe(0);
    expect(shiftPath([3, 1], 5, 20)).toEqual([3, 1]);
    expect(shiftPath([10, 0], 5, 20)).toBeUndefined();
    expect(shiftPath([30, 2], 5, 20)).toEqual([10, 2]);
    expect([...shiftKeys(new Set(['4', '12', '40', '40.1', '40/0.2', '-1']), 5, 20)].sort()).toEqual(['-1', '20', '20.1', '20/0.2', '4'].sort());
  });
});
