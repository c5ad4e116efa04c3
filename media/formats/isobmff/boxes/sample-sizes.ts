import type { FieldReader } from '../../../model/field-reader.js';
import type { StszData } from '../box-data.js';
import type { BoxScope } from '../box-scope.js';
import { registerBoxes } from '../box-registry.js';
import { fitCount, readCount } from './table-count.js';

const bytesUnit = (v: number): string => `${v} bytes`;

/** SampleSizeBox (8.7.3.2): one size for all samples, or a table when sample_size is 0. */
function readStsz(r: FieldReader, box: BoxScope): void {
  const sampleSize = r.u32('sample_size', (v) => (v === 0 ? 'sizes differ: see the table' : `every sample is ${v} bytes`));
  if (sampleSize !== 0) {
    // No table follows, so the count is not bounded by the box: the sample index bounds it by the file's bytes.
    const countAt = r.absByte;
    const count = r.u32('sample_count');
    box.keep({ sampleSize, count, countAt } satisfies StszData);
    return;
  }
  const countAt = r.absByte;
  const count = readCount(r, box, 'sample_count', 32);
  const [sizes] = r.columns('entry_size', count, [{ name: 'entry_size', bits: 32, display: bytesUnit }]) as [Uint32Array];
  box.keep({ sampleSize, count, countAt, sizes } satisfies StszData);
}

/** CompactSampleSizeBox (8.7.3.3): sizes packed in 4, 8 or 16 bits. */
function readStz2(r: FieldReader, box: BoxScope): void {
  r.u24('reserved');
  const fieldAt = r.absByte;
  const fieldSize = r.u8('field_size', (v) => (v === 4 || v === 8 || v === 16 ? `${v} bits per entry` : 'invalid (4, 8 or 16)'));
  const countAt = r.absByte;
  const declared = r.u32('sample_count');
  if (fieldSize !== 4 && fieldSize !== 8 && fieldSize !== 16) {
    box.report('error', 'invalid-field-size', `field_size ${fieldSize} is not 4, 8 or 16; the sizes cannot be read`, fieldAt, fieldAt + 1);
    return;
  }
  const count = fitCount(r, box, 'sample_count', declared, fieldSize, countAt);
  const sizes = new Uint32Array(count);
  r.table('entry_size', count, (i) => {
    sizes[i] = r.u(fieldSize, 'entry_size', bytesUnit);
  });
  // An odd number of 4-bit entries leaves the last byte half used.
  if ((r.pos & 7) !== 0) r.u(8 - (r.pos & 7), 'padding');
  box.keep({ sampleSize: 0, count, countAt, sizes } satisfies StszData);
}

registerBoxes(
  { type: 'stsz', title: 'Sample Size Box', spec: 'ISO/IEC 14496-12 8.7.3.2', full: true, parse: readStsz },
  { type: 'stz2', title: 'Compact Sample Size Box', spec: 'ISO/IEC 14496-12 8.7.3.3', full: true, parse: readStz2 },
);
