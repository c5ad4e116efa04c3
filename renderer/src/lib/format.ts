import type { Field, FieldValue } from '../../../media/model/types.js';

export function hex(n: number, width = 0): string {
  return n.toString(16).toUpperCase().padStart(width, '0');
}

/** An offset as a hex editor writes it: 0x-less, zero padded to the width the file needs. */
export function offsetText(n: number, size: number): string {
  return hex(n, size > 0xffffffff ? 10 : 8);
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)} ${units[u]}`;
}

export function groupDigits(n: number): string {
  return n.toLocaleString('en-US');
}

/** Bit position in byte.bit notation (bit 0 is the most significant bit of the byte). */
export function bitPosition(bitOffset: number): string {
  return `${groupDigits(Math.floor(bitOffset / 8))}.${bitOffset % 8}`;
}

export function bitLengthText(bits: number): string {
  if (bits % 8 === 0 && bits > 0) return `${groupDigits(bits / 8)} byte${bits === 8 ? '' : 's'} (${groupDigits(bits)} bits)`;
  return `${groupDigits(bits)} bit${bits === 1 ? '' : 's'}`;
}

const HEX2 = Array.from({ length: 256 }, (_, i) => hex(i, 2));

export function hexBytes(bytes: Uint8Array, separator = ' '): string {
  const parts = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) parts[i] = HEX2[bytes[i]!]!;
  return parts.join(separator);
}

export function byteHex(b: number): string {
  return HEX2[b]!;
}

/** A field's value as the tree shows it: short, one line. */
export function valueText(v: FieldValue, max = 24): string {
  if (typeof v === 'string') return v.length > 48 ? `"${v.slice(0, 48)}…"` : `"${v}"`;
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(8)));
  const shown = hexBytes(v.subarray(0, max));
  return v.length > max ? `${shown} …` : shown || '(empty)';
}

/** The value in hex, where that helps (integers wider than a few bits). */
export function valueHex(f: Field): string | undefined {
  const v = f.value;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && f.bitLength > 4 && !f.fields?.length) return `0x${hex(v, Math.ceil(f.bitLength / 4))}`;
  if (typeof v === 'bigint' && v >= 0n) return `0x${v.toString(16).toUpperCase()}`;
  return undefined;
}

/** Bytes as a C array, 12 to a line. */
export function cArray(bytes: Uint8Array, name = 'data'): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 12) {
    lines.push(`  ${Array.from(bytes.subarray(i, i + 12), (b) => `0x${HEX2[b]!.toLowerCase()}`).join(', ')},`);
  }
  return `const unsigned char ${name}[${bytes.length}] = {\n${lines.join('\n')}\n};`;
}

export function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export interface IntReading {
  label: string;
  be: string;
  /** Absent for single bytes. */
  le?: string;
}

/** The bytes at the cursor read as integers of several widths, both byte orders (as hex editors show them). */
export function intReadings(bytes: Uint8Array): IntReading[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: IntReading[] = [];
  const n = bytes.length;
  if (n >= 1) out.push({ label: 'u8', be: String(view.getUint8(0)) });
  if (n >= 2) out.push({ label: 'u16', be: String(view.getUint16(0)), le: String(view.getUint16(0, true)) });
  if (n >= 4) {
    out.push({ label: 'u32', be: String(view.getUint32(0)), le: String(view.getUint32(0, true)) });
    out.push({ label: 'i32', be: String(view.getInt32(0)), le: String(view.getInt32(0, true)) });
  }
  if (n >= 8) out.push({ label: 'u64', be: view.getBigUint64(0).toString(), le: view.getBigUint64(0, true).toString() });
  return out;
}

export function secondsText(ticks: number, timescale: number): string {
  if (!timescale) return '—';
  return (ticks / timescale).toFixed(3);
}
