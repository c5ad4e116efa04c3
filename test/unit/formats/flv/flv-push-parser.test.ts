import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FlvUnit, FlvPushParser } from '../../../../media/formats/flv/flv-push-parser.js';
import { MAX_LOADED_BODY } from '../../../../media/formats/flv/flv-tag.js';
import { BULK } from '../../../../media/model/types.js';
import { codes, field, flv, tag, units } from './flv-bytes.js';
import { u24, u32 } from '../../../helpers/bytes.js';

const FIXTURES = ['avc-aac.flv', 'avc-high-bframes.flv'].map((name) => ({
  name,
  bytes: new Uint8Array(readFileSync(new URL(`../../../fixtures/${name}`, import.meta.url))),
}));

/** Pushes `bytes` cut at the given sizes (cycled), then ends. */
function pushChunked(bytes: Uint8Array, sizes: number[]): FlvUnit[] {
  const p = new FlvPushParser();
  const out: FlvUnit[] = [];
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const n = Math.max(1, sizes[i % sizes.length]!);
    // A copy: the parser must not depend on the chunks staying in one buffer.
    out.push(...p.push(bytes.slice(at, at + n)));
    at += n;
  }
  out.push(...p.end());
  return out;
}

describe('FlvPushParser', () => {
  for (const { name, bytes } of FIXTURES) {
    it(`gives the same tags for ${name} fed one byte at a time as in one push`, () => {
      const whole = units(bytes);
      const bytewise = pushChunked(bytes, [1]);
      expect(bytewise.length).toBe(whole.length);
      expect(bytewise).toEqual(whole);
    });

    it(`gives the same tags for ${name} in any chunking (property)`, () => {
      const whole = units(bytes);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 30 }), (sizes) => {
          expect(pushChunked(bytes, sizes)).toEqual(whole);
        }),
        { numRuns: 15 },
      );
    });

    it(`gives the same result for ${name} cut at random offsets (a partial last tag, never a throw)`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: bytes.length }), fc.integer({ min: 1, max: 3000 }), (cut, chunk) => {
          const part = bytes.subarray(0, cut);
          const whole = units(part);
          expect(pushChunked(part, [chunk])).toEqual(whole);
          const last = whole[whole.length - 1];
          if (last) expect(last.node.end).toBe(cut);
        }),
        { numRuns: 40 },
      );
    });
  }

  it('emits each tag as soon as its PreviousTagSize is in, with absolute offsets', () => {
    const header = flv();
    const first = tag(8, 0, [0xaf, 0x01, 0x21]);
    const p = new FlvPushParser();
    expect(p.push(header).map((u) => u.node.name)).toEqual(['FLV header']);
    expect(p.push(Uint8Array.from(first.slice(0, -1)))).toEqual([]);
    const [unit] = p.push(Uint8Array.from(first.slice(-1)));
    expect(unit!.node).toMatchObject({ name: 'audio', start: 13, end: 13 + first.length });
    expect(unit!.packets).toEqual([expect.objectContaining({ track: 0, offset: 13 + 11 + 2, size: 1 })]);
    expect(p.offset).toBe(13 + first.length);
    expect(p.end()).toEqual([]);
  });

  it('reads tags without a file header (tags rebuilt from RTMP messages) at a given offset', () => {
    const p = new FlvPushParser(BULK, { offset: 1000, fileHeader: false });
    const got = p.push(Uint8Array.from([...tag(9, 40, [0x27, 0x01, 0, 0, 0, 0xaa]), ...tag(8, 40, [0xaf, 0x01, 0x21])]));
    expect(got.map((u) => [u.node.name, u.node.start])).toEqual([['video', 1000], ['audio', 1000 + 11 + 6 + 4]]);
    expect(got[0]!.packets[0]).toMatchObject({ offset: 1000 + 11 + 5, dts: 40 });
  });

  it('numbers tracks in the order their first tag appears', () => {
    const p = new FlvPushParser(BULK);
    p.push(flv(tag(8, 0, [0xaf, 0x00, 0x12, 0x10]), tag(9, 0, [0x27, 0x01, 0, 0, 0, 0xaa])));
    expect(p.tracks.map((t) => t.kind)).toEqual(['audio', 'video']);
  });

  it('does not keep a body over the load limit, and lets a driver skip it', () => {
    const size = MAX_LOADED_BODY + 100;
    const p = new FlvPushParser();
    p.push(flv());
    p.push(Uint8Array.from([
      0x09, ...u24(size), 0, 0, 0, 0, 0, 0, 0, // video tag header, DataSize over the limit
      0x17, 0x01, 0x00, 0x00, 0x00, // key frame, AVC NALU, CompositionTime 0
    ]));
    expect(p.skipPending).toBe(0); // the parser still wants the body prefix
    p.push(new Uint8Array(1000));
    const skip = p.skipPending;
    expect(skip).toBe(size - 5 - 1000); // the pushed bytes past the 256-byte prefix were dropped already
    expect(p.skip(skip)).toEqual([]);
    const [unit] = p.push(Uint8Array.from(u32(11 + size)));
    expect(codes(unit!.node)).toEqual(['tag-body-not-loaded']);
    expect(unit!.packets).toEqual([expect.objectContaining({ offset: 13 + 11 + 5, size: size - 5, keyframe: true })]);
    expect(field(unit!.node, 'Data')).toMatchObject({ bitOffset: (13 + 11 + 5) * 8, bitLength: (size - 5) * 8 });
  });

  it('counts the bytes after an implausible tag header without keeping them', () => {
    const p = new FlvPushParser();
    p.push(flv());
    const [bad] = p.push(Uint8Array.from([0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3]));
    expect(codes(bad!.node)).toEqual(['implausible-tag-header']);
    expect(p.skipPending).toBe(Number.POSITIVE_INFINITY);
    p.push(new Uint8Array(100));
    const [rest] = p.end();
    expect(rest!.node).toMatchObject({ name: 'unreadable', start: 13 + 11, end: 13 + 11 + 3 + 100 });
  });
});
