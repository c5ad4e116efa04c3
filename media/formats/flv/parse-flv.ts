/**
 * Parses a finished FLV file from a ByteSource through the push parser: the source is read in
 * windows, tag by tag, and bodies the parser drops (over the load cap) are skipped unread.
 */
import { ANNOTATE, type ParseOptions } from '../../model/types.js';
import type { ByteSource } from '../../source/byte-source.js';
import { type FlvUnit, FlvPushParser } from './flv-push-parser.js';

/** How much is read at once: many small tags per read, never much more than one big tag. */
export const READ_WINDOW = 1024 * 1024;

export interface FlvParse {
  units: FlvUnit[];
  parser: FlvPushParser;
}

export async function parseFlv(source: ByteSource, options: ParseOptions = ANNOTATE, onUnits?: (units: FlvUnit[]) => void): Promise<FlvParse> {
  const parser = new FlvPushParser(options);
  const units: FlvUnit[] = [];
  const take = (got: FlvUnit[]): void => {
    if (got.length === 0) return;
    if (onUnits) onUnits(got);
    else units.push(...got);
  };
  const size = source.size;
  let offset = 0;
  while (offset < size) {
    const skip = Math.min(parser.skipPending, size - offset);
    if (skip > 0) {
      take(parser.skip(skip));
      offset += skip;
      continue;
    }
    const bytes = await source.read(offset, Math.min(READ_WINDOW, size - offset));
    if (bytes.length === 0) break;
    take(parser.push(bytes));
    offset += bytes.length;
  }
  take(parser.end());
  return { units, parser };
}
