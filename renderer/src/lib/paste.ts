import { decodePastedText } from './paste-fallback.js';

/** Pasted text read as bytes, with what it was (and, when the reader can tell, what the bytes are). */
export interface PasteResult {
  bytes: Uint8Array;
  encoding: string;
  guess?: string;
}

/** The one place the window turns pasted text into bytes (media/paste.ts replaces the fallback when it lands). */
export function readPaste(text: string): PasteResult | null {
  const r = decodePastedText(text);
  return r && r.bytes.length > 0 ? { bytes: r.bytes, encoding: r.encoding } : null;
}
