/** The header ('BLRC') and index ('BLRI') boxes of a capture file as nodes. */
import { FieldReader } from '../../model/field-reader.js';
import { type Field, type Node, type ParseOptions, diagnostic, newNode } from '../../model/types.js';
import { BOX_HEAD, boxJson } from './capture-file.js';

function metadataFields(value: Record<string, unknown>, atBit: number): Field[] {
  const out: Field[] = [];
  for (const [name, v] of Object.entries(value)) {
    if (name === 'arrivals' && Array.isArray(v)) {
      out.push({ name, bitOffset: atBit, bitLength: 0, value: v.length, display: `${v.length} arrival times`, derived: true });
    } else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      out.push({ name, bitOffset: atBit, bitLength: 0, value: v, derived: true });
    }
  }
  return out;
}

/** A box: size, type, version, flags, JSON text (and, for the index, the client-byte count). */
export function readCaptureBox(bytes: Uint8Array, start: number, options: ParseOptions, tailSize: number): { node: Node; json?: Record<string, unknown> } {
  const index = tailSize > 0;
  const node = newNode('box', index ? 'BLRI' : 'BLRC', start, start + bytes.length, index ? 'capture index (written at a clean end)' : 'capture header');
  const r = FieldReader.at(bytes, start, options);
  r.fields = node.fields;
  r.u32('size', (v) => `${v} bytes`);
  r.fourcc('type');
  const version = r.u8('version');
  r.u24('flags');
  if (version !== 1) node.diagnostics.push(diagnostic('warning', 'capture-version-unknown', `capture version ${version}: read as version 1`, start + 8, start + 9));
  const jsonEnd = bytes.length - tailSize;
  const { value, error } = boxJson(bytes, jsonEnd);
  r.text(Math.max(0, jsonEnd - BOX_HEAD), 'metadata');
  if (value && r.last) {
    r.last.display = 'JSON';
    r.last.fields = metadataFields(value, r.last.bitOffset);
  }
  if (error) node.diagnostics.push(diagnostic('error', 'capture-metadata-invalid', error, start + BOX_HEAD, start + jsonEnd));
  if (index) r.u64('stream-length', 64, (v) => `${v} bytes of client data before this box`);
  return value ? { node, json: value } : { node };
}
