import { isReadFailure, textToBytes } from '../../../media/paste/text-to-bytes.js';

/** Pasted text read as bytes: how it was read, and what was set aside, in words. */
export interface PasteResult {
  bytes: Uint8Array;
  encoding: string;
  notes: string[];
}

/**
 * Pasted text to bytes (media/paste's reader: C/JS arrays, hex, xxd, hexdump -C, od, base64, Python bytes).
 * Only the text is read here; recognising what the bytes are is parsing, which the worker does.
 */
export function readPaste(text: string): PasteResult | null {
  const r = textToBytes(text);
  if (isReadFailure(r) || r.bytes.length === 0) return null;
  return { bytes: r.bytes, encoding: r.encoding, notes: r.notes };
}
