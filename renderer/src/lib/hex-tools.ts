import type { ByteSource } from '../../../media/source/byte-source.js';
import { base64, cArray, hexBytes } from './format.js';

/** Reads "0x1F40", "1f40h", "$1f40" as hex and plain digits as decimal; "+N"/"-N" move from `from`. */
export function parseOffset(text: string, from: number): number | null {
  const t = text.trim().toLowerCase().replace(/[_,\s]/g, '');
  const rel = t.startsWith('+') ? 1 : t.startsWith('-') ? -1 : 0;
  const body = rel ? t.slice(1) : t;
  let n: number;
  if (/^(0x|\$)[0-9a-f]+$/.test(body)) n = parseInt(body.replace(/^(0x|\$)/, ''), 16);
  else if (/^[0-9a-f]+h$/.test(body)) n = parseInt(body.slice(0, -1), 16);
  else if (/^[0-9]+$/.test(body)) n = parseInt(body, 10);
  else if (/^[0-9a-f]+$/.test(body)) n = parseInt(body, 16);
  else return null;
  if (!Number.isFinite(n)) return null;
  return rel ? from + rel * n : n;
}

/** A search pattern: hex bytes ("00 00 03", "000003") or quoted text ("ftyp"). */
export function parsePattern(text: string): Uint8Array | null {
  const t = text.trim();
  const quoted = /^["'](.*)["']$/.exec(t);
  if (quoted) return quoted[1] ? new TextEncoder().encode(quoted[1]) : null;
  const digits = t.replace(/0x/gi, '').replace(/[\s,]/g, '');
  if (!digits || digits.length % 2 || /[^0-9a-f]/i.test(digits)) return null;
  return Uint8Array.from(digits.match(/../g)!, (h) => parseInt(h, 16));
}

const CHUNK = 1 << 20;

function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]!;
  const last = hay.length - needle.length;
  for (let i = hay.indexOf(first, from); i >= 0 && i <= last; i = hay.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/**
 * The next offset at or after `from` where `pattern` occurs, wrapping to the start once; -1 if nowhere.
 * Reads the source a megabyte at a time (overlapping by the pattern's length), checking `cancelled` between reads.
 */
export async function findBytes(source: ByteSource, pattern: Uint8Array, from: number, cancelled: () => boolean): Promise<number> {
  const size = source.size;
  const scan = async (start: number, stop: number): Promise<number> => {
    for (let at = start; at < stop; at += CHUNK) {
      if (cancelled()) return -1;
      const bytes = await source.read(at, Math.min(CHUNK + pattern.length - 1, size - at));
      const i = indexOf(bytes, pattern, 0);
      if (i >= 0 && at + i < stop + pattern.length - 1) return at + i;
    }
    return -1;
  };
  const ahead = await scan(Math.max(0, from), size);
  if (ahead >= 0 || cancelled()) return ahead;
  return scan(0, Math.min(size, from + pattern.length));
}

export type CopyFormat = 'hex' | 'c' | 'base64';

export const COPY_LABELS: Record<CopyFormat, string> = { hex: 'Hex', c: 'C array', base64: 'Base64' };

/** Most bytes a copy takes (a whole mdat on the clipboard helps nobody). */
export const COPY_LIMIT = 16 * 1024 * 1024;

export function formatCopy(bytes: Uint8Array, format: CopyFormat): string {
  if (format === 'c') return cArray(bytes);
  if (format === 'base64') return base64(bytes);
  return hexBytes(bytes);
}
