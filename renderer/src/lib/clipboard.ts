import type { ByteSource } from '../../../media/source/byte-source.js';
import { COPY_LIMIT, formatCopy, type CopyFormat } from './hex-tools.js';

/** Copies bytes [start, start + length) (at most COPY_LIMIT) in a format; returns how many were copied. */
export async function copyBytes(source: ByteSource, start: number, length: number, format: CopyFormat): Promise<number> {
  const bytes = await source.read(start, Math.min(COPY_LIMIT, Math.max(1, length)));
  await writeClipboard(formatCopy(bytes, format));
  return bytes.length;
}

/** Puts text on the clipboard from a user gesture (copy buttons, Ctrl+C). */
export async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard API refused (no focus, no permission): the old way still works inside a user gesture.
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}
