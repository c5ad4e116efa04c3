/** Byte builders and tree lookups for the sample description, codec configuration and protection tests. */
import type { Field, Node } from '../../../../../media/model/types.js';
import { ANNOTATE } from '../../../../../media/model/types.js';
import '../../../../../media/formats/isobmff/boxes/index.js';
import { type IsoState, newIsoState } from '../../../../../media/formats/isobmff/iso-state.js';
import { walkTopLevel } from '../../../../../media/formats/isobmff/top-level.js';
import { MemorySource } from '../../../../../media/source/memory-source.js';
import { findField } from '../../../../helpers/fields.js';

export const u16 = (v: number): number[] => [(v >>> 8) & 0xff, v & 0xff];
export const u24 = (v: number): number[] => [(v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
export const u32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
export const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
export const zeros = (n: number): number[] => new Array<number>(n).fill(0);
export const hex = (s: string): number[] => (s.replace(/[\s-]/g, '').match(/../g) ?? []).map((h) => parseInt(h, 16));

/** A box: 32-bit size, fourcc, body. */
export function box(type: string, body: number[]): number[] {
  return [...u32(8 + body.length), ...ascii(type), ...body];
}

/** A FullBox: box header, version, 24-bit flags, body. */
export function fullBox(type: string, version: number, flags: number, body: number[]): number[] {
  return box(type, [version, ...u24(flags), ...body]);
}

/** A uuid FullBox (PIFF): header, 16-byte usertype, version, flags, body. */
export function uuidBox(usertype: string, version: number, flags: number, body: number[]): number[] {
  return box('uuid', [...hex(usertype), version, ...u24(flags), ...body]);
}

/** Bits written as a string of 0/1 groups ('00101 0110'), padded with zero bits to whole bytes. */
export function bits(pattern: string): number[] {
  const s = pattern.replace(/\s/g, '');
  const out: number[] = [];
  for (let i = 0; i < s.length; i += 8) out.push(parseInt(s.slice(i, i + 8).padEnd(8, '0'), 2));
  return out;
}

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
