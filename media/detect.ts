import { FORMATS } from './formats/index.js';
import type { FormatHandler } from './model/format.js';
import type { ByteSource } from './source/byte-source.js';

/** How many bytes format probes see. */
export const PROBE_BYTES = 4096;

/** Picks the format of a source by its first bytes (and, as a tie-breaker, its name). */
export async function detectFormat(source: ByteSource, fileName?: string): Promise<FormatHandler | undefined> {
  const head = await source.read(0, Math.min(PROBE_BYTES, source.size));
  return FORMATS.find((f) => f.probe(head, fileName));
}
