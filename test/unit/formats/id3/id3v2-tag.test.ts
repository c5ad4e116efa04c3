import { describe, expect, it } from 'vitest';
import { id3v2Length, id3v2Node } from '../../../../media/formats/id3/id3v2-tag.js';
import { ANNOTATE } from '../../../../media/model/types.js';
import { findField } from '../../../helpers/fields.js';

const latin1 = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const be32 = (n: number): number[] => [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
/** An ID3v2.3 tag (plain 32-bit frame sizes) holding the given frames. */
function tag(...frames: Array<[string, number[]]>): Uint8Array {
  const body = frames.flatMap(([id, data]) => [...latin1(id), ...be32(data.length), 0, 0, ...data]);
  const n = body.length;
  return new Uint8Array([...latin1('ID3'), 3, 0, 0, (n >> 21) & 0x7f, (n >> 14) & 0x7f, (n >> 7) & 0x7f, n & 0x7f, ...body]);
}

describe('ID3v2 tags', () => {
  it('decode UTF-16 text with its byte order mark, TXXX, and an APIC picture', () => {
    const bytes = tag(
      ['TIT2', [1, 0xff, 0xfe, ...[...'Bip'].flatMap((c) => [c.charCodeAt(0), 0])]], // UTF-16 little-endian with BOM
      ['TXXX', [3, ...latin1('key'), 0, ...latin1('value')]], // UTF-8: description, terminator, value
      ['APIC', [0, ...latin1('image/png'), 0, 3, 0, 0x89, 0x50, 0x4e, 0x47]], // front cover, empty description, 4 bytes
    );
    const node = id3v2Node(bytes, 100, 100 + bytes.length, ANNOTATE);
    expect(node.diagnostics).toEqual([]);
    expect(node.children.map((f) => f.title)).toEqual(['TIT2: Bip', 'TXXX: key = value', 'APIC: cover (front), image/png, 4 bytes']);
    expect(findField(node.children[2]!.fields, 'picture_data')).toMatchObject({ bitOffset: (100 + bytes.length - 4) * 8, bitLength: 32 });
  });

  it('keep a frame that claims more than the tag inside the tag, with a diagnostic', () => {
    const bytes = tag(['TIT2', [0, ...latin1('x')]]);
    bytes[14] = 0x7f; // frame size 0x7f000002
    const node = id3v2Node(bytes, 0, bytes.length, ANNOTATE);
    expect(node.children[0]!.diagnostics.map((d) => d.code)).toEqual(['id3v2-frame-overflows-tag']);
    expect(node.children[0]!.end).toBe(bytes.length);
  });

  it('survive a tag cut inside its extended header (a file cut 13 bytes in)', () => {
    const bytes = new Uint8Array([...latin1('ID3'), 4, 0, 0x40, 0, 0, 0, 0x34, ...latin1('TIT')]); // extended_header flag set
    expect(id3v2Length(bytes)).toBe(62);
    const node = id3v2Node(bytes, 0, bytes.length, ANNOTATE);
    expect(node.diagnostics.map((d) => d.code)).toEqual(['id3v2-overflows-file', 'id3v2-truncated']);
  });
});
