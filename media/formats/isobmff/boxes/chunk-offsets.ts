import type { FieldReader } from '../../../model/field-reader.js';
import type { ChunkOffsetData } from '../box-data.js';
import type { BoxScope } from '../box-scope.js';
import { registerBoxes } from '../box-registry.js';
import { readCount } from './table-count.js';

/** ChunkOffsetBox (stco, 32-bit) and ChunkLargeOffsetBox (co64) (8.7.5): file offsets of each chunk. */
function readOffsets(bits: 32 | 64) {
  return (r: FieldReader, box: BoxScope): void => {
    const count = readCount(r, box, 'entry_count', bits);
    // co64 offsets past 2^53 are rounded; no file is that large.
    const [offsets] = r.columns('entries', count, [{ name: 'chunk_offset', bits }]) as [Uint32Array | Float64Array];
    box.keep({ offsets } satisfies ChunkOffsetData);
  };
}

registerBoxes(
  { type: 'stco', title: 'Chunk Offset Box', spec: 'ISO/IEC 14496-12 8.7.5', full: true, parse: readOffsets(32) },
  { type: 'co64', title: 'Chunk Large Offset Box', spec: 'ISO/IEC 14496-12 8.7.5', full: true, parse: readOffsets(64) },
);
