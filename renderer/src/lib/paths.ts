import type { Field, Node } from '../../../media/model/types.js';

/** Where a node sits: child indices from the document's top-level list down. */
export type NodePath = readonly number[];
/** Where a field sits inside its node: an index into `node.fields`, then into each `field.fields`. */
export type FieldPath = readonly number[];

export function nodeAt(tree: readonly Node[], path: NodePath): Node | undefined {
  let list = tree;
  let node: Node | undefined;
  for (const i of path) {
    node = list[i];
    if (!node) return undefined;
    list = node.children;
  }
  return node;
}

export function fieldAt(node: Node, path: FieldPath): Field | undefined {
  let list = node.fields;
  let field: Field | undefined;
  for (const i of path) {
    field = list[i];
    if (!field) return undefined;
    list = field.fields ?? [];
  }
  return field;
}

export function nodeKey(path: NodePath): string {
  return path.join('.');
}

export function fieldKey(node: NodePath, field: FieldPath): string {
  return `${node.join('.')}/${field.join('.')}`;
}

export function samePath(a: readonly number[] | null | undefined, b: readonly number[] | null | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Every proper prefix of a path, shortest first (the ancestors to expand to reveal it). */
export function prefixes(path: readonly number[]): number[][] {
  return Array.from({ length: path.length }, (_, i) => path.slice(0, i));
}

/** First byte and end byte (exclusive) a field's bits touch; a derived field with no bits touches none. */
export function fieldBytes(f: Field): { start: number; end: number } {
  const start = Math.floor(f.bitOffset / 8);
  return { start, end: Math.max(start, Math.ceil((f.bitOffset + f.bitLength) / 8)) };
}
