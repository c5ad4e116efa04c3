/**
 * AMF0 (Action Message Format, version 0; Adobe AMF0 specification, 2007). Used by FLV script tags
 * and RTMP commands. Every value is a field group named by its property name (or index), holding
 * its `marker` field and its value fields, so the hex view outlines each value whole.
 *
 * Readers work on any FieldReader positioned anywhere (absolute offsets come from its map) and stop
 * at the reader's limit. Counts are hints: nothing is allocated from a count, and every loop ends
 * when the bytes do.
 */
import { OutOfData } from '../../bits/errors.js';
import type { FieldReader } from '../../model/field-reader.js';
import { diagnostic } from '../../model/types.js';
import { readAmf3Body } from './amf3.js';
import {
  type AmfContext, type AmfObject, type AmfValue, AmfError, dateDisplay, enter, fieldValueOf, newAmfContext, newAmfObject,
  readDouble, renameLast, report, showAmf,
} from './amf-value.js';

/** AMF0 type markers (AMF0 spec 2.1). */
export const AMF0_MARKERS = {
  0x00: 'number',
  0x01: 'boolean',
  0x02: 'string',
  0x03: 'object',
  0x04: 'movieclip (reserved)',
  0x05: 'null',
  0x06: 'undefined',
  0x07: 'reference',
  0x08: 'ecma-array',
  0x09: 'object-end',
  0x0a: 'strict-array',
  0x0b: 'date',
  0x0c: 'long-string',
  0x0d: 'unsupported',
  0x0e: 'recordset (reserved)',
  0x0f: 'xml-document',
  0x10: 'typed-object',
  0x11: 'avmplus-object (switch to AMF3)',
} as const;

const OBJECT_END = 0x09;

/** UTF-8 (16-bit length) or UTF-8-long (32-bit length) string (AMF0 spec 1.3). */
function readUtf8(r: FieldReader, lengthBits: 16 | 32, name: string): string {
  const length = r.u(lengthBits, `${name}-length`, (n) => `${n} bytes`);
  // r.text checks the bytes exist before it touches them: a 4 GB length costs nothing.
  return r.text(length, name);
}

/**
 * Reads one AMF0 value as a field group named `name`. Throws OutOfData when the bytes end and
 * AmfError when the value cannot be read (its length is unknowable); use readAmf0Values for a
 * whole message that reports instead of throwing.
 */
export function readAmf0Value(r: FieldReader, name: string, ctx: AmfContext = newAmfContext()): AmfValue {
  return r.group(name, () => readAmf0Body(r, ctx), fieldValueOf, (v) => showAmf(v));
}

/**
 * Reads values until the reader's limit. Problems become diagnostics in ctx (and the values read
 * so far are returned), so a command or script tag with a bad value still shows what came before.
 */
export function readAmf0Values(r: FieldReader, ctx: AmfContext = newAmfContext(), nameOf: (i: number) => string = (i) => `value[${i}]`): AmfValue[] {
  const values: AmfValue[] = [];
  while (r.bytesLeft > 0) {
    const at = r.absByte;
    try {
      values.push(readAmf0Value(r, nameOf(values.length), ctx));
    } catch (e) {
      if (e instanceof AmfError) {
        ctx.diagnostics.push(diagnostic('error', e.code, e.message, at, r.absByte + 1));
      } else if (e instanceof OutOfData) {
        ctx.diagnostics.push(diagnostic('error', 'amf-value-truncated', `the AMF0 value ${nameOf(values.length)} runs past the end of its data`, at, r.absByte));
      } else {
        throw e;
      }
      ctx.depth = 0;
      break;
    }
  }
  return values;
}

