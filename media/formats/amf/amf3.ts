/**
 * AMF3 (Adobe AMF 3 specification, 2013), reached from AMF0 through the avmplus-object marker
 * (0x11) or directly (RTMP message types 15/16/17). Strings, complex values and traits are sent
 * once and referred to by index afterwards; the tables live in the AmfContext of the message.
 */
import type { FieldReader } from '../../model/field-reader.js';
import {
  type Amf3Traits, type AmfContext, type AmfObject, type AmfValue, AmfError, dateDisplay, enter, fieldValueOf, newAmfContext,
  newAmfObject, readDouble, renameLast, report, showAmf,
} from './amf-value.js';

/** AMF3 type markers (AMF 3 spec 3.1). */
export const AMF3_MARKERS = {
  0x00: 'undefined',
  0x01: 'null',
  0x02: 'false',
  0x03: 'true',
  0x04: 'integer',
  0x05: 'double',
  0x06: 'string',
  0x07: 'xml-doc',
  0x08: 'date',
  0x09: 'array',
  0x0a: 'object',
  0x0b: 'xml',
  0x0c: 'byte-array',
  0x0d: 'vector-int',
  0x0e: 'vector-uint',
  0x0f: 'vector-double',
  0x10: 'vector-object',
  0x11: 'dictionary',
} as const;

/** Externalizable classes whose body is one AMF3 value (Flex's wrappers), so they can still be read. */
const WRAPPER_CLASSES = new Set(['flex.messaging.io.ArrayCollection', 'flex.messaging.io.ObjectProxy', 'mx.collections.ArrayCollection']);

/**
 * U29: 1 to 4 bytes, 7 bits from each of the first three (high bit = more), all 8 of the fourth.
 * Read as one field spanning its bytes; `describe` explains the flag bits packed into it.
 */
export function readU29(r: FieldReader, name: string, describe?: (v: number) => string): number {
  const d = r.data;
  const from = r.pos >>> 3;
  let n = 1;
  while (n < 4 && from + n - 1 < d.length && (d[from + n - 1]! & 0x80) !== 0) n++;
  const raw = r.u(8 * n, name);
  let v = 0;
  for (let i = 0; i < n; i++) {
    const byte = (raw >>> (8 * (n - 1 - i))) & 0xff;
    v = i === 3 ? v * 256 + byte : v * 128 + (byte & 0x7f);
  }
  const f = r.last;
  if (f) {
    f.value = v;
    if (describe) f.display = describe(v);
  }
  return v;
}

/** One AMF3 value as a field group named `name`. Throws like readAmf0Value. */
export function readAmf3Value(r: FieldReader, name: string, ctx: AmfContext = newAmfContext()): AmfValue {
  return r.group(name, () => readAmf3Body(r, ctx), fieldValueOf, (v) => showAmf(v));
}

/** The marker and value fields of one AMF3 value. */
export function readAmf3Body(r: FieldReader, ctx: AmfContext): AmfValue {
  const at = r.absByte;
  const marker = r.u8('marker', AMF3_MARKERS);
  switch (marker) {
    case 0x00:
      return undefined;
    case 0x01:
      return null;
    case 0x02:
      return false;
    case 0x03:
      return true;
    case 0x04: {
      // U29 read as a signed 29-bit integer.
      const u = readU29(r, 'value');
      const v = u >= 0x10000000 ? u - 0x20000000 : u;
      const f = r.last;
      if (f) f.value = v;
      return v;
    }
    case 0x05:
      return readDouble(r, 'value');
    case 0x06:
      return readAmf3String(r, 'value', ctx);
    case 0x07:
    case 0x0b:
      return readXml(r, ctx, at);
    case 0x08:
      return readDate(r, ctx, at);
    case 0x09:
      return readArray(r, ctx, at);
    case 0x0a:
      return readObject(r, ctx, at);
    case 0x0c:
      return readByteArray(r, ctx, at);
    case 0x0d:
    case 0x0e:
    case 0x0f:
    case 0x10:
      return readVector(r, ctx, at, marker);
    case 0x11:
      return readDictionary(r, ctx, at);
    default:
      throw new AmfError(r.pos, 'amf3-unknown-marker', `AMF3 marker 0x${marker.toString(16).padStart(2, '0')} is not defined`);
  }
}

const refOrLength = (v: number): string => ((v & 1) === 0 ? `reference #${v >>> 1}` : `length ${v >>> 1}`);
const refOrCount = (v: number): string => ((v & 1) === 0 ? `reference #${v >>> 1}` : `count ${v >>> 1}`);

