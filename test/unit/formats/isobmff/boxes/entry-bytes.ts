/** Parse and tree lookup helpers for the sample description, codec configuration and protection tests (the bytes come from test/helpers/bytes.ts). */
import type { Field, Node } from '../../../../../media/model/types.js';
import { ANNOTATE } from '../../../../../media/model/types.js';
import '../../../../../media/formats/isobmff/boxes/index.js';
import { type IsoState, newIsoState } from '../../../../../media/formats/isobmff/iso-state.js';
import { walkTopLevel } from '../../../../../media/formats/isobmff/top-level.js';
import { MemorySource } from '../../../../../media/source/memory-source.js';
import { findField } from '../../../../helpers/fields.js';

/** Parses bytes as top-level boxes, with the parse state set up first (handler, trackId, quickTime ...). */
export async function parseBoxes(bytes: number[], state: Partial<IsoState> = {}): Promise<{ nodes: Node[]; state: IsoState }> {
  const full = Object.assign(newIsoState(), state);
  const { nodes } = await walkTopLevel(new MemorySource(Uint8Array.from(bytes)), ANNOTATE, { state: full, fileSize: bytes.length });
  return { nodes, state: full };
}

export async function parseOne(bytes: number[], state: Partial<IsoState> = {}): Promise<Node> {
  return (await parseBoxes(bytes, state)).nodes[0]!;
}

/** The first node (depth first) with this name. */
export function findNode(nodes: Node[], name: string): Node | undefined {
  for (const n of nodes) {
    if (n.name === name) return n;
    const inner = findNode(n.children, name);
    if (inner) return inner;
  }
  return undefined;
}

/** The first field (depth first, through groups) with this name. */
export const fieldOf = findField;

/** The value of a field; throws when it is missing, so a test fails with the name. */
export function valueOf(fields: Field[], name: string): unknown {
  const f = findField(fields, name);
  if (!f) throw new Error(`no field ${name}`);
  return f.value;
}

export const codes = (node: Node): string[] => node.diagnostics.map((d) => d.code);

/** Every diagnostic code in a tree. */
export function allCodes(nodes: Node[]): string[] {
  return nodes.flatMap((n) => [...codes(n), ...allCodes(n.children)]);
}
