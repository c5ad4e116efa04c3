import { describe, expect, it } from 'vitest';
import { parseIsoBmff } from '../../../../media/formats/isobmff/parse-isobmff.js';
import { rereadBox } from '../../../../media/formats/isobmff/reread-box.js';
import type { Field, Node } from '../../../../media/model/types.js';
import { MemorySource } from '../../../../media/source/memory-source.js';
import { fixtureBytes } from '../../../helpers/fixtures.js';

function find(nodes: Node[], name: string): Node | undefined {
  for (const n of nodes) {
    if (n.name === name) return n;
    const inner = find(n.children, name);
    if (inner) return inner;
  }
  return undefined;
}

const table = (node: Node, name: string): Field => node.fields.find((f) => f.name === name)!;

describe('re-reading one box with a window into its table', () => {
  it('records exactly the asked entries, at the same bits as a full read', async () => {
    const source = new MemorySource(fixtureBytes('avc-baseline-aac.mp4'));
    const full = await parseIsoBmff(source);
    const stsz = find(full.tree, 'stsz')!;
    const all = table(stsz, 'entry_size');
    expect(all.fields).toHaveLength(50);

    const again = await rereadBox(source, stsz, { record: true, maxEntries: 5, firstEntry: 40 });
    const window = table(again, 'entry_size');
    expect(window.value).toBe(50);
    expect(window.firstEntry).toBe(40);
    expect(window.omitted).toBe(45);
    expect(window.fields!.map((f) => f.name)).toEqual(['entry_size[40]', 'entry_size[41]', 'entry_size[42]', 'entry_size[43]', 'entry_size[44]']);
    expect(window.fields).toEqual(all.fields!.slice(40, 45));
  });

  it('a window past the end of the table records nothing and counts everything as omitted', async () => {
    const source = new MemorySource(fixtureBytes('avc-baseline-aac.mp4'));
    const stsz = find((await parseIsoBmff(source)).tree, 'stsz')!;
    const again = await rereadBox(source, stsz, { record: true, maxEntries: 5, firstEntry: 1000 });
    expect(table(again, 'entry_size')).toMatchObject({ value: 50, omitted: 50, fields: [] });
  });
});
