import type { Diagnostic, Field, FieldValue, Node } from './types.js';

/**
 * The JSON shape of the annotation model: the stable contract of `bitlens inspect --json`,
 * also what crosses from the parse worker and the main process to the renderer.
 */
export type JsonValue = number | boolean | string | { hex: string };

export interface JsonField {
  name: string;
  bitOffset: number;
  bitLength: number;
  value: JsonValue;
  display?: string;
  ownBits?: number;
  derived?: true;
  omitted?: number;
  fields?: JsonField[];
}

export interface JsonDiagnostic {
  severity: Diagnostic['severity'];
  code: string;
  message: string;
  offset: number;
  size?: number;
}

export interface JsonNode {
  kind: Node['kind'];
  name: string;
  title?: string;
  offset: number;
  size: number;
  fields: JsonField[];
  children: JsonNode[];
  diagnostics?: JsonDiagnostic[];
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hexOf(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]!];
  return s;
}

/** Integers above 2^53 become strings of digits; byte strings become `{ hex }`. */
export function jsonValue(v: FieldValue): JsonValue {
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return { hex: hexOf(v) };
  return v;
}

export function fieldToJson(f: Field): JsonField {
  const out: JsonField = { name: f.name, bitOffset: f.bitOffset, bitLength: f.bitLength, value: jsonValue(f.value) };
  if (f.display !== undefined) out.display = f.display;
  if (f.ownBits !== undefined) out.ownBits = f.ownBits;
  if (f.derived) out.derived = true;
  if (f.omitted) out.omitted = f.omitted;
  if (f.fields && f.fields.length > 0) out.fields = f.fields.map(fieldToJson);
  return out;
}

export function diagnosticToJson(d: Diagnostic): JsonDiagnostic {
  const out: JsonDiagnostic = { severity: d.severity, code: d.code, message: d.message, offset: d.start };
  if (d.end > d.start) out.size = d.end - d.start;
  return out;
}

export function nodeToJson(n: Node): JsonNode {
  const out: JsonNode = { kind: n.kind, name: n.name, offset: n.start, size: n.end - n.start, fields: n.fields.map(fieldToJson), children: n.children.map(nodeToJson) };
  if (n.title !== undefined) out.title = n.title;
  if (n.diagnostics.length > 0) out.diagnostics = n.diagnostics.map(diagnosticToJson);
  return out;
}

/** Every diagnostic in a tree, in tree order. */
export function collectDiagnostics(nodes: Node[], into: Diagnostic[] = []): Diagnostic[] {
  for (const n of nodes) {
    into.push(...n.diagnostics);
    collectDiagnostics(n.children, into);
  }
  return into;
}
