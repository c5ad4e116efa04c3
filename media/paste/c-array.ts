/**
 * Numbers written as source code: C, C++, Java, C# and JavaScript arrays (`static const uint8_t x[] = { 0x17, 0x00 };`,
 * `[23, 0, 0]`, `new byte[] { (byte) 0xFF }`), with comments, casts and declarations around them.
 */

export interface TextReading {
  bytes: Uint8Array;
  /** `c-array`, `hex`, `xxd`, `hexdump-C`, `offset-dump`, `base64`, `base64url`, `python-bytes`. */
  encoding: string;
  /** What was read and what was set aside, in words. */
  notes: string[];
}

export type ReadFailure = { error: string };

/** Removes block comments, line comments and whole-line `#` comments (shell, Python, preprocessor lines). */
export function stripComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?(\*\/|$)/g, ' ')
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/^[ \t]*#[^\n]*/gm, ' ');
}

/** The list between the braces (or brackets) that follow `=`, else the first braces, else everything. */
function arrayBody(text: string): { body: string; note?: string } {
  const assign = /=\s*(?:new\s+[\w:<>[\]\s]*?)?([{[])/.exec(text);
  // Braces first: in `data[128] {...}` the brackets hold the length, not the bytes.
  const brace = text.search(/\{(?=\s*[-+(0-9])/);
  const open = assign ? assign.index + assign[0].length - 1 : brace >= 0 ? brace : text.search(/\[(?=\s*[-+(0-9])/);
  if (open < 0) return { body: text };
  const close = text[open] === '{' ? '}' : ']';
  const end = text.indexOf(close, open + 1);
  const note = assign ? 'the array after the declaration' : undefined;
  const result: { body: string; note?: string } = { body: end < 0 ? text.slice(open + 1) : text.slice(open + 1, end) };
  if (note !== undefined) result.note = note;
  return result;
}

/** One element: 0x.., decimal, octal (leading 0, as C reads it), negative (a signed byte), with cast and suffix removed. */
function parseElement(token: string): { value: number; kind: 'hex' | 'decimal' | 'octal' | 'binary' } | undefined {
  const t = token.replace(/^\(\s*(?:unsigned\s+|signed\s+)?[A-Za-z_][\w:]*\s*\)\s*/, '').replace(/[uUlL]+$/, '');
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-7]+|[0-9]+)$/.exec(t);
  if (!m) return undefined;
  const digits = m[2]!;
  const kind = /^0[xX]/.test(digits) ? 'hex' : /^0[bB]/.test(digits) ? 'binary' : /^0[0-7]+$/.test(digits) ? 'octal' : 'decimal';
  const magnitude = kind === 'hex' ? parseInt(digits.slice(2), 16) : kind === 'binary' ? parseInt(digits.slice(2), 2) : kind === 'octal' ? parseInt(digits, 8) : parseInt(digits, 10);
  return { value: m[1] === '-' ? -magnitude : magnitude, kind };
}

/** True when the text reads as an array of numbers: commas between elements, at least one 0x or braces/brackets. */
export function looksLikeArray(text: string): boolean {
  const clean = stripComments(text);
  if (/0[xX][0-9a-fA-F]{1,2}\b/.test(clean) && /,/.test(clean)) return true;
  return /[{[]\s*[-+(]?\s*\w+\s*,/.test(clean);
}

export function readCArray(text: string): TextReading | ReadFailure {
  const clean = stripComments(text);
  const { body, note } = arrayBody(clean);
  const tokens = body.split(',').map((s) => s.trim());
  if (tokens.length > 0 && tokens[tokens.length - 1] === '') tokens.pop(); // trailing comma
  const bytes = new Uint8Array(tokens.length);
  const kinds = new Set<string>();
  let negatives = 0;
  for (let i = 0; i < tokens.length; i++) {
    const e = parseElement(tokens[i]!);
    if (!e) return { error: `element ${i + 1} ('${tokens[i]!.slice(0, 20)}') is not a number` };
    if (e.value < -128 || e.value > 255) return { error: `element ${i + 1} (${tokens[i]}) does not fit in a byte` };
    if (e.value < 0) negatives++;
    kinds.add(e.kind);
    bytes[i] = e.value & 0xff;
  }
  if (bytes.length === 0) return { error: 'the array is empty' };
  const notes = [`read as an array of ${bytes.length} ${[...kinds].join('/')} numbers${note ? ` (${note})` : ''}; comments, casts and declarations set aside`];
  if (kinds.has('octal')) notes.push('numbers with a leading 0 were read as octal, as C reads them');
  if (negatives > 0) notes.push(`${negatives} negative numbers were read as signed bytes (-1 = 0xFF)`);
  return { bytes, encoding: 'c-array', notes };
}
