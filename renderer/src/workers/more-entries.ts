import { rereadBox } from '../../../media/formats/isobmff/reread-box.js';
import type { Field, Node } from '../../../media/model/types.js';
import type { ByteSource } from '../../../media/source/byte-source.js';
import { fieldAt, nodeAt } from '../lib/paths.js';

/** Formats whose tables are in boxes that can be read again alone. */
const BOX_FORMATS = new Set(['mp4', 'fmp4', 'mov', 'ismv']);

/**
 * The next `count` entries of a long table, after the ones the tree already lists: the box is read
 * again with a window into the table (media's rereadBox), and the worker's own copy of the field grows
 * the same way as the window's, so later `load-nodes` answers agree.
 */
export async function loadMoreEntries(tree: Node[], format: string | undefined, source: ByteSource, nodePath: number[], fieldPath: number[], count: number): Promise<Field[]> {
  const node = nodeAt(tree, nodePath);
  const field = node ? fieldAt(node, fieldPath) : undefined;
  if (!node || !field || !field.omitted) throw new Error('no table with entries left to list there');
  if (!format || !BOX_FORMATS.has(format) || node.kind !== 'box') throw new Error(`tables of ${format ?? 'this'} documents are listed in full or not at all`);
  const listed = field.fields?.length ?? 0;
  const first = (field.firstEntry ?? 0) + listed;
  const again = await rereadBox(source, node, { record: true, maxEntries: Math.max(1, count), firstEntry: first });
  const entries = fieldAt(again, fieldPath)?.fields ?? [];
  field.fields = [...(field.fields ?? []), ...entries];
  field.omitted -= entries.length;
  return entries;
}
