/**
 * Pasted text to bytes. Each reading is tried in a fixed order, and the first that reads the whole text wins,
 * so a text never has two readings: a hex dump (offsets that follow the bytes), a Python bytes literal,
 * an array of numbers (0x.. or braces), plain hex, a list of decimal numbers, then base64. Hex comes before
 * base64 on purpose: `deadbeef` is four bytes of hex, and the notes say it was also valid base64.
 */
import { type ReadFailure, type TextReading, looksLikeArray, readCArray, stripComments } from './c-array.js';
import { readHexDump } from './hex-dump.js';

export type { ReadFailure, TextReading } from './c-array.js';

export function isReadFailure(r: TextReading | ReadFailure): r is ReadFailure {
  return 'error' in r;
}

/** Plain hex: pairs of digits, with or without spaces, colons, dashes or commas; `0x` and `\x` prefixes allowed. */
function readPlainHex(text: string): TextReading | ReadFailure {
  let markers = 0;
  // Direction markers of protocol logs (`> FF A4 ..`, `< 90 00`) start lines; they are not bytes.
  const body = text.replace(/^[ \t]*(?:>|<|->|<-)[ \t]/gm, () => {
    markers++;
    return ' ';
  });
  const tokens = body.split(/[\s,:;-]+/).filter((t) => t !== '');
  if (tokens.length === 0) return { error: 'no hex digits' };
  let digits = '';
  for (const t of tokens) {
    const d = t.replace(/^(?:0[xX]|\\x)/, '').replace(/\\x/g, '');
    if (!/^[0-9a-fA-F]+$/.test(d)) return { error: `'${t.slice(0, 20)}' is not hex` };
    if (d.length % 2 !== 0) return { error: `'${t.slice(0, 20)}' has an odd number of hex digits` };
    digits += d;
  }
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  const notes = [`read as plain hex: ${bytes.length} bytes`];
  if (markers > 0) notes.push(`${markers} line-leading direction markers ('>' / '<') set aside`);
  return { bytes, encoding: 'hex', notes };
}

/** A list of decimal numbers without braces (`23, 0, 0, 1`): read as an array. */
function looksLikeDecimalList(text: string): boolean {
  return /^\s*[-+]?\d+(\s*,\s*[-+]?\d+)+\s*,?\s*$/.test(text);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** base64 (RFC 4648 section 4) or base64url (section 5), padded or not; whitespace ignored. */
export function readBase64(text: string): TextReading | ReadFailure {
  const s = text.replace(/\s+/g, '');
  const m = /^([A-Za-z0-9+/_-]*)(={0,2})$/.exec(s);
  if (!m || m[1]!.length === 0) return { error: 'not base64 (characters outside A-Z a-z 0-9 + / - _ =)' };
  const chars = m[1]!;
  const url = /[-_]/.test(chars);
  if (url && /[+/]/.test(chars)) return { error: 'mixes base64 (+ /) and base64url (- _) characters' };
  if (chars.length % 4 === 1) return { error: `${chars.length} base64 characters cannot end a byte` };
  if (m[2]!.length > 0 && (chars.length + m[2]!.length) % 4 !== 0) return { error: 'base64 padding does not fit the length' };
  const bytes = new Uint8Array(Math.floor((chars.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let k = 0;
  for (const c of chars) {
    const v = B64.indexOf(c === '-' ? '+' : c === '_' ? '/' : c);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[k++] = (acc >> bits) & 0xff;
    }
  }
  return { bytes, encoding: url ? 'base64url' : 'base64', notes: [`read as ${url ? 'base64url' : 'base64'}: ${bytes.length} bytes`] };
}

/** A Python bytes literal: b'\x17\x00B\xc0' (printable bytes appear as themselves). */
function readPythonBytes(text: string): TextReading | ReadFailure | undefined {
  const m = /^\s*b(['"])([\s\S]*)\1\s*$/.exec(text);
  if (!m) return undefined;
  const s = m[2]!;
  const out: number[] = [];
  const simple: Readonly<Record<string, number>> = { n: 10, r: 13, t: 9, '\\': 92, "'": 39, '"': 34, '0': 0, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\') {
      const code = c.charCodeAt(0);
      if (code > 0x7e) return { error: `'${c}' cannot appear in a bytes literal` };
      out.push(code);
      continue;
    }
    const e = s[i + 1];
    if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 2, i + 4))) {
      out.push(parseInt(s.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (e !== undefined && simple[e] !== undefined) {
      out.push(simple[e]!);
      i += 1;
    } else {
      return { error: `unknown escape '\\${e ?? ''}' at character ${i + 1}` };
    }
  }
  return { bytes: Uint8Array.from(out), encoding: 'python-bytes', notes: [`read as a Python bytes literal: ${out.length} bytes`] };
}

/** Reads pasted text as bytes, or says why no reading fits. */
export function textToBytes(input: string): TextReading | ReadFailure {
  const text = input.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { error: 'the text is empty' };
  const dump = readHexDump(text);
  if (dump) return dump;
  const python = readPythonBytes(text);
  if (python) return python;
  if (looksLikeArray(text)) return readCArray(text);
  const clean = stripComments(text);
  if (clean.trim() === '') return { error: 'the text holds only comments' };
  const hex = readPlainHex(clean);
  if (!isReadFailure(hex)) {
    const alt = readBase64(clean);
    if (!isReadFailure(alt) && !/[\s:,;-]/.test(clean.trim())) hex.notes.push(`the same text is also valid base64 (${alt.bytes.length} bytes); hex was chosen, as hex digits only`);
    return hex;
  }
  if (looksLikeDecimalList(clean)) return readCArray(clean);
  const b64 = readBase64(clean);
  if (!isReadFailure(b64)) return b64;
  return { error: `not a C/JS array, a hex dump, plain hex or base64 (as hex: ${hex.error}; as base64: ${b64.error})` };
}
