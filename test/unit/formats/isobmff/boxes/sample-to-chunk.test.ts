import { describe, expect, it } from 'vitest';
import type { StscData } from '../../../../../media/formats/isobmff/box-data.js';
import { fullBox } from '../../../../helpers/bytes.js';
import { codes, f, names, parseOne } from './movie-box-kit.js';

describe('stsc', () => {
  it('reads runs of chunks', async () => {
    const node = await parseOne(fullBox('stsc', 0, 0, [
      0x00, 0x00, 0x00, 0x02, // entry_count = 2
      0x00, 0x00, 0x00, 0x01, // [0] first_chunk = 1
      0x00, 0x00, 0x00, 0x02, // [0] samples_per_chunk = 2
      0x00, 0x00, 0x00, 0x01, // [0] sample_description_index = 1
      0x00, 0x00, 0x00, 0x1b, // [1] first_chunk = 27
      0x00, 0x00, 0x00, 0x01, // [1] samples_per_chunk = 1
      0x00, 0x00, 0x00, 0x00, // [1] sample_description_index = 0 (invalid)
    ]));
    expect(node.diagnostics).toEqual([]);
    expect(names(f(node, 'entries', 'entries[0]').fields)).toEqual(['first_chunk', 'samples_per_chunk', 'sample_description_index']);
    expect(f(node, 'entries', 'entries[1]', 'first_chunk')).toMatchObject({ value: 27, bitOffset: 28 * 8, bitLength: 32 });
    expect(f(node, 'entries', 'entries[1]', 'sample_description_index').display).toBe('invalid (indices start at 1)');
    const data = node.data as StscData;
    expect([...data.firstChunk]).toEqual([1, 27]);
    expect([...data.samplesPerChunk]).toEqual([2, 1]);
    expect([...data.sampleDescriptionIndex]).toEqual([1, 0]);
  });

  it('reports entry_count 0xFFFFFFFF in a 64-byte box', async () => {
    const node = await parseOne(fullBox('stsc', 0, 0, [0xff, 0xff, 0xff, 0xff, ...new Array<number>(48).fill(0)]));
    expect(codes(node)).toEqual(['table-count-exceeds-box']);
    expect((node.data as StscData).firstChunk.length).toBe(4);
  });
});