/** UTF-8-vr: a U29S that is either a string-table reference or a length; non-empty strings join the table. */
export function readAmf3String(r: FieldReader, name: string, ctx: AmfContext): string {
  const at = r.absByte;
  const u = readU29(r, `${name}-U29S`, refOrLength);
  if ((u & 1) === 0) {
    const s = ctx.amf3.strings[u >>> 1];
    if (s === undefined) {
      report(ctx, r, 'error', 'amf-bad-reference', `string reference ${u >>> 1} points past the ${ctx.amf3.strings.length} strings read so far`, at);
      return '';
    }
    r.derive(name, s);
    return s;
  }
  const s = r.text(u >>> 1, name);
  if (s !== '') ctx.amf3.strings.push(s);
  return s;
}

/** Resolves an object-table reference, or undefined (with a diagnostic) when it points nowhere. */
function objectRef(r: FieldReader, ctx: AmfContext, u: number, at: number): AmfValue {
  const index = u >>> 1;
  if (index >= ctx.amf3.objects.length) {
    report(ctx, r, 'error', 'amf-bad-reference', `object reference ${index} points past the ${ctx.amf3.objects.length} complex values read so far`, at);
    return undefined;
  }
  return ctx.amf3.objects[index];
}

function readXml(r: FieldReader, ctx: AmfContext, at: number): AmfValue {
  const u = readU29(r, 'U29X', refOrLength);
  if ((u & 1) === 0) return objectRef(r, ctx, u, at);
  const text = r.text(u >>> 1, 'value');
  ctx.amf3.objects.push(text);
  return text;
}

function readDate(r: FieldReader, ctx: AmfContext, at: number): AmfValue {
  const u = readU29(r, 'U29D', (v) => ((v & 1) === 0 ? `reference #${v >>> 1}` : 'value follows'));
  if ((u & 1) === 0) return objectRef(r, ctx, u, at);
  const date = { kind: 'date' as const, ms: readDouble(r, 'date', dateDisplay) };
  ctx.amf3.objects.push(date);
  return date;
}

function readByteArray(r: FieldReader, ctx: AmfContext, at: number): AmfValue {
  const u = readU29(r, 'U29B', refOrLength);
  if ((u & 1) === 0) return objectRef(r, ctx, u, at);
  const bytes = r.bytes(u >>> 1, 'value');
  ctx.amf3.objects.push(bytes);
  return bytes;
}

/** Each entry needs at least `minBytes`: a count beyond the data is clamped (nothing allocated from it). */
function checkCount(r: FieldReader, ctx: AmfContext, count: number, minBytes: number, what: string, at: number): number {
  if (count * minBytes <= r.bytesLeft) return count;
  report(ctx, r, 'error', 'amf-array-count-exceeds-data', `${what} count ${count} exceeds the ${r.bytesLeft} bytes left`, at);
  return Math.floor(r.bytesLeft / minBytes);
}

/** Name/value pairs up to the empty name (array associative part, dynamic members). */
function readDynamicMembers(r: FieldReader, ctx: AmfContext, into: AmfObject): void {
  for (;;) {
    const p = r.group(
      'member',
      () => {
        const key = readAmf3String(r, 'name', ctx);
        return { key, value: key === '' ? undefined : readAmf3Body(r, ctx) };
      },
      (p) => fieldValueOf(p.value),
      (p) => (p.key === '' ? 'end of members' : showAmf(p.value)),
    );
    renameLast(r, p.key === '' ? 'members-end' : p.key);
    if (p.key === '') return;
    into.properties.set(p.key, p.value);
  }
}

function readArray(r: FieldReader, ctx: AmfContext, at: number): AmfValue {
  const u = readU29(r, 'U29A', refOrCount);
  if ((u & 1) === 0) return objectRef(r, ctx, u, at);
  const array = newAmfObject('array');
  ctx.amf3.objects.push(array);
  enter(ctx, r);
  try {
    readDynamicMembers(r, ctx, array);
    const count = checkCount(r, ctx, u >>> 1, 1, 'dense array', at);
    for (let i = 0; i < count; i++) array.items.push(readAmf3Value(r, `[${i}]`, ctx));
  } finally {
    ctx.depth--;
  }
  return array.properties.size === 0 ? array.items : array;
}

