import { describe, expect, it } from 'vitest';
import { type TextReading, isReadFailure, textToBytes } from '../../../media/paste/text-to-bytes.js';
import { fromHex, hex } from './helpers.js';

function read(text: string): TextReading {
  const r = textToBytes(text);
  if (isReadFailure(r)) throw new Error(r.error);
  return r;
}

const FLV_HEAD = fromHex('464c56010500000009000000001200012500000000000000'); // 'FLV' header and a script tag header

describe('pasted text to bytes', () => {
  it('reads a C array with a declaration, casts, comments and a trailing comma', () => {
    const r = read(`// from the encoder
static const uint8_t sps[] = { /* header */ 0x67, 0x42, (uint8_t)0xC0, 0x1fU, // profile, level
  255, 010, -1, };`);
    expect(r.encoding).toBe('c-array');
    expect(hex(r.bytes)).toBe('6742c01fff08ff'); // 010 is octal 8 as C reads it; -1 is the signed byte 0xFF
    expect(r.notes.join(' ')).toContain('octal');
    expect(r.notes.join(' ')).toContain('signed bytes');
  });

  it('takes the braces after =, not the brackets of the length', () => {
    expect(hex(read('unsigned char data[4] = {\n0x21, 0x09, 0x0A, 0xBF\n};').bytes)).toBe('21090abf');
  });

  it('reads a JavaScript array and a bare list of decimals', () => {
    expect(hex(read('const b = new Uint8Array([23, 0, 0, 0, 1]);').bytes)).toBe('1700000001');
    expect(hex(read('[0x17, 0x00]').bytes)).toBe('1700');
    expect(read('23, 0, 0, 1').encoding).toBe('c-array');
  });

  it('refuses an array element that is not a byte', () => {
    expect(textToBytes('{ 0x17, 0x100 }')).toEqual({ error: 'element 2 (0x100) does not fit in a byte' });
    expect(isReadFailure(textToBytes('{ 0x17, foo }'))).toBe(true);
  });

  it('reads an xxd dump without its offsets or ASCII column, and checks that column', () => {
    const dump = [
      '00000000: 464c 5601 0500 0000 0900 0000 0012 0001  FLV.............',
      '00000010: 2500 0000 0000 0000                      %.......',
    ].join('\n');
    const r = read(dump);
    expect(r.encoding).toBe('xxd');
    expect(hex(r.bytes)).toBe(hex(FLV_HEAD));
    expect(r.notes[0]).toContain('ASCII column (checked against the bytes)');
  });

  it('reads hexdump -C, with its middle gap, its |ASCII| column, * lines and the closing offset', () => {
    const dump = [
      '00000000  46 4c 56 01 05 00 00 00  09 00 00 00 00 12 00 01  |FLV.............|',
      '00000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|',
      '*',
      '00000030  25 00                                             |%.|',
      '00000032',
    ].join('\n');
    const r = read(dump);
    expect(r.encoding).toBe('hexdump-C');
    expect(r.bytes.length).toBe(0x32);
    expect(hex(r.bytes.subarray(0, 16))).toBe('464c5601050000000900000000120001');
    expect(r.bytes.subarray(16, 48).every((b) => b === 0)).toBe(true); // the '*' repeated the zero line once
    expect(hex(r.bytes.subarray(48))).toBe('2500');
  });

  it('reads od -A x -t x1z and a Wireshark-style dump (offsets that follow the bytes)', () => {
    expect(read('000000 46 4c 56 01  >FLV.<\n000004 05 00  >..<\n000006').encoding).toBe('od');
    const ws = read('0000   46 4c 56 01 05 00 00 00   FLV.....\n0008   09 00                     ..');
    expect(ws.encoding).toBe('offset-dump');
    expect(hex(ws.bytes)).toBe('464c5601050000000900');
  });

  it('notes an ASCII column that disagrees with the bytes, and offsets that skip', () => {
    const r = read('00000000: 4142 4344  ABXD\n00000010: 4546  EF');
    expect(r.notes.some((n) => n.includes('does not match'))).toBe(true);
    expect(r.notes.some((n) => n.includes('lines missing'))).toBe(true);
  });

  it('reads plain hex with or without separators, 0x and \\x prefixes', () => {
    expect(hex(read('17 00 00 00 01').bytes)).toBe('1700000001');
    expect(hex(read('1700000001').bytes)).toBe('1700000001');
    expect(hex(read('17:00:00:01').bytes)).toBe('17000001');
    expect(hex(read('0x17 0x00').bytes)).toBe('1700');
    expect(hex(read('\\x17\\x00\\x42').bytes)).toBe('170042');
  });

  it('sets aside direction markers and # comments of a protocol log', () => {
    const r = read('# command\n> FF A4 00\n< 6E 00');
    expect(hex(r.bytes)).toBe('ffa4006e00');
    expect(r.notes.join(' ')).toContain('direction markers');
  });

  it('reads base64 and base64url, and calls hex-only text hex (saying it was also base64)', () => {
    expect(read('3q2+7w==')).toMatchObject({ encoding: 'base64' });
    expect(hex(read('3q2+7w==').bytes)).toBe('deadbeef');
    expect(hex(read('AAAAAWdCwB-mEQ').bytes)).toBe('000000016742c01fa611');
    expect(read('AAAAAWdCwB-mEQ').encoding).toBe('base64url');
    const d = read('deadbeef');
    expect(d.encoding).toBe('hex');
    expect(hex(d.bytes)).toBe('deadbeef');
    expect(d.notes.join(' ')).toContain('also valid base64');
  });

  it('reads a Python bytes literal', () => {
    expect(hex(read("b'\\x17\\x00B\\xc0\\n'").bytes)).toBe('170042c00a');
  });

  it('says why text is no reading at all', () => {
    expect(textToBytes('   ')).toEqual({ error: 'the text is empty' });
    expect(isReadFailure(textToBytes('hello, world!'))).toBe(true);
    expect(isReadFailure(textToBytes('/* only a comment */'))).toBe(true);
    expect(isReadFailure(textToBytes('abc'))).toBe(false); // three base64 characters: two bytes
    expect(isReadFailure(textToBytes('a'))).toBe(true);
  });
});
