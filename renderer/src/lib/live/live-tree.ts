/**
 * The live document's tree, kept bounded: the nodes up to the publish (handshake, connect, createStream,
 * publish) stay pinned at the top; after them, the newest `limit` top-level nodes. When older ones are
 * dropped the paths of the rest shift, so tree keys (paths.ts) and the selection are moved with them.
 */
import type { Field, Node } from '../../../../media/model/types.js';
import type { DiagnosticEntry } from '../worker-protocol.js';

/** A node as it crosses to the window: no `data` (format-private, and it holds views of whole buffers), byte values copied. */
export function wireNode(node: Node): Node {
  const out: Node = { kind: node.kind, name: node.name, start: node.start, end: node.end, fields: node.fields.map(wireField), children: node.children.map(wireNode), diagnostics: node.diagnostics };
  if (node.title !== undefined) out.title = node.title;
  return out;
}

function wireField(f: Field): Field {
  const out: Field = { ...f };
  // A view would carry its whole underlying buffer across (a socket read, a message payload): copy its own bytes.
  if (f.value instanceof Uint8Array) out.value = f.value.slice();
  if (f.fields) out.fields = f.fields.map(wireField);
  return out;
}

/** Every diagnostic in `nodes` (top-level index `first` onwards), with the path of the node carrying it. */
export function collectDiagnostics(nodes: readonly Node[], first: number): DiagnosticEntry[] {
  const out: DiagnosticEntry[] = [];
  const walk = (node: Node, path: number[]): void => {
    for (const d of node.diagnostics) out.push({ diagnostic: d, node: path });
    node.children.forEach((c, i) => walk(c, [...path, i]));
  };
  nodes.forEach((n, i) => walk(n, [first + i]));
  return out;
}

/** Moves a top-level index after dropping `count` nodes from `pinned` on; undefined when the node was dropped. */
export function shiftIndex(i: number, pinned: number, count: number): number | undefined {
  if (i < pinned) return i;
  if (i < pinned + count) return undefined;
  return i - count;
}

/** A path after the drop, or undefined when its node was dropped. */
export function shiftPath(path: readonly number[], pinned: number, count: number): number[] | undefined {
  if (path.length === 0) return [];
  const top = shiftIndex(path[0]!, pinned, count);
  return top === undefined ? undefined : [top, ...path.slice(1)];
}

/** Tree keys ("3.0.2", "3.0/1.4") after the drop; keys of dropped nodes go. */
export function shiftKeys(keys: ReadonlySet<string>, pinned: number, count: number): Set<string> {
  const out = new Set<string>();
  for (const key of keys) {
    const m = /^(-?\d+)(.*)$/.exec(key);
    if (!m) continue;
    const top = shiftIndex(Number(m[1]), pinned, count);
    if (top !== undefined) out.add(`${top}${m[2]}`);
  }
  return out;
}

/** How many nodes to drop after the pinned ones so that at most `limit` unpinned remain (dropping in steps of a tenth). */
export function dropCount(total: number, pinned: number, limit: number): number {
  const unpinned = total - pinned;
  if (unpinned <= limit) return 0;
  return Math.min(unpinned, unpinned - limit + Math.floor(limit / 10));
}
