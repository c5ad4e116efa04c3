import { describe, expect, it } from 'vitest';
import { FieldReader } from '../../../../media/model/field-reader.js';
import { ANNOTATE, type Field } from '../../../../media/model/types.js';
import { type AmfObject, type AmfValue, amfGet, newAmfContext } from '../../../../media/formats/amf/amf-value.js';
import { readAmf3Value, readU29 } from '../../../../media/formats/amf/amf3.js';
import { readAmf0Values } from '../../../../media/formats/amf/amf0.js';

const BASE = 40;
const reader = (bytes: number[]): FieldReader => FieldReader.at(Uint8Array.from(bytes), BASE, ANNOTATE);
const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];
/** UTF-8-vr with an inline value: U29S = length << 1 | 1 (short strings: one byte). */
const vr = (s: string): number[] => [(utf8(s).length << 1) | 1, ...utf8(s)];
const field = (fields: Field[] | undefined, name: string): Field | undefined => fields?.find((f) => f.name === name);

/** Reads one AMF3 value through the AMF0 switch marker, as FLV and RTMP AMF0 messages carry it. */
function viaAmf0(bytes: number[]): { values: AmfValue[]; codes: string[]; r: FieldReader } {
  const r = reader([0x11, ...bytes]);
  const ctx = newAmfContext();
  const values = readAmf0Values(r, ctx);
  return { values, codes: ctx.diagnostics.map((d) => d.code), r };
}

describe('U29', () => {
  const cases: Array<[number[], number]> = [
    [[0x00], 0],
    [[0x7f], 127],
    [[0x81, 0x00], 128],
    [[0xff, 0x7f], 0x3fff],
    [[0x81, 0x80, 0x00], 0x4000],
    [[0xff, 0xff, 0x7f], 0x1fffff],
    [[0x80, 0xc0, 0x80, 0x00], 0x200000],
    [[0xff, 0xff, 0xff, 0xff], 0x1fffffff],
  ];
  for (const [bytes, value] of cases) {
    it(`reads ${bytes.map((b) => b.toString(16)).join(' ')} as ${value} in one field`, () => {
      const r = reader(bytes);
      expect(readU29(r, 'n')).toBe(value);
      expect(r.fields[0]).toMatchObject({ name: 'n', value, bitOffset: BASE * 8, bitLength: bytes.length * 8 });
    });
  }
});

