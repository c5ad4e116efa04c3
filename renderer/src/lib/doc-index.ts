import type { Field, Node, Severity } from '../../../media/model/types.js';
import { nodeKey, prefixes, type FieldPath } from './paths.js';
import type { DiagnosticEntry, WireDocument } from './worker-protocol.js';

export type { DiagnosticEntry } from './worker-protocol.js';

export interface Badge {
  count: number;
  worst: Severity;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Index of the first item whose end is past `byte` (children are in file order). */
function firstEndingAfter(list: readonly Node[], byte: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.end <= byte) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The child of `list` holding `byte`: binary search first, a scan when siblings overlap or are out of order. */
function childHolding(list: readonly Node[], byte: number): number {
  const i = firstEndingAfter(list, byte);
  for (let j = i; j < list.length && j < i + 4; j++) if (list[j]!.start <= byte && byte < list[j]!.end) return j;
  if (list.length <= 256) return list.findIndex((n) => n.start <= byte && byte < n.end);
  return -1;
}

function covers(f: Field, bitStart: number, bitEnd: number): boolean {
  return f.bitLength > 0 && f.bitOffset < bitEnd && f.bitOffset + f.bitLength > bitStart;
}

/** The deepest field among `fields` touching bits [bitStart, bitEnd), as a path, or null. */
export function deepestField(fields: readonly Field[], bitStart: number, bitEnd: number): FieldPath | null {
  const path: number[] = [];
  let list = fields;
  for (;;) {
    let pick = -1;
    for (let i = 0; i < list.length; i++) {
      const f = list[i]!;
      // Among fields touching the byte the shortest wins (a flag inside a byte, not its enclosing group).
      if (covers(f, bitStart, bitEnd) && (pick < 0 || f.bitLength < list[pick]!.bitLength)) pick = i;
    }
    if (pick < 0) return path.length ? path : null;
    path.push(pick);
    const sub = list[pick]!.fields;
    if (!sub || sub.length === 0) return path;
    list = sub;
  }
}

/** Path of the deepest node of `tree` holding `byte` (empty when none does). */
export function nodePathIn(tree: readonly Node[], byte: number): number[] {
  const path: number[] = [];
  let list: readonly Node[] = tree;
  for (let depth = 0; depth < 64; depth++) {
    const i = childHolding(list, byte);
    if (i < 0) break;
    path.push(i);
    list = list[i]!.children;
  }
  return path;
}

/** The deepest field holding `byte`: in the deepest node first, then in its ancestors (a container's header). */
export function fieldAtIn(tree: readonly Node[], byte: number): { node: number[]; field: FieldPath | null } {
  const path = nodePathIn(tree, byte);
  const chain: Node[] = [];
  let list: readonly Node[] = tree;
  for (const i of path) {
    chain.push(list[i]!);
    list = list[i]!.children;
  }
  for (let d = chain.length - 1; d >= 0; d--) {
    const field = deepestField(chain[d]!.fields, byte * 8, byte * 8 + 8);
    if (field) return { node: path.slice(0, d + 1), field };
  }
  return { node: path, field: null };
}

/** Paints each byte of [from, to) in `out` with its deepest node's hue (children over parents). */
export function paintNodes(tree: readonly Node[], from: number, to: number, out: Uint8Array): void {
  const walk = (list: readonly Node[], depth: number): void => {
    if (depth > 64) return;
    for (let i = firstEndingAfter(list, from); i < list.length; i++) {
      const n = list[i]!;
      if (n.start >= to) break;
      if (n.end <= from) continue;
      out.fill(colourOfName(n.name), Math.max(0, n.start - from), Math.min(out.length, n.end - from));
      walk(n.children, depth + 1);
    }
  };
  walk(tree, 0);
}

function colourOfName(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return 1 + (h % 8);
}

/** Colour classes: 1..8 structure hues (by node name), 9.. media data of a track (by track kind). */
export const TRACK_COLOUR = { video: 9, audio: 10, text: 11, data: 11 } as const;

/**
 * Lookups the views need over one parsed document, computed once: the node and field at a byte,
 * byte colours, emulation-prevention bytes, diagnostics with their nodes, the sample at a byte.
 */
export class DocIndex {
  readonly diagnostics: DiagnosticEntry[];
  /** Diagnostics in each node's subtree, by node key (paths.ts): stubs of lazy nodes get theirs too. */
  private readonly badges = new Map<string, Badge>();
  /** Packet indices sorted by offset (the table is in file order for most formats, not all). */
  private byOffset: Uint32Array | undefined;

