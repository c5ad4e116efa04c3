import type { FieldReader } from '../model/field-reader.js';
import { type Diagnostic, type Node, type Severity, diagnostic, newNode } from '../model/types.js';

/**
 * What a codec configuration reader gives back. The reader records its fields on the FieldReader
 * it was given; the NAL units it meets become child nodes, and the problems it finds become
 * diagnostics, which the caller (an avcC box, an FLV sequence header, pasted bytes) attaches
 * where it shows the record.
 */
export interface ConfigResult<T> {
  data: T;
  /** Parameter sets as `nal` nodes, for a NAL decoder to fill in later. */
  nalNodes: Node[];
  diagnostics: Diagnostic[];
}

/** Collects diagnostics at absolute byte ranges while a record is read. */
export class DiagnosticList {
  readonly items: Diagnostic[] = [];

  add(severity: Severity, code: string, message: string, start: number, end: number): void {
    this.items.push(diagnostic(severity, code, message, start, Math.max(start, end)));
  }
}

/**
 * Reads `length` bytes of a NAL unit as the field `fieldName` of a new `nal` node named `name`.
 * The field goes into the node (not the record), so the node alone shows the unit's bytes.
 */
export function readNalNode(r: FieldReader, length: number, name: string, fieldName: string, title?: string): { node: Node; bytes: Uint8Array } {
  const start = r.absByte;
  const node = newNode('nal', name, start, start + length, title);
  const outer = r.fields;
  r.fields = node.fields;
  try {
    const bytes = r.bytes(length, fieldName, `${length} bytes`);
    return { node, bytes };
  } finally {
    r.fields = outer;
  }
}

/** The bytes of `r.data` from byte `fromBit / 8` up to the reader's position (rounded up to a byte). */
export function bytesSince(r: FieldReader, fromBit: number): Uint8Array {
  return r.data.subarray(fromBit >>> 3, (r.pos + 7) >>> 3);
}

/** Reads a reserved field and notes (as info) when it does not hold the value the syntax fixes. */
export function readReserved(r: FieldReader, bits: number, expected: number, diags: DiagnosticList): void {
  const at = r.absByte;
  const v = r.u(bits, 'reserved');
  if (v !== expected) {
    diags.add('info', 'reserved-bits-not-set', `reserved bits are ${v.toString(2).padStart(bits, '0')}b, the syntax fixes ${expected.toString(2).padStart(bits, '0')}b`, at, at + 1);
  }
}
