/** Parse and lookup helpers for the fragment box tests (the bytes come from test/helpers/bytes.ts). */
import type { Field, Node } from '../../../../../media/model/types.js';
import { type IsoBmffTree, parseIsoBmff } from '../../../../../media/formats/isobmff/parse-isobmff.js';
import { MemorySource } from '../../../../../media/source/memory-source.js';

export async function parse(bytes: number[] | Uint8Array): Promise<IsoBmffTree> {
  return parseIsoBmff(new MemorySource(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes)));
}

/** Parses bytes that hold one box and returns it. */
export async function parseOne(bytes: number[]): Promise<Node> {
  const { tree } = await parse(bytes);
  return tree[0]!;
}

export function field(fields: Field[] | undefined, name: string): Field | undefined {
  return fields?.find((f) => f.name === name);
}

export function fieldNames(node: Node): string[] {
  return node.fields.map((f) => f.name);
}

export function codes(node: Node): string[] {
  return node.diagnostics.map((d) => d.code);
}

/** Every node of a tree, depth first. */
export function* walk(nodes: Node[]): Generator<Node> {
  for (const n of nodes) {
    yield n;
    yield* walk(n.children);
  }
}
