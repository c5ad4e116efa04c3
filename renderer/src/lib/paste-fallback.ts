/**
 * Stand-in for media/paste.ts until it lands: reads plain hex ("00 1f a0", "001FA0"), hex dumps with an
 * offset column, C arrays ("0x00, 0x1f") and base64. The real reader also guesses what the bytes are.
 */
export interface PastedBytes {
  bytes: Uint8Array;
  /** How the text was read: `hex`, `c-array`, `hex-dump`, `base64`. */
  encoding: string;
}

function fromHexDigits(digits: string): Uint8Array | null {
  if (digits.length === 0 || digits.length % 2 !== 0 || /[^0-9a-f]/i.test(digits)) return null;
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function decodePastedText(text: string): PastedBytes | null {
  const t = text.trim();
  if (!t) return null;
  // C arrays and comma lists: every 0xNN token, comments removed.
  if (/0x[0-9a-f]{1,2}\b/i.test(t)) {
    const body = t.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    const tokens = body.match(/0x[0-9a-f]{1,2}\b/gi) ?? [];
    if (tokens.length > 0) return { bytes: Uint8Array.from(tokens, (h) => parseInt(h.slice(2), 16)), encoding: 'c-array' };
  }
  // Hex dumps: an offset column ("00000010:" or "0010 ") then byte pairs, maybe an ASCII column after.
  const lines = t.split(/\r?\n/);
  if (lines.length > 1 && lines.every((l) => /^\s*[0-9a-f]{4,}[:\s]/i.test(l) || l.trim() === '')) {
    const digits: string[] = [];
    for (const line of lines) {
      const m = /^\s*[0-9a-f]{4,}:?\s+((?:[0-9a-f]{2}\s?){1,32})/i.exec(line);
      if (m) digits.push(m[1]!.replace(/\s/g, ''));
    }
    const bytes = fromHexDigits(digits.join(''));
    if (bytes) return { bytes, encoding: 'hex-dump' };
  }
  const bare = t.replace(/[\s:,-]/g, '');
  const hexBytes = fromHexDigits(bare);
  if (hexBytes) return { bytes: hexBytes, encoding: 'hex' };
  if (/^[A-Za-z0-9+/=\s]+$/.test(t) && t.replace(/\s/g, '').length % 4 === 0) {
    try {
      const raw = atob(t.replace(/\s/g, ''));
      return { bytes: Uint8Array.from(raw, (c) => c.charCodeAt(0)), encoding: 'base64' };
    } catch {
      return null;
    }
  }
  return null;
}
