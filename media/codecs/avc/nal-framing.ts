import { BitstreamError, OutOfData } from '../../bits/errors.js';
import { type Rbsp, toRbsp } from '../../bits/rbsp.js';
import { FieldReader } from '../../model/field-reader.js';
import { type Field, type Node, type ParseOptions, diagnostic } from '../../model/types.js';
import { NalContext } from './nal-context.js';

/**
 * What H.264 and HEVC NAL units share around their syntax: the RBSP conversion (a prefix for slices
 * when not annotating), the retry when a slice header runs past that prefix, read errors turned into
 * diagnostics, and a field per removed emulation_prevention_three_byte.
 */

/** Bytes of a slice converted to RBSP when not annotating: headers are far shorter, and a slice can be megabytes. */
const SLICE_HEADER_BYTES = 1024;

/** Attaches a field per removed emulation_prevention_three_byte, in file order among the top-level fields. */
function addEpbFields(fields: Field[], epb: readonly number[]): void {
  if (epb.length === 0) return;
  const merged: Field[] = [];
  let k = 0;
  for (const f of fields) {
    while (k < epb.length && epb[k]! * 8 < f.bitOffset) merged.push(epbField(epb[k++]!));
    merged.push(f);
  }
  while (k < epb.length) merged.push(epbField(epb[k++]!));
  fields.length = 0;
  fields.push(...merged);
}

function epbField(at: number): Field {
  return { name: 'emulation_prevention_three_byte', bitOffset: at * 8, bitLength: 8, value: 3, display: 'removed from the RBSP (00 00 03)' };
}

/** Maps a reader error to a diagnostic on the NAL node. */
function reportReadError(node: Node, r: FieldReader, e: unknown): void {
  if (!(e instanceof OutOfData) && !(e instanceof BitstreamError)) throw e;
  const at = Math.floor(r.map.fileBit(Math.min(e.atBit, r.cursor.end)) / 8);
  const start = Math.min(Math.max(at, node.start), Math.max(node.start, node.end - 1));
  if (e instanceof OutOfData) {
    node.diagnostics.push(diagnostic('error', 'truncated-nal-unit', `the NAL unit ends before its syntax does (${e.message})`, start, node.end));
  } else {
    node.diagnostics.push(diagnostic('error', 'bitstream-error', e.message, start, Math.min(node.end, start + 5)));
  }
}

/** Where a NAL unit's bytes stand: `bytes` may be a prefix of a unit `totalLength` long (bulk readers load only what a slice header needs). */
export interface NalBytes {
  bytes: Uint8Array;
  absOffset: number;
  totalLength: number;
}

/**
 * Reads the syntax of a NAL unit (header included) into `node` with `read`, over its RBSP. `full`
 * says whether the whole unit is converted; otherwise only a slice header's worth, and a read that
 * runs out of it starts again over the whole unit. `newData` makes the `node.data` each attempt fills.
 */
export function readNalSyntax<D>(
  node: Node,
  unit: NalBytes,
  options: ParseOptions,
  full: boolean,
  newData: () => D,
  read: (ctx: NalContext, data: D, rbsp: Rbsp) => void,
): void {
  const { bytes, absOffset, totalLength } = unit;
  let rbsp = toRbsp(bytes, absOffset, full ? bytes.length : SLICE_HEADER_BYTES);
  for (let attempt = 0; attempt < 2; attempt++) {
    node.fields.length = 0;
    node.diagnostics.length = 0;
    const data = newData();
    node.data = data;
    const r = new FieldReader(rbsp.data, options, rbsp.map, node.fields);
    try {
      read(new NalContext(r, node), data, rbsp);
    } catch (e) {
      // A slice header cut by the prefix limit is read again from the whole unit.
      if (e instanceof OutOfData && rbsp.consumed < bytes.length) {
        rbsp = toRbsp(bytes, absOffset);
        continue;
      }
      reportReadError(node, r, e);
    }
    break;
  }
  if (bytes.length < totalLength && full) {
    const end = absOffset + totalLength;
    node.diagnostics.push(diagnostic('error', 'truncated-nal-unit', `only ${bytes.length} of ${totalLength} bytes of the NAL unit are available`, absOffset + bytes.length, end));
  }
  if (options.record) addEpbFields(node.fields, rbsp.epb);
}
