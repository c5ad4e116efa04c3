/** Helpers for the movie, track, sample-table and fragment box tests: parse hand-built bytes or files, find boxes and fields. */
import { parseIsoBmff, type IsoBmffTree } from '../../../../../media/formats/isobmff/parse-isobmff.js';
import type { Field, Node, ParseOptions } from '../../../../../media/model/types.js';
import { ANNOTATE } from '../../../../../media/model/types.js';
import { MemorySource } from '../../../../../media/source/memory-source.js';

export async function parseBytes(bytes: number[] | Uint8Array, options: ParseOptions = ANNOTATE): Promise<IsoBmffTree> {
  return parseIsoBmff(new MemorySource(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes)), options);
}

/** Parses bytes holding one top-level box and returns it. */
export async function parseOne(bytes: number[], options: ParseOptions = ANNOTATE): Promise<Node> {
  const { tree } = await parseBytes(bytes, options);
  return tree[0]!;
}

/** Every node of a tree, depth first. */
export function* walk(nodes: Node[]): Generator<Node> {
  for (const n of nodes) {
    yield n;
    yield* walk(n.children);
  }
}

export function find(nodes: Node[], name: string): Node | undefined {
  for (const n of walk(nodes)) if (n.name === name) return n;
  return undefined;
}

export function findAll(nodes: Node[], name: string): Node[] {
  return [...walk(nodes)].filter((n) => n.name === name);
}

/** A field by name, or by a path of names through groups and table rows: `f(node, 'entries', 'entries[0]', 'media_time')`. */
export function f(node: Node, ...names: string[]): Field {
  let fields: Field[] | undefined = node.fields;
  let found: Field | undefined;
  for (const name of names) {
    found = fields?.find((x) => x.name === name);
    if (!found) throw new Error(`no field ${names.join(' > ')} in ${node.name}`);
    fields = found.fields;
  }
  return found!;
}

/** A field by name among `fields` only (not inside groups), or undefined. */
export function field(fields: Field[] | undefined, name: string): Field | undefined {
  return fields?.find((x) => x.name === name);
}

export function names(fields: Field[] | undefined): string[] {
  return (fields ?? []).map((x) => x.name);
}

export function fieldNames(node: Node): string[] {
  return names(node.fields);
}

export function codes(node: Node): string[] {
  return node.diagnostics.map((d) => d.code);
}
