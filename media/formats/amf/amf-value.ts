/**
 * What AMF readers return, the state they share within one message, and the reading helpers
 * both encodings use. AMF0 and AMF3 values map to one JavaScript shape so callers (onMetaData,
 * RTMP commands) need not care which encoding carried them.
 */
import { BitstreamError } from '../../bits/errors.js';
import type { FieldReader } from '../../model/field-reader.js';
import type { Diagnostic, FieldValue, Severity } from '../../model/types.js';
import { diagnostic } from '../../model/types.js';

export interface AmfDate {
  kind: 'date';
  /** Milliseconds since 1970-01-01 UTC. */
  ms: number;
  /** AMF0 time-zone (minutes; the spec says it should be 0). */
  timezone?: number;
}

/** Anonymous and typed objects, ECMA arrays, AMF3 arrays (associative part in `properties`, dense part in `items`). */
export interface AmfObject {
  kind: 'object' | 'ecma-array' | 'array' | 'vector' | 'dictionary';
  className?: string;
  properties: Map<string, AmfValue>;
  items: AmfValue[];
  /** AMF3 dictionary entries (keys may be any value). */
  entries?: Array<[AmfValue, AmfValue]>;
}

export type AmfValue = undefined | null | boolean | number | string | Uint8Array | AmfDate | AmfObject | AmfValue[];

/** Deeper nesting than this is hostile; real metadata and commands stay under 5. */
export const MAX_AMF_DEPTH = 64;

/** AMF3 reference tables (AMF 3 spec 2.2): strings, complex objects and traits seen so far in the message. */
export interface Amf3Traits {
  className: string;
  sealed: string[];
  dynamic: boolean;
  externalizable: boolean;
}
export interface Amf3Tables {
  strings: string[];
  objects: AmfValue[];
  traits: Amf3Traits[];
}

/** State for one AMF message (a script tag, an RTMP command): depth, reference tables, diagnostics. */
export interface AmfContext {
  diagnostics: Diagnostic[];
  depth: number;
  /** AMF0 complex values in the order they began, for reference-type (0x07). */
  amf0Objects: AmfValue[];
  amf3: Amf3Tables;
}

export function newAmfContext(diagnostics: Diagnostic[] = []): AmfContext {
  return { diagnostics, depth: 0, amf0Objects: [], amf3: { strings: [], objects: [], traits: [] } };
}

/**
 * A value whose length cannot be known, so nothing after it can be read (unknown marker,
 * nesting past the cap, an externalizable class). `readAmf0Values` turns it into a diagnostic.
 */
export class AmfError extends BitstreamError {
  constructor(
    atBit: number,
    readonly code: string,
    message: string,
  ) {
    super(atBit, message);
    this.name = 'AmfError';
  }
}

export function report(ctx: AmfContext, r: FieldReader, severity: Severity, code: string, message: string, start: number, end = r.absByte): void {
  ctx.diagnostics.push(diagnostic(severity, code, message, start, Math.max(end, start)));
}

/** Enters one nesting level; throws when the cap is passed (the caller cannot skip a value of unknown length). */
export function enter(ctx: AmfContext, r: FieldReader): void {
  if (ctx.depth >= MAX_AMF_DEPTH) {
    throw new AmfError(r.pos, 'amf-nesting-too-deep', `AMF values nested more than ${MAX_AMF_DEPTH} deep are not read`);
  }
  ctx.depth++;
}

/** IEEE 754 double, big-endian (AMF0 number-type, AMF3 double-type, dates). One read, one field. */
export function readDouble(r: FieldReader, name: string, display?: (v: number) => string | undefined): number {
  const b = r.bytes(8, name);
  const v = new DataView(b.buffer, b.byteOffset, 8).getFloat64(0);
  const f = r.last;
  if (f) {
    f.value = v;
    const shown = display?.(v);
    if (shown !== undefined) f.display = shown;
  }
  return v;
}

export function dateDisplay(ms: number): string | undefined {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return 'not a valid date';
  return new Date(ms).toISOString();
}

/** A short text for a value, as the tree and field panel show it. */
export function showAmf(v: AmfValue): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? `${v.slice(0, 77)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Uint8Array) return `${v.length} bytes`;
  if (Array.isArray(v)) return `${v.length} items`;
  if (v.kind === 'date') return dateDisplay(v.ms) ?? String(v.ms);
  const parts: string[] = [];
  if (v.className) parts.push(v.className);
  if (v.properties.size > 0 || v.items.length === 0) parts.push(`${v.properties.size} properties`);
  if (v.items.length > 0) parts.push(`${v.items.length} items`);
  if (v.entries) parts.push(`${v.entries.length} entries`);
  return parts.join(', ');
}

/** The value a value's group field carries: scalars as themselves, the rest as a summary. */
export function fieldValueOf(v: AmfValue): FieldValue {
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' || v instanceof Uint8Array) return v;
  return showAmf(v);
}

/** Names a group field after the fact (a property's name is known only once its key is read). */
export function renameLast(r: FieldReader, name: string): void {
  const f = r.last;
  if (f) f.name = name;
}

/** Property of an object-like value, or undefined. */
export function amfGet(v: AmfValue, key: string): AmfValue {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Uint8Array || v.kind === 'date') return undefined;
  return v.properties.get(key);
}

export function newAmfObject(kind: AmfObject['kind'], className?: string): AmfObject {
  const o: AmfObject = { kind, properties: new Map(), items: [] };
  if (className !== undefined && className !== '') o.className = className;
  return o;
}
