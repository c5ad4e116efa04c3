/** Small byte builders for the fragment box tests: every number becomes big-endian bytes. */
import type { Field, Node } from '../../../../../media/model/types.js';
import { type IsoBmffTree, parseIsoBmff } from '../../../../../media/formats/isobmff/parse-isobmff.js';
import { MemorySource } from '../../../../../media/source/memory-source.js';

export function u16(v: number): number[] {
  return [(v >>> 8) & 0xff, v & 0xff];
}

export function u24(v: number): number[] {
  return [(v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}

export function u32(v: number): number[] {
  const x = v >>> 0; // negative numbers become their two's complement
  return [(x >>> 24) & 0xff, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff];
}

export function u64(v: bigint): number[] {
  const x = BigInt.asUintN(64, v);
  return [...u32(Number(x >> 32n)), ...u32(Number(x & 0xffffffffn))];
}

export function ascii(s: string): number[] {
  return [...s].map((c) => c.charCodeAt(0));
}

export function hexBytes(hex: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hex.length; i += 2) out.push(parseInt(hex.slice(i, i + 2), 16));
  return out;
}

/** A box: 32-bit size, fourcc, body. */
export function box(type: string, body: number[]): number[] {
  return [...u32(8 + body.length), ...ascii(type), ...body];
}

/** A FullBox: box header, version, 24-bit flags, body. */
export function fullBox(type: string, version: number, flags: number, body: number[]): number[] {
  return box(type, [version, ...u24(flags), ...body]);
}

/** A uuid FullBox-like box (PIFF): header, 16-byte usertype, version, flags, body. */
export function uuidBox(usertypeHex: string, version: number, flags: number, body: number[]): number[] {
  return box('uuid', [...hexBytes(usertypeHex), version, ...u24(flags), ...body]);
}

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
