/**
 * Hex dumps with an offset column: `xxd` (`00000010: 1700 0000  ....`), `hexdump -C` (`00000010  17 00 ..  |....|`,
 * `*` for repeated lines, a last line with the total), `od -A x -t x1z` (`>....<`) and Wireshark-style dumps.
 * The offsets and the ASCII column are never read as bytes; both are used to check the reading.
 */
import type { ReadFailure, TextReading } from './c-array.js';

interface DumpLine {
  line: number;
  offset: number;
  bytes: number[];
  ascii?: string;
}

type Style = 'xxd' | 'hexdump-C' | 'od' | 'offset-dump';

const OFFSET_LINE = /^\s*([0-9a-fA-F]{4,16})(:?)(\s+)(.*)$/;

function hexPairs(s: string): number[] | undefined {
  const digits = s.replace(/\s+/g, '');
  if (digits.length === 0 || digits.length % 2 !== 0 || /[^0-9a-fA-F]/.test(digits)) return undefined;
  const out: number[] = [];
  for (let i = 0; i < digits.length; i += 2) out.push(parseInt(digits.slice(i, i + 2), 16));
  return out;
}

/** Splits the part after the offset into hex and ASCII columns, by the dump's own layout. */
function splitColumns(rest: string, colon: boolean): { hex: string; ascii?: string; style: Style } {
  // hexdump -C and od -z fence the ASCII column; the first ' |' or ' >' is the fence (the hex has neither).
  const fenced = /^(.*?)\s*(?:\|(.*)\||>(.*)<)\s*$/.exec(rest);
  if (fenced) {
    const out: { hex: string; ascii?: string; style: Style } = { hex: fenced[1]!, style: fenced[3] !== undefined ? 'od' : 'hexdump-C' };
    const ascii = fenced[2] ?? fenced[3];
    if (ascii !== undefined) out.ascii = ascii;
    return out;
  }
  if (colon) {
    // xxd: groups one space apart, then two or more spaces before the ASCII column.
    const gap = /\s{2,}/.exec(rest);
    if (!gap) return { hex: rest, style: 'xxd' };
    return { hex: rest.slice(0, gap.index), ascii: rest.slice(gap.index + gap[0].length), style: 'xxd' };
  }
  // Wireshark and the like: two-digit tokens at most two spaces apart; a wider gap starts the ASCII column.
  const m = /^((?:[0-9a-fA-F]{2}(?: {1,2}(?=[0-9a-fA-F]{2}(?:\s|$)))?)*)(?:\s{2,}(.*))?\s*$/.exec(rest);
  if (m && m[1]) {
    const out: { hex: string; ascii?: string; style: Style } = { hex: m[1], style: 'offset-dump' };
    if (m[2] !== undefined) out.ascii = m[2];
    return out;
  }
  return { hex: rest, style: 'offset-dump' };
}

const printable = (b: number): string => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');

/**
 * Reads the text as a hex dump, or says why it is not one. `undefined` means the text does not look like
 * a dump at all (the caller tries other readings); a failure means it does but cannot be read consistently.
 */
