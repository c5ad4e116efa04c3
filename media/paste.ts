/**
 * Pasted bytes: text as people paste it (C/JS arrays, hex, xxd and hexdump -C dumps, base64) turned into
 * bytes, then recognised (an FLV tag or body, avcC, hvcC, NAL units, an AudioSpecificConfig, ADTS, a raw
 * AAC frame, ISO-BMFF boxes) and annotated like a file, offsets counted in the pasted bytes.
 * Used by `bitlens inspect --bytes` and the window's paste panel.
 */
import type { Diagnostic } from './model/types.js';
import { type PasteType, PASTE_TYPES, isPasteType } from './paste/candidate.js';
import { type Recognition, type Tried, recognise } from './paste/recognise.js';
import { isReadFailure, textToBytes } from './paste/text-to-bytes.js';

export { PASTE_TYPES, isPasteType, type PasteType, type Tried };

/** The recognition of the bytes (guess, readings tried, tree, notes), with the bytes and how the text was read. */
export interface PasteResult extends Recognition {
  format: 'paste';
  size: number;
  bytes: Uint8Array;
  /** How the text was read: `c-array`, `hex`, `xxd`, `hexdump-C`, `od`, `offset-dump`, `base64`, `base64url`, `python-bytes`; null when it could not be. */
  encoding: string | null;
}

export interface PasteOptions {
  /** Read the bytes as this type instead of guessing. */
  as?: PasteType;
}

/** Recognises and annotates bytes already in hand. */
export function inspectPastedBytes(bytes: Uint8Array, options: PasteOptions = {}): PasteResult {
  const rec = recognise(bytes, options.as);
  const result: PasteResult = { format: 'paste', size: bytes.length, bytes, encoding: null, guess: rec.guess, tried: rec.tried, tree: rec.tree, diagnostics: rec.diagnostics, notes: rec.notes };
  if (rec.variant !== undefined) result.variant = rec.variant;
  if (rec.forced) result.forced = true;
  return result;
}

/** Reads pasted text as bytes, then recognises and annotates them. Never throws on any text. */
export function decodePastedText(text: string, options: PasteOptions = {}): PasteResult {
  const reading = textToBytes(text);
  if (isReadFailure(reading)) {
    const d: Diagnostic = { severity: 'error', code: 'paste-text-unreadable', message: reading.error, start: 0, end: 0 };
    return { format: 'paste', size: 0, bytes: new Uint8Array(0), encoding: null, guess: null, tried: [], tree: [], diagnostics: [d], notes: [reading.error] };
  }
  const result = inspectPastedBytes(reading.bytes, options);
  result.encoding = reading.encoding;
  result.notes.unshift(...reading.notes);
  return result;
}
