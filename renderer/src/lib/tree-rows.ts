import type { Field, Node } from '../../../media/model/types.js';
import { fieldKey, nodeKey } from './paths.js';

/** One visible line of the structure tree. Rows refer to the (immutable) parsed objects directly. */
export type TreeRow =
  | { kind: 'node'; key: string; depth: number; node: Node; path: number[]; expandable: boolean; expanded: boolean }
  | { kind: 'field'; key: string; depth: number; node: Node; nodePath: number[]; field: Field; path: number[]; expandable: boolean; expanded: boolean }
  /** "N more entries": a table's entries beyond the listed ones (the table is `field` of node `nodePath`). */
  | { kind: 'more'; key: string; depth: number; count: number; nodePath: number[]; fieldPath: number[]; tableKey: string };

/** Rows of the tree with the given nodes and fields expanded (keys from paths.ts). */
export function flattenTree(tree: readonly Node[], expanded: ReadonlySet<string>, lazy: ReadonlySet<number> = new Set(), sample?: Node): TreeRow[] {
  const rows: TreeRow[] = [];
  const addFields = (node: Node, nodePath: number[], fields: readonly Field[], parent: number[], depth: number): void => {
    fields.forEach((field, i) => {
      const path = [...parent, i];
      const key = fieldKey(nodePath, path);
      const expandable = (field.fields?.length ?? 0) > 0 || (field.omitted ?? 0) > 0;
      const open = expandable && expanded.has(key);
      rows.push({ kind: 'field', key, depth, node, nodePath, field, path, expandable, expanded: open });
      if (open) {
        addFields(node, nodePath, field.fields ?? [], path, depth + 1);
        if (field.omitted) rows.push({ kind: 'more', key: `${key}+`, depth: depth + 1, count: field.omitted, nodePath, fieldPath: path, tableKey: key });
      }
    });
  };
  const addNodes = (nodes: readonly Node[], parent: number[], depth: number, first = 0): void => {
    nodes.forEach((node, k) => {
      const i = first + k;
      const path = [...parent, i];
      const key = nodeKey(path);
      const expandable = node.fields.length > 0 || node.children.length > 0 || (depth === 0 && lazy.has(i));
      const open = expandable && expanded.has(key);
      rows.push({ kind: 'node', key, depth, node, path, expandable, expanded: open });
      if (open) {
        addFields(node, path, node.fields, [], depth + 1);
        addNodes(node.children, path, depth + 1);
      }
    });
  };
  // The opened sample comes first, at path [-1].
  if (sample) addNodes([sample], [], 0, -1);
  addNodes(tree, [], 0);
  return rows;
}

/** Keys of the containers to open when a document first shows: top-level nodes holding nodes, when there are few. */
export function initialExpansion(tree: readonly Node[]): Set<string> {
  const open = new Set<string>();
  let budget = 8;
  const visit = (nodes: readonly Node[], parent: number[], depth: number): void => {
    if (nodes.length > 40 || depth > 0) return;
    nodes.forEach((n, i) => {
      const path = [...parent, i];
      if (n.children.length > 0 && budget-- > 0) {
        open.add(nodeKey(path));
        visit(n.children, path, depth + 1);
      }
    });
  };
  visit(tree, [], 0);
  return open;
}

/** Most rows a filter shows, so a one-letter query on a huge file stays quick. */
const FILTER_LIMIT = 5000;

/**
 * Rows matching a name query (node names and titles, field names), each with the ancestors that lead to it,
 * expanded so every match is visible.
 */
export function filterTree(tree: readonly Node[], query: string): { rows: TreeRow[]; matches: number; truncated: boolean } {
  const q = query.trim().toLowerCase();
  let matches = 0;
  let truncated = false;
  const matchField = (node: Node, nodePath: number[], fields: readonly Field[], parent: number[], depth: number): TreeRow[] => {
    const out: TreeRow[] = [];
    fields.forEach((field, i) => {
      if (truncated) return;
      const path = [...parent, i];
      const below = field.fields ? matchField(node, nodePath, field.fields, path, depth + 1) : [];
      const hit = field.name.toLowerCase().includes(q);
      if (hit) matches++;
      if (hit || below.length > 0) {
        const expandable = (field.fields?.length ?? 0) > 0;
        out.push({ kind: 'field', key: fieldKey(nodePath, path), depth, node, nodePath, field, path, expandable, expanded: below.length > 0 });
        for (const r of below) out.push(r);
      }
      if (matches >= FILTER_LIMIT) truncated = true;
    });
    return out;
  };
  const matchNodes = (nodes: readonly Node[], parent: number[], depth: number): TreeRow[] => {
    const out: TreeRow[] = [];
    nodes.forEach((node, i) => {
      if (truncated) return;
      const path = [...parent, i];
      const below = matchField(node, path, node.fields, [], depth + 1).concat(matchNodes(node.children, path, depth + 1));
      const hit = node.name.toLowerCase().includes(q) || (node.title?.toLowerCase().includes(q) ?? false);
      if (hit) matches++;
      if (hit || below.length > 0) {
        const expandable = node.fields.length > 0 || node.children.length > 0;
        out.push({ kind: 'node', key: nodeKey(path), depth, node, path, expandable, expanded: below.length > 0 });
        for (const r of below) out.push(r);
      }
      if (matches >= FILTER_LIMIT) truncated = true;
    });
    return out;
  };
  return { rows: q ? matchNodes(tree, [], 0) : [], matches, truncated };
}
