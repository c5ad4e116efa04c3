import type { FieldReader } from '../../model/field-reader.js';

/** The header every box starts with (ISO/IEC 14496-12 4.2). */
export interface BoxHeader {
  start: number;
  /** Declared size in bytes (largesize when size is 1; to the end of the enclosing space when 0). */
  size: number;
  type: string;
  /** Registry key: the fourcc, or `uuid:<hex>` for uuid boxes. */
  key: string;
  headerLength: number;
  /** True when the size field was 0 (box extends to the end of its container / the file). */
  toEnd: boolean;
}

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Box types are four printable characters; QuickTime item types may start with © (0xA9). */
const BOX_TYPE_NAMES = (code: string): string | undefined => (/^[\x20-\x7e\xa9]{4}$/.test(code) ? undefined : 'not printable');

/** Reads size, type, largesize and usertype. Throws OutOfData when the header itself is cut off. */
export function readBoxHeader(r: FieldReader): BoxHeader {
  const start = r.absByte;
  const size32 = r.u32('size');
  const type = r.fourcc('type', BOX_TYPE_NAMES);
  let size = size32;
  let headerLength = 8;
  if (size32 === 1) {
    size = r.u64('largesize');
    headerLength = 16;
  }
  let key = type;
  if (type === 'uuid') {
    const usertype = r.bytes(16, 'usertype', undefined);
    if (r.last) r.last.display = uuidText(usertype);
    key = `uuid:${hex(usertype)}`;
    headerLength += 16;
  }
  return { start, size, type, key, headerLength, toEnd: size32 === 0 };
}

/** 8-4-4-4-12 form, as UUIDs are written in specifications. */
export function uuidText(bytes: Uint8Array): string {
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
