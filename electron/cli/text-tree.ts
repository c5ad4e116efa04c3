import type { Field, Node } from '../../media/model/types.js';
import { jsonValue } from '../../media/model/json.js';

function valueText(f: Field): string {
  const v = jsonValue(f.value);
  const raw = typeof v === 'object' ? (v.hex.length > 64 ? `${v.hex.slice(0, 64)}… (${v.hex.length / 2} bytes)` : v.hex) : String(v);
  return f.display !== undefined && f.display !== raw ? `${raw} (${f.display})` : raw;
}

function fieldLines(f: Field, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  out.push(`${pad}${f.name} = ${valueText(f)}`);
  for (const sub of f.fields ?? []) fieldLines(sub, depth + 1, out);
  if (f.omitted) out.push(`${pad}  … ${f.omitted} more entries not shown`);
}

/** The tree as indented text: a line per node, its fields beneath it, long tables shortened. */
export function treeText(nodes: Node[], depth = 0, out: string[] = []): string[] {
  for (const n of nodes) {
    const pad = '  '.repeat(depth);
    const title = n.title ? ` ${n.title}` : '';
    out.push(`${pad}[${n.name}]${title} @${n.start} size ${n.end - n.start}`);
    for (const d of n.diagnostics) out.push(`${pad}  ! ${d.severity} ${d.code}: ${d.message} (@${d.start})`);
    for (const f of n.fields) fieldLines(f, depth + 1, out);
    treeText(n.children, depth + 1, out);
  }
  return out;
}
