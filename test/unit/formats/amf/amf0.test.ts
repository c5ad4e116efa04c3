import { describe, expect, it } from 'vitest';
import { FieldReader } from '../../../../media/model/field-reader.js';
import { ANNOTATE, BULK, type Field } from '../../../../media/model/types.js';
import { type AmfObject, amfGet, newAmfContext } from '../../../../media/formats/amf/amf-value.js';
import { readAmf0Value, readAmf0Values } from '../../../../media/formats/amf/amf0.js';
import { u16 } from '../../../helpers/bytes.js';

/** The bytes sit at absolute offset 100 of an imaginary message, to check offsets are absolute. */
const BASE = 100;
const reader = (bytes: number[], options = ANNOTATE): FieldReader => FieldReader.at(Uint8Array.from(bytes), BASE, options);
const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];
const str = (s: string): number[] => [...u16(utf8(s).length), ...utf8(s)];
const field = (fields: Field[] | undefined, name: string): Field | undefined => fields?.find((f) => f.name === name);

describe('AMF0 scalars', () => {
  it('reads a number as a group with its marker and IEEE double', () => {
    const r = reader([
      0x00, // marker = number
      0x40, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 640.0
    ]);
    expect(readAmf0Value(r, 'width')).toBe(640);
    const g = r.fields[0]!;
    expect(g).toMatchObject({ name: 'width', value: 640, bitOffset: BASE * 8, bitLength: 9 * 8 });
    expect(field(g.fields, 'marker')).toMatchObject({ value: 0, display: 'number', bitLength: 8 });
    expect(field(g.fields, 'value')).toMatchObject({ value: 640, bitOffset: (BASE + 1) * 8, bitLength: 64 });
  });

  it('reads boolean, string, null, undefined, unsupported', () => {
    const r = reader([
      0x01, 0x01, // boolean true
      0x02, 0x00, 0x03, 0x61, 0x62, 0x63, // string "abc"
      0x05, // null
      0x06, // undefined
      0x0d, // unsupported
    ]);
    expect(readAmf0Values(r)).toEqual([true, 'abc', null, undefined, undefined]);
    expect(r.fields.map((f) => f.name)).toEqual(['value[0]', 'value[1]', 'value[2]', 'value[3]', 'value[4]']);
    expect(field(r.fields[1]!.fields, 'value-length')).toMatchObject({ value: 3 });
  });

  it('reads a long string and an XML document (32-bit lengths)', () => {
    const r = reader([
      0x0c, 0x00, 0x00, 0x00, 0x02, 0x68, 0x69, // long string "hi"
      0x0f, 0x00, 0x00, 0x00, 0x04, 0x3c, 0x61, 0x2f, 0x3e, // xml-document "<a/>"
    ]);
    expect(readAmf0Values(r)).toEqual(['hi', '<a/>']);
  });

  it('reads a date: double milliseconds and a 16-bit time zone', () => {
    const r = reader([
      0x0b, // marker = date
      0x42, 0x6d, 0x1a, 0x94, 0xa2, 0x00, 0x00, 0x00, // 1e12 ms = 2001-09-09T01:46:40Z
      0xff, 0xc4, // time-zone = -60
    ]);
    expect(readAmf0Value(r, 'd')).toEqual({ kind: 'date', ms: 1e12, timezone: -60 });
    expect(field(r.fields[0]!.fields, 'date')?.display).toBe('2001-09-09T01:46:40.000Z');
  });
});

