import { describe, expect, it } from 'vitest';
import { parseIsoBmff } from '../../../media/formats/isobmff/parse-isobmff.js';
import type { Node } from '../../../media/model/types.js';
import { MemorySource } from '../../../media/source/memory-source.js';
import { loadMoreEntries } from '../../../renderer/src/workers/more-entries.js';
import { fixtureBytes } from '../../helpers/fixtures.js';

/** Path (child indices) of the first node named `name`. */
function pathOf(nodes: Node[], name: string, prefix: number[] = []): number[] | undefined {
  for (let i = 0; i < nodes.length; i++) {
    const here = [...prefix, i];
    if (nodes[i]!.name === name) return here;
    const inner = pathOf(nodes[i]!.children, name, here);
    if (inner) return inner;
  }
  return undefined;
}

function nodeAtPath(nodes: Node[], path: number[]): Node {
  let node = nodes[path[0]!]!;
  for (const i of path.slice(1)) node = node.children[i]!;
  return node;
}

describe('listing more entries of a long table', () => {
  it('reads the next window of the table again, at the same bits as a full read, and grows the listed field', async () => {
    const source = new MemorySource(fixtureBytes('avc-baseline-aac.mp4'));
    const full = (await parseIsoBmff(source)).tree;
    const cut = (await parseIsoBmff(source, { record: true, maxEntries: 10 })).tree;
    const path = pathOf(cut, 'stsz')!;
    const stsz = nodeAtPath(cut, path);
    const fieldIndex = stsz.fields.findIndex((f) => f.name === 'entry_size');
    const table = stsz.fields[fieldIndex]!;
    expect(table).toMatchObject({ value: 50, omitted: 40 });

    const next = await loadMoreEntries(cut, 'mp4', source, path, [fieldIndex], 15);
    const truth = nodeAtPath(full, pathOf(full, 'stsz')!).fields[fieldIndex]!.fields!;
    expect(next).toEqual(truth.slice(10, 25));
    expect(table.fields).toEqual(truth.slice(0, 25));
    expect(table.omitted).toBe(25);

    await loadMoreEntries(cut, 'mp4', source, path, [fieldIndex], 1000);
    expect(table.fields).toEqual(truth);
    expect(table.omitted).toBe(0);
    await expect(loadMoreEntries(cut, 'mp4', source, path, [fieldIndex], 10)).rejects.toThrow(/no table with entries left/);
  });

  it('refuses documents whose tables are not in boxes', async () => {
    const source = new MemorySource(fixtureBytes('avc-baseline-aac.mp4'));
    const cut = (await parseIsoBmff(source, { record: true, maxEntries: 10 })).tree;
    const path = pathOf(cut, 'stsz')!;
    const fieldIndex = nodeAtPath(cut, path).fields.findIndex((f) => f.name === 'entry_size');
    await expect(loadMoreEntries(cut, 'flv', source, path, [fieldIndex], 10)).rejects.toThrow(/listed in full/);
  });
});
