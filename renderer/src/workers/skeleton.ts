import type { Field, Node } from '../../../media/model/types.js';
import type { DiagnosticEntry } from '../lib/worker-protocol.js';

/** Fields the window receives at once; beyond this, top-level nodes come as stubs, fetched when needed. */
export const FIELD_BUDGET = 150_000;

function countFields(fields: readonly Field[]): number {
  let n = fields.length;
  for (const f of fields) if (f.fields) n += countFields(f.fields);
  return n;
}

export function countNode(node: Node): number {
  let n = 1 + countFields(node.fields);
  for (const c of node.children) n += countNode(c);
  return n;
}

export function stub(node: Node): Node {
  const out: Node = { kind: node.kind, name: node.name, start: node.start, end: node.end, fields: [], children: [], diagnostics: node.diagnostics };
  if (node.title !== undefined) out.title = node.title;
  return out;
}

/** The tree as sent: whole top-level nodes while the budget lasts, stubs after. */
export function skeleton(tree: readonly Node[], budget = FIELD_BUDGET): { tree: Node[]; lazy: number[] } {
  let left = budget;
  const lazy: number[] = [];
  const out = tree.map((node, i) => {
    const cost = countNode(node);
    if (cost <= left) {
      left -= cost;
      return node;
    }
    // Once the budget is spent, stay lazy: a later small node must not jump the queue (keeps the rule simple).
    left = 0;
    lazy.push(i);
    return stub(node);
  });
  return { tree: out, lazy };
}

/** Every diagnostic with its node's path, tree order then the document's own, sorted by offset. */
export function diagnosticEntries(tree: readonly Node[], own: DiagnosticEntry['diagnostic'][]): DiagnosticEntry[] {
  const out: DiagnosticEntry[] = [];
  const seen = new Set<string>();
  const key = (d: DiagnosticEntry['diagnostic']): string => `${d.code}@${d.start}-${d.end}:${d.message}`;
  const visit = (nodes: readonly Node[], parent: number[]): void => {
    nodes.forEach((n, i) => {
      const path = [...parent, i];
      for (const d of n.diagnostics) {
        seen.add(key(d));
        out.push({ diagnostic: d, node: path });
      }
      visit(n.children, path);
    });
  };
  visit(tree, []);
  for (const d of own) if (!seen.has(key(d))) out.push({ diagnostic: d, node: null });
  return out.sort((a, b) => a.diagnostic.start - b.diagnostic.start);
}

export function emulationPreventionBytes(tree: readonly Node[]): Float64Array {
  const found: number[] = [];
  const fields = (list: readonly Field[]): void => {
    for (const f of list) {
      if (f.name === 'emulation_prevention_three_byte') found.push(Math.floor(f.bitOffset / 8));
      if (f.fields) fields(f.fields);
    }
  };
  const nodes = (list: readonly Node[]): void => {
    for (const n of list) {
      fields(n.fields);
      nodes(n.children);
    }
  };
  nodes(tree);
  return Float64Array.from(found).sort();
}

/** True when a node or field name in the subtree contains `q` (lower case). */
export function subtreeMatches(node: Node, q: string): boolean {
  const inFields = (list: readonly Field[]): boolean => list.some((f) => f.name.toLowerCase().includes(q) || (f.fields ? inFields(f.fields) : false));
  if (node.name.toLowerCase().includes(q) || (node.title?.toLowerCase().includes(q) ?? false)) return true;
  return inFields(node.fields) || node.children.some((c) => subtreeMatches(c, q));
}