describe('AMF0 objects and arrays', () => {
  it('names each property group by its key and ends at 00 00 09', () => {
    const r = reader([
      0x03, // marker = object
      ...str('app'), 0x02, ...str('live'), // app = "live"
      ...str('tcUrl'), 0x02, ...str('rtmp://h/live'), // tcUrl = "rtmp://h/live"
      0x00, 0x00, 0x09, // object-end
    ]);
    const v = readAmf0Value(r, 'command object') as AmfObject;
    expect(v.kind).toBe('object');
    expect(amfGet(v, 'app')).toBe('live');
    expect(amfGet(v, 'tcUrl')).toBe('rtmp://h/live');
    const g = r.fields[0]!;
    expect(g.fields!.map((f) => f.name)).toEqual(['marker', 'app', 'tcUrl', 'object-end']);
    const app = field(g.fields, 'app')!;
    expect(app.value).toBe('live');
    expect(app.fields!.map((f) => f.name)).toEqual(['name-length', 'name', 'marker', 'value-length', 'value']);
    // The object-end group covers its three bytes, at their absolute offsets.
    const end = field(g.fields, 'object-end')!;
    expect(end.bitOffset / 8).toBe(BASE + r.data.length - 3);
    expect(end.bitLength).toBe(24);
  });

  it('reads an ECMA array to its end marker, whatever the count says (a hint)', () => {
    const r = reader([
      0x08, // marker = ecma-array
      0x00, 0x00, 0x00, 0x00, // associative-count = 0 (wrong: 2 follow)
      ...str('a'), 0x00, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, // a = 1
      ...str('b'), 0x01, 0x00, // b = false
      0x00, 0x00, 0x09, // object-end
    ]);
    const ctx = newAmfContext();
    const v = readAmf0Value(r, 'm', ctx) as AmfObject;
    expect([...v.properties]).toEqual([['a', 1], ['b', false]]);
    expect(ctx.diagnostics.map((d) => d.code)).toEqual(['amf0-ecma-count-mismatch']);
  });

  it('tolerates an ECMA array that ends with the data, without the end marker', () => {
    const r = reader([0x08, 0x00, 0x00, 0x00, 0x01, ...str('a'), 0x05]);
    const ctx = newAmfContext();
    const [v] = readAmf0Values(r, ctx);
    expect(amfGet(v, 'a')).toBe(null);
    expect(ctx.diagnostics.map((d) => d.code)).toEqual(['amf0-missing-object-end']);
  });

  it('reads a strict array with items named by index', () => {
    const r = reader([
      0x0a, 0x00, 0x00, 0x00, 0x02, // strict-array, array-count = 2
      0x02, ...str('x'), // "x"
      0x05, // null
    ]);
    expect(readAmf0Value(r, 'list')).toEqual(['x', null]);
    expect(r.fields[0]!.fields!.map((f) => f.name)).toEqual(['marker', 'array-count', '[0]', '[1]']);
  });

  it('reads a typed object with its class name', () => {
    const r = reader([0x10, ...str('Point'), ...str('x'), 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00, 0x09]);
    const v = readAmf0Value(r, 'p') as AmfObject;
    expect(v.className).toBe('Point');
    expect(amfGet(v, 'x')).toBe(0);
  });

  it('resolves references to complex values read before', () => {
    const r = reader([
      0x0a, 0x00, 0x00, 0x00, 0x02, // strict array of 2
      0x03, ...str('k'), 0x05, 0x00, 0x00, 0x09, // [0] = { k: null } (complex value #1)
      0x07, 0x00, 0x01, // [1] = reference #1
    ]);
    const v = readAmf0Value(r, 'a') as [AmfObject, AmfObject];
    expect(v[1]).toBe(v[0]);
  });

  it('reports a reference that points nowhere', () => {
    const ctx = newAmfContext();
    expect(readAmf0Values(reader([0x07, 0x00, 0x05]), ctx)).toEqual([undefined]);
    expect(ctx.diagnostics[0]).toMatchObject({ code: 'amf-bad-reference', start: BASE });
  });

  it('switches to AMF3 at the avmplus-object marker', () => {
    const r = reader([
      0x11, // AMF0 marker = avmplus-object
      0x04, 0x7f, // AMF3 integer 127
    ]);
    expect(readAmf0Value(r, 'v')).toBe(127);
  });

  it('reads without recording (bulk) to the same values', () => {
    const bytes = [0x03, ...str('a'), 0x02, ...str('b'), 0x00, 0x00, 0x09];
    const r = reader(bytes, BULK);
    expect(amfGet(readAmf0Value(r, 'o'), 'a')).toBe('b');
    expect(r.fields).toEqual([]);
  });
});

describe('AMF0 bad input', () => {
  it('stops at 1,000 nested objects with a diagnostic, not a stack overflow', () => {
    const bytes: number[] = [];
    for (let i = 0; i < 1000; i++) bytes.push(0x03, ...str('o')); // object { o: object { o: ...
    bytes.push(0x05); // innermost value null
    for (let i = 0; i < 1000; i++) bytes.push(0x00, 0x00, 0x09);
    const ctx = newAmfContext();
    expect(() => readAmf0Values(reader(bytes), ctx)).not.toThrow();
    expect(ctx.diagnostics.map((d) => d.code)).toEqual(['amf-nesting-too-deep']);
    expect(ctx.depth).toBe(0);
  });

  it('never allocates from a strict array count of 2^32 - 1', () => {
    const r = reader([
      0x0a, 0xff, 0xff, 0xff, 0xff, // strict-array, array-count = 4294967295
      0x05, 0x05, // two nulls, then the data ends
    ]);
    const ctx = newAmfContext();
    const values = readAmf0Values(r, ctx);
    expect(values).toEqual([[null, null]]);
    expect(ctx.diagnostics.map((d) => d.code)).toEqual(['amf-array-count-exceeds-data']);
    expect(ctx.diagnostics[0]!.start).toBe(BASE);
  });

  it('reports a string longer than the data and keeps the values before it', () => {
    const ctx = newAmfContext();
    const values = readAmf0Values(reader([0x05, 0x02, 0xff, 0xff, 0x61]), ctx);
    expect(values).toEqual([null]);
    expect(ctx.diagnostics[0]).toMatchObject({ code: 'amf-value-truncated', start: BASE + 1 });
  });

  it('stops at a reserved or unknown marker', () => {
    for (const marker of [0x04, 0x0e, 0x12, 0xff]) {
      const ctx = newAmfContext();
      expect(readAmf0Values(reader([0x05, marker, 0x05]), ctx)).toEqual([null]);
      expect(ctx.diagnostics.map((d) => d.code)).toEqual(['amf0-unknown-marker']);
    }
  });

  it('reports an object-end marker outside an object', () => {
    const ctx = newAmfContext();
    readAmf0Values(reader([0x09]), ctx);
    expect(ctx.diagnostics.map((d) => d.code)).toEqual(['amf0-unexpected-object-end']);
  });
});
