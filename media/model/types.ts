/** The annotation model: every parser produces these, every view consumes them. */

/** A decoded value. Integers above 2^53 stay exact as bigint; byte strings stay bytes. */
export type FieldValue = number | bigint | boolean | string | Uint8Array;

export interface Field {
  /** The specification's own name: `profile_idc`, `sampling_frequency_index`. */
  name: string;
  /** Absolute position of the first bit in the source (byte offset * 8 + bit). */
  bitOffset: number;
  /** Span from the first to the last bit in the source (includes skipped emulation-prevention bytes). */
  bitLength: number;
  /** Bits of the span that belong to the field, when some bytes in between were skipped. */
  ownBits?: number;
  value: FieldValue;
  /** Meaning: enum name, unit, derived value. */
  display?: string;
  /** A fact computed from other fields rather than read from bits. */
  derived?: boolean;
  doc?: string;
  spec?: string;
  /** Sub-fields (an entry of a table, a group of flags). */
  fields?: Field[];
  /** Entries of a table that were read but not recorded (see ParseOptions.maxEntries). */
  omitted?: number;
  /** Index of the first recorded entry, when a window further down the table was asked for. */
  firstEntry?: number;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** Stable kebab-case identifier, e.g. `box-overflows-parent`. */
  code: string;
  message: string;
  /** Absolute byte range the problem is about. */
  start: number;
  end: number;
}

export type NodeKind =
  | 'box'
  | 'tag'
  | 'nal'
  | 'descriptor'
  | 'sample'
  | 'chunk'
  | 'message'
  | 'frame'
  | 'packet'
  | 'element'
  | 'header'
  | 'bytes';

export interface Node {
  kind: NodeKind;
  /** Short name shown in the tree: a fourcc, a tag type, a NAL type. */
  name: string;
  /** Longer human title, e.g. `Movie Header Box`. */
  title?: string;
  /** Absolute byte range [start, end). */
  start: number;
  end: number;
  fields: Field[];
  children: Node[];
  diagnostics: Diagnostic[];
  /** Decoded values a parser keeps for later stages (sample index, remux); never printed. */
  data?: unknown;
}

export interface ParseOptions {
  /** Record fields (for annotation). Off for bulk work such as building a sample index. */
  record: boolean;
  /** Record at most this many entries of each table; the rest are read and counted. */
  maxEntries: number;
  /** Index of the first table entry to record (a window further down a long table); default 0. */
  firstEntry?: number;
}

export const ANNOTATE: ParseOptions = { record: true, maxEntries: Number.POSITIVE_INFINITY };
export const BULK: ParseOptions = { record: false, maxEntries: 0 };

export function newNode(kind: NodeKind, name: string, start: number, end: number, title?: string): Node {
  const node: Node = { kind, name, start, end, fields: [], children: [], diagnostics: [] };
  if (title !== undefined) node.title = title;
  return node;
}

export function diagnostic(severity: Severity, code: string, message: string, start: number, end: number): Diagnostic {
  return { severity, code, message, start, end };
}

/** A field that stands for a byte range left unread (media data): the hex view still outlines it. */
export function rangeField(name: string, startByte: number, endByte: number, display?: string): Field {
  const bytes = endByte - startByte;
  const field: Field = { name, bitOffset: startByte * 8, bitLength: bytes * 8, value: `${bytes} bytes` };
  if (display !== undefined) field.display = display;
  return field;
}