export function readHexDump(text: string): TextReading | ReadFailure | undefined {
  const lines = text.split(/\r?\n/);
  const rows: DumpLine[] = [];
  const styles = new Set<Style>();
  let endOffset: number | undefined;
  let squeezeAfter: number | undefined;
  const squeezed: number[] = [];
  let sawColon = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    if (raw.trim() === '*') {
      if (rows.length === 0) return undefined;
      squeezeAfter = rows.length - 1;
      continue;
    }
    const only = /^\s*([0-9a-fA-F]{4,16}):?\s*$/.exec(raw);
    if (only && rows.length > 0) {
      endOffset = parseInt(only[1]!, 16);
      continue;
    }
    const m = OFFSET_LINE.exec(raw);
    if (!m || endOffset !== undefined) return undefined;
    const colon = m[2] === ':';
    sawColon ||= colon;
    const cols = splitColumns(m[4]!, colon);
    const bytes = hexPairs(cols.hex);
    if (!bytes) return undefined;
    styles.add(cols.style);
    const offset = parseInt(m[1]!, 16);
    if (squeezeAfter !== undefined) {
      // `*`: the line before repeats until this offset.
      const prev = rows[squeezeAfter]!;
      const repeat = prev.bytes.length > 0 ? (offset - prev.offset) / prev.bytes.length - 1 : 0;
      if (!Number.isInteger(repeat) || repeat < 0 || repeat > 1 << 20) return { error: `line ${i + 1}: the repeated-line marker '*' does not fit the offsets` };
      squeezed.push(repeat);
      for (let k = 0; k < repeat; k++) rows.push({ line: prev.line, offset: prev.offset + (k + 1) * prev.bytes.length, bytes: prev.bytes });
      squeezeAfter = undefined;
    }
    const row: DumpLine = { line: i + 1, offset, bytes };
    if (cols.ascii !== undefined) row.ascii = cols.ascii;
    rows.push(row);
  }
  if (rows.length === 0) return undefined;
  if (squeezeAfter !== undefined && endOffset !== undefined) {
    const prev = rows[squeezeAfter]!;
    const repeat = (endOffset - prev.offset) / prev.bytes.length - 1;
    if (Number.isInteger(repeat) && repeat >= 0 && repeat <= 1 << 20) {
      for (let k = 0; k < repeat; k++) rows.push({ line: prev.line, offset: prev.offset + (k + 1) * prev.bytes.length, bytes: prev.bytes });
      squeezed.push(repeat);
    }
  }
  const style: Style = styles.has('hexdump-C') ? 'hexdump-C' : styles.has('od') ? 'od' : sawColon ? 'xxd' : 'offset-dump';
  // Offsets must follow the bytes: this is what tells a dump from plain hex that happens to start with digits.
  const notes: string[] = [];
  let consistent = 0;
  for (let k = 1; k < rows.length; k++) {
    const expected = rows[k - 1]!.offset + rows[k - 1]!.bytes.length;
    if (rows[k]!.offset === expected) consistent++;
    else if (style === 'offset-dump') return undefined;
    else notes.push(`line ${rows[k]!.line}: offset 0x${rows[k]!.offset.toString(16)} does not follow the ${rows[k - 1]!.bytes.length} bytes before it (0x${expected.toString(16)}): lines missing?`);
  }
  if (style === 'offset-dump' && consistent === 0) return undefined;
  const all = rows.flatMap((r) => r.bytes);
  const last = rows[rows.length - 1]!;
  if (endOffset !== undefined && endOffset !== last.offset + last.bytes.length) {
    notes.push(`the dump ends at offset 0x${endOffset.toString(16)}, but its lines hold bytes up to 0x${(last.offset + last.bytes.length).toString(16)}`);
  }
  let asciiChecked = 0;
  for (const r of rows) {
    if (r.ascii === undefined) continue;
    const want = r.bytes.map(printable).join('');
    // A copied dump may lose trailing spaces of its ASCII column; compare what is there.
    if (!want.startsWith(r.ascii.replace(/\s+$/, '')) && want.trimEnd() !== r.ascii.trimEnd()) {
      notes.push(`line ${r.line}: the ASCII column '${r.ascii}' does not match the bytes ('${want}')`);
    } else {
      asciiChecked++;
    }
  }
  const first = rows[0]!.offset;
  const names = { xxd: 'an xxd dump', 'hexdump-C': 'a hexdump -C dump', od: 'an od -t x1z dump', 'offset-dump': 'a hex dump with an offset column' } as const;
  notes.unshift(
    `read as ${names[style]}: ${all.length} bytes from ${rows.length} lines; the offset column${asciiChecked > 0 ? ' and the ASCII column (checked against the bytes)' : ''} set aside` +
      (first !== 0 ? `; the dump starts at offset 0x${first.toString(16)}, and offsets here count from its first byte` : ''),
  );
  if (squeezed.length > 0) notes.push(`'*' lines expanded: ${squeezed.reduce((a, b) => a + b, 0)} repeated lines`);
  return { bytes: Uint8Array.from(all), encoding: style, notes };
}