  constructor(readonly doc: WireDocument) {
    this.diagnostics = doc.allDiagnostics;
    for (const e of doc.allDiagnostics) {
      if (!e.node) continue;
      for (const p of [...prefixes(e.node), e.node]) {
        if (!p.length) continue;
        const key = nodeKey(p);
        this.badges.set(key, merge(this.badges.get(key), { count: 1, worst: e.diagnostic.severity })!);
      }
    }
  }

  badge(path: readonly number[]): Badge | undefined {
    return this.badges.get(nodeKey(path));
  }

  /** Path of the deepest node holding `byte` (empty when none does). */
  nodePathAt(byte: number): number[] {
    return nodePathIn(this.doc.tree, byte);
  }

  /** The deepest field holding `byte`: in the deepest node first, then in its ancestors (a container's header). */
  fieldAt(byte: number): { node: number[]; field: FieldPath | null } {
    return fieldAtIn(this.doc.tree, byte);
  }

  /** Colour class of each byte in [from, to): the deepest node's hue, the track's colour over sample data. */
  paint(from: number, to: number): Uint8Array {
    const out = new Uint8Array(Math.max(0, to - from));
    paintNodes(this.doc.tree, from, to, out);
    const p = this.doc.packets;
    if (p.count > 0) {
      for (let k = this.firstPacketEndingAfter(from); k < p.count; k++) {
        const i = this.packetOrder()[k]!;
        const start = p.offset[i]!;
        if (start >= to) break;
        const kind = this.doc.tracks[p.track[i]!]?.kind ?? 'data';
        out.fill(TRACK_COLOUR[kind], Math.max(0, start - from), Math.min(out.length, start + p.size[i]! - from));
      }
    }
    return out;
  }

  /** Index into the packet table of the sample whose bytes hold `byte`, or -1. */
  packetAt(byte: number): number {
    const p = this.doc.packets;
    const order = this.packetOrder();
    let k = this.firstPacketEndingAfter(byte);
    for (; k < p.count; k++) {
      const i = order[k]!;
      if (p.offset[i]! > byte) return -1;
      if (byte < p.offset[i]! + p.size[i]!) return i;
    }
    return -1;
  }

  private packetOrder(): Uint32Array {
    if (this.byOffset) return this.byOffset;
    const p = this.doc.packets;
    const order = new Uint32Array(p.count);
    let sorted = true;
    for (let i = 0; i < p.count; i++) {
      order[i] = i;
      if (i > 0 && p.offset[i]! < p.offset[i - 1]!) sorted = false;
    }
    if (!sorted) order.sort((a, b) => p.offset[a]! - p.offset[b]!);
    this.byOffset = order;
    return order;
  }

  /** Position in offset order of the first packet that ends after `byte`. */
  private firstPacketEndingAfter(byte: number): number {
    const p = this.doc.packets;
    const order = this.packetOrder();
    let lo = 0;
    let hi = p.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const i = order[mid]!;
      if (p.offset[i]! + p.size[i]! <= byte) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function merge(a: Badge | undefined, b: Badge | undefined): Badge | undefined {
  if (!a) return b;
  if (!b) return a;
  return { count: a.count + b.count, worst: RANK[a.worst] >= RANK[b.worst] ? a.worst : b.worst };
}