function readTraits(r: FieldReader, ctx: AmfContext, u: number, at: number): Amf3Traits | undefined {
  if ((u & 2) === 0) {
    const traits = ctx.amf3.traits[u >>> 2];
    if (!traits) report(ctx, r, 'error', 'amf-bad-reference', `traits reference ${u >>> 2} points past the ${ctx.amf3.traits.length} traits read so far`, at);
    return traits;
  }
  const externalizable = (u & 4) !== 0;
  const className = readAmf3String(r, 'class-name', ctx);
  const traits: Amf3Traits = { className, sealed: [], dynamic: (u & 8) !== 0, externalizable };
  ctx.amf3.traits.push(traits);
  if (externalizable) return traits;
  const count = checkCount(r, ctx, u >>> 4, 1, 'sealed member', at);
  for (let i = 0; i < count; i++) traits.sealed.push(readAmf3String(r, `sealed-member[${i}]`, ctx));
  return traits;
}

function objectDisplay(v: number): string {
  if ((v & 1) === 0) return `object reference #${v >>> 1}`;
  if ((v & 2) === 0) return `traits reference #${v >>> 2}`;
  if ((v & 4) !== 0) return 'externalizable traits';
  return `${(v & 8) !== 0 ? 'dynamic' : 'sealed'}, ${v >>> 4} sealed members`;
}

function readObject(r: FieldReader, ctx: AmfContext, at: number): AmfValue {
  const u = readU29(r, 'U29O', objectDisplay);
  if ((u & 1) === 0) return objectRef(r, ctx, u, at);
  const traits = readTraits(r, ctx, u, at);
  const object = newAmfObject('object', traits?.className);
  ctx.amf3.objects.push(object);
  if (!traits) return object;
  enter(ctx, r);
  try {
    if (traits.externalizable) {
      if (!WRAPPER_CLASSES.has(traits.className)) {
        throw new AmfError(r.pos, 'amf3-externalizable', `externalizable class '${traits.className}' writes its own bytes; they cannot be decoded, nor anything after them`);
      }
      object.items.push(readAmf3Value(r, 'source', ctx));
      return object;
    }
    for (const member of traits.sealed) {
      const v = readAmf3Value(r, member, ctx);
      object.properties.set(member, v);
    }
    if (traits.dynamic) readDynamicMembers(r, ctx, object);
  } finally {
    ctx.depth--;
  }
  return object;
}

const VECTOR_ITEM = { 0x0d: 4, 0x0e: 4, 0x0f: 8, 0x10: 1 } as const;

function readVector(r: FieldReader, ctx: AmfContext, at: number, marker: 0x0d | 0x0e | 0x0f | 0x10): AmfValue {
  const u = readU29(r, 'U29V', refOrCount);
  if ((u & 1) === 0) return objectRef(r, ctx, u, at);
  r.u8('fixed-vector', (v) => (v === 0 ? 'variable length' : 'fixed length'));
  const vector = newAmfObject('vector');
  ctx.amf3.objects.push(vector);
  if (marker === 0x10) vector.className = readAmf3String(r, 'object-type-name', ctx) || undefined;
  const count = checkCount(r, ctx, u >>> 1, VECTOR_ITEM[marker], 'vector', at);
  enter(ctx, r);
  try {
    for (let i = 0; i < count; i++) {
      if (marker === 0x0d) vector.items.push(r.i(32, `[${i}]`));
      else if (marker === 0x0e) vector.items.push(r.u32(`[${i}]`));
      else if (marker === 0x0f) vector.items.push(readDouble(r, `[${i}]`));
      else vector.items.push(readAmf3Value(r, `[${i}]`, ctx));
    }
  } finally {
    ctx.depth--;
  }
  return vector;
}

function readDictionary(r: FieldReader, ctx: AmfContext, at: number): AmfValue {
  const u = readU29(r, 'U29Dict', refOrCount);
  if ((u & 1) === 0) return objectRef(r, ctx, u, at);
  r.u8('weak-keys', (v) => (v === 0 ? 'strong keys' : 'weak keys'));
  const dictionary = newAmfObject('dictionary');
  const entries: Array<[AmfValue, AmfValue]> = [];
  dictionary.entries = entries;
  ctx.amf3.objects.push(dictionary);
  const count = checkCount(r, ctx, u >>> 1, 2, 'dictionary', at);
  enter(ctx, r);
  try {
    for (let i = 0; i < count; i++) {
      const key = readAmf3Value(r, `key[${i}]`, ctx);
      entries.push([key, readAmf3Value(r, `value[${i}]`, ctx)]);
    }
  } finally {
    ctx.depth--;
  }
  return dictionary;
}