/** The marker and value fields of one value (the caller owns the group). */
export function readAmf0Body(r: FieldReader, ctx: AmfContext): AmfValue {
  const at = r.absByte;
  const marker = r.u8('marker', AMF0_MARKERS);
  switch (marker) {
    case 0x00:
      return readDouble(r, 'value');
    case 0x01:
      return r.u8('value', (v) => (v === 0 ? 'false' : 'true')) !== 0;
    case 0x02:
      return readUtf8(r, 16, 'value');
    case 0x03:
      return readProperties(r, ctx, register(ctx, newAmfObject('object')));
    case 0x05:
      return null;
    case 0x06:
    case 0x0d:
      return undefined;
    case 0x07:
      return readReference(r, ctx, at);
    case 0x08: {
      const object = register(ctx, newAmfObject('ecma-array'));
      const hint = r.u32('associative-count', (n) => `${n} (a hint: the array is read to its object-end marker)`);
      readProperties(r, ctx, object);
      if (hint !== object.properties.size) {
        report(ctx, r, 'info', 'amf0-ecma-count-mismatch', `the ECMA array declares ${hint} entries and holds ${object.properties.size}`, at);
      }
      return object;
    }
    case 0x09:
      report(ctx, r, 'warning', 'amf0-unexpected-object-end', 'an object-end marker outside an object', at);
      return undefined;
    case 0x0a:
      return readStrictArray(r, ctx, at);
    case 0x0b: {
      const ms = readDouble(r, 'date', dateDisplay);
      const timezone = r.i(16, 'time-zone', (v) => `${v} minutes (reserved, should be 0)`);
      return { kind: 'date', ms, timezone };
    }
    case 0x0c:
      return readUtf8(r, 32, 'value');
    case 0x0f:
      return readUtf8(r, 32, 'value');
    case 0x10: {
      const className = readUtf8(r, 16, 'class-name');
      return readProperties(r, ctx, register(ctx, newAmfObject('object', className)));
    }
    case 0x11:
      return readAmf3Body(r, ctx);
    default:
      // movieclip and recordset are reserved, the rest unknown: their length cannot be known.
      throw new AmfError(r.pos, 'amf0-unknown-marker', `AMF0 marker 0x${marker.toString(16).padStart(2, '0')} (${AMF0_MARKERS[marker as 0x04] ?? 'unknown'}) cannot be read`);
  }
}

function register<T extends AmfValue>(ctx: AmfContext, v: T): T {
  ctx.amf0Objects.push(v);
  return v;
}

function readReference(r: FieldReader, ctx: AmfContext, at: number): AmfValue {
  const index = r.u16('reference');
  const target = ctx.amf0Objects[index];
  if (index >= ctx.amf0Objects.length) {
    report(ctx, r, 'error', 'amf-bad-reference', `reference ${index} points past the ${ctx.amf0Objects.length} complex values read so far`, at);
    return undefined;
  }
  const f = r.last;
  if (f) f.display = `complex value #${index}: ${showAmf(target)}`;
  return target;
}

/** object-property pairs up to the object-end marker (00 00 09). Also the body of ECMA arrays and typed objects. */
function readProperties(r: FieldReader, ctx: AmfContext, object: AmfObject): AmfObject {
  enter(ctx, r);
  try {
    for (;;) {
      if (r.bytesLeft === 0) {
        // Some writers end the last ECMA array of a tag without the marker: tell, and keep what was read.
        report(ctx, r, 'warning', 'amf0-missing-object-end', 'the data ends before the object-end marker (00 00 09)', r.absByte);
        return object;
      }
      const p = r.group('property', () => readProperty(r, ctx), (p) => fieldValueOf(p.value), (p) => (p.end ? 'end of object' : showAmf(p.value)));
      renameLast(r, p.end ? 'object-end' : p.key);
      if (p.end) return object;
      object.properties.set(p.key, p.value);
    }
  } finally {
    ctx.depth--;
  }
}

/** One object-property: its name, then its value; or the empty name and the object-end marker. */
function readProperty(r: FieldReader, ctx: AmfContext): { key: string; value: AmfValue; end: boolean } {
  const key = readUtf8(r, 16, 'name');
  if (key === '' && r.bytesLeft > 0 && r.data[r.pos >>> 3] === OBJECT_END) {
    r.u8('marker', AMF0_MARKERS);
    return { key, value: undefined, end: true };
  }
  return { key, value: readAmf0Body(r, ctx), end: false };
}

function readStrictArray(r: FieldReader, ctx: AmfContext, at: number): AmfValue[] {
  let count = r.u32('array-count');
  // Each value takes at least its marker byte: a larger count cannot be right.
  if (count > r.bytesLeft) {
    report(ctx, r, 'error', 'amf-array-count-exceeds-data', `array-count ${count} exceeds the ${r.bytesLeft} bytes left; reading at most that many`, at);
    count = r.bytesLeft;
  }
  const items = register(ctx, [] as AmfValue[]);
  enter(ctx, r);
  try {
    for (let i = 0; i < count; i++) items.push(readAmf0Value(r, `[${i}]`, ctx));
  } finally {
    ctx.depth--;
  }
  return items;
}
