import type { FieldReader } from '../../../model/field-reader.js';
import type { StscData } from '../box-data.js';
import type { BoxScope } from '../box-scope.js';
import { registerBoxes } from '../box-registry.js';
import { readCount } from './table-count.js';

/** SampleToChunkBox (8.7.4): runs of chunks with the same number of samples, chunks numbered from 1. */
function readStsc(r: FieldReader, box: BoxScope): void {
  const count = readCount(r, box, 'entry_count', 96);
  const [firstChunk, samplesPerChunk, sampleDescriptionIndex] = r.columns('entries', count, [
    { name: 'first_chunk', bits: 32 },
    { name: 'samples_per_chunk', bits: 32 },
    { name: 'sample_description_index', bits: 32, display: (v) => (v === 0 ? 'invalid (indices start at 1)' : undefined) },
  ]) as [Uint32Array, Uint32Array, Uint32Array];
  box.keep({ firstChunk, samplesPerChunk, sampleDescriptionIndex } satisfies StscData);
}

registerBoxes({ type: 'stsc', title: 'Sample To Chunk Box', spec: 'ISO/IEC 14496-12 8.7.4', full: true, parse: readStsc });