describe('AMF3 values', () => {
  it('reads the constants, a signed integer and a double', () => {
    const ctx = newAmfContext();
    const read = (bytes: number[]): AmfValue => readAmf3Value(reader(bytes), 'v', ctx);
    expect(read([0x00])).toBe(undefined);
    expect(read([0x01])).toBe(null);
    expect(read([0x02])).toBe(false);
    expect(read([0x03])).toBe(true);
    expect(read([0x04, 0xff, 0xff, 0xff, 0xff])).toBe(-1); // integer: 29 bits of ones, sign-extended
    expect(read([0x04, 0xc0, 0x80, 0x80, 0x00])).toBe(-268435456); // the smallest 29-bit integer
    expect(read([0x05, 0x40, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18])).toBeCloseTo(Math.PI, 12);
  });

  it('keeps a string table: the second "ab" is a reference', () => {
    const r = reader([
      0x09, 0x05, 0x01, // array: U29A = 2 dense items, no associative part (empty name 0x01)
      0x06, ...vr('ab'), // [0] = string "ab" (joins the string table as #0)
      0x06, 0x00, // [1] = string reference #0
    ]);
    expect(readAmf3Value(r, 'a')).toEqual(['ab', 'ab']);
    const second = field(r.fields[0]!.fields, '[1]')!;
    expect(field(second.fields, 'value-U29S')?.display).toBe('reference #0');
  });

  it('reads a date, an XML value and a ByteArray', () => {
    expect(readAmf3Value(reader([0x08, 0x01, 0, 0, 0, 0, 0, 0, 0, 0]), 'd')).toEqual({ kind: 'date', ms: 0 });
    expect(readAmf3Value(reader([0x0b, ...vr('<x/>')]), 'x')).toBe('<x/>');
    expect(readAmf3Value(reader([0x0c, 0x07, 1, 2, 3]), 'b')).toEqual(Uint8Array.from([1, 2, 3]));
  });

  it('reads an array with an associative part', () => {
    const v = readAmf3Value(reader([0x09, 0x03, ...vr('k'), 0x04, 0x05, 0x01, 0x03]), 'a') as AmfObject;
    expect(v.kind).toBe('array');
    expect(amfGet(v, 'k')).toBe(5);
    expect(v.items).toEqual([true]);
  });

  it('reads a sealed+dynamic object, and a second one through its traits reference', () => {
    const r = reader([
      0x09, 0x05, 0x01, // array of 2
      0x0a, 0x1b, // object: U29O = 1 sealed member, dynamic, inline traits (0b1_1011)
      ...vr('Pt'), // class-name "Pt"
      ...vr('x'), // sealed-member[0] = "x"
      0x04, 0x01, // x = 1
      ...vr('tag'), 0x06, ...vr('a'), // dynamic tag = "a"
      0x01, // end of dynamic members
      0x0a, 0x01, // object: U29O = traits reference #0
      0x04, 0x02, // x = 2
      0x01, // no dynamic members
    ]);
    const [a, b] = readAmf3Value(r, 'list') as [AmfObject, AmfObject];
    expect(a.className).toBe('Pt');
    expect([...a.properties]).toEqual([['x', 1], ['tag', 'a']]);
    expect(b.className).toBe('Pt');
    expect([...b.properties]).toEqual([['x', 2]]);
    const first = field(r.fields[0]!.fields, '[0]')!;
    expect(field(first.fields, 'U29O')?.display).toBe('dynamic, 1 sealed members');
    expect(field(first.fields, 'x')?.value).toBe(1);
  });

  it('reads int, uint and double vectors and an object vector', () => {
    expect((readAmf3Value(reader([0x0d, 0x05, 0x00, 0xff, 0xff, 0xff, 0xfe, 0, 0, 0, 3]), 'v') as AmfObject).items).toEqual([-2, 3]);
    expect((readAmf3Value(reader([0x0e, 0x03, 0x01, 0xff, 0xff, 0xff, 0xff]), 'v') as AmfObject).items).toEqual([4294967295]);
    expect((readAmf3Value(reader([0x0f, 0x03, 0x00, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0]), 'v') as AmfObject).items).toEqual([1]);
    const objects = readAmf3Value(reader([0x10, 0x03, 0x00, ...vr('T'), 0x01]), 'v') as AmfObject;
    expect(objects).toMatchObject({ kind: 'vector', className: 'T', items: [null] });
  });

  it('reads a dictionary with non-string keys', () => {
    const v = readAmf3Value(reader([0x11, 0x03, 0x00, 0x04, 0x07, 0x06, ...vr('seven')]), 'd') as AmfObject;
    expect(v.entries).toEqual([[7, 'seven']]);
  });
});

describe('AMF3 bad input', () => {
  it('cannot decode an externalizable object: a diagnostic, and the values before it are kept', () => {
    const r = reader([
      0x05, // AMF0 null
      0x11, 0x0a, 0x07, ...vr('com.example.Custom'), 0xde, 0xad, // AMF3 object, externalizable traits
    ]);
    const ctx = newAmfContext();
    expect(readAmf0Values(r, ctx)).toEqual([null]);
    expect(ctx.diagnostics.map((d) => d.code)).toEqual(['amf3-externalizable']);
  });

  it('reads Flex ArrayCollection (externalizable, but its body is one AMF3 value)', () => {
    const { values, codes } = viaAmf0([0x0a, 0x07, ...vr('flex.messaging.io.ArrayCollection'), 0x09, 0x03, 0x01, 0x04, 0x09]);
    expect(codes).toEqual([]);
    expect((values[0] as AmfObject).items).toEqual([[9]]);
  });

  it('caps nesting: 1,000 nested arrays give a diagnostic', () => {
    const bytes: number[] = [];
    for (let i = 0; i < 1000; i++) bytes.push(0x09, 0x03, 0x01); // array of one item, no associative part
    bytes.push(0x01);
    const { codes } = viaAmf0(bytes);
    expect(codes).toEqual(['amf-nesting-too-deep']);
  });

  it('never allocates from a dense count of 2^28 - 1', () => {
    const { values, codes } = viaAmf0([0x09, 0xff, 0xff, 0xff, 0xff, 0x01, 0x01, 0x01]);
    expect(codes).toEqual(['amf-array-count-exceeds-data']);
    expect(values).toEqual([[null, null]]);
  });

  it('reports references past the tables', () => {
    expect(viaAmf0([0x06, 0x08]).codes).toEqual(['amf-bad-reference']); // string #4
    expect(viaAmf0([0x0a, 0x04]).codes).toEqual(['amf-bad-reference']); // object #2
    expect(viaAmf0([0x0a, 0x09]).codes).toEqual(['amf-bad-reference']); // traits #2
  });

  it('stops at an undefined marker', () => {
    expect(viaAmf0([0x13]).codes).toEqual(['amf3-unknown-marker']);
  });
});
