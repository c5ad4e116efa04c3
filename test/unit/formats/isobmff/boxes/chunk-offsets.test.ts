import { describe, expect, it } from 'vitest';
import type { ChunkOffsetData } from '../../../../../media/formats/isobmff/box-data.js';
import { fullBox } from '../../../../helpers/bytes.js';
import { codes, f, parseOne } from './movie-box-kit.js';

describe('stco and co64', () => {
  it('reads 32-bit offsets', async () => {
    const node = await parseOne(fullBox('stco', 0, 0, [
      0x00, 0x00, 0x00, 0x02, // entry_count = 2
      0x00, 0x00, 0x00, 0x30, // chunk_offset = 48
      0x00, 0x01, 0x00, 0x00, // chunk_offset = 65536
    ]));
    expect(node.diagnostics).toEqual([]);
    expect(f(node, 'entries', 'entries[1]')).toMatchObject({ value: 65536, bitOffset: 20 * 8, bitLength: 32 });
    expect(node.data).toEqual({ offsets: Uint32Array.from([48, 65536]) } satisfies ChunkOffsetData);
  });

  it('reads 64-bit offsets', async () => {
    const node = await parseOne(fullBox('co64', 0, 0, [
      0x00, 0x00, 0x00, 0x01, // entry_count = 1
      0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x10, // chunk_offset = 4294967312
    ]));
    expect(f(node, 'entries', 'entries[0]')).toMatchObject({ value: 4294967312, bitLength: 64 });
    expect([...(node.data as ChunkOffsetData).offsets]).toEqual([4294967312]);
  });

  it('reports entry_count 0xFFFFFFFF in a 64-byte box', async () => {
    const stco = await parseOne(fullBox('stco', 0, 0, [0xff, 0xff, 0xff, 0xff, ...new Array<number>(48).fill(0)]));
    expect(codes(stco)).toEqual(['table-count-exceeds-box']);
    expect((stco.data as ChunkOffsetData).offsets.length).toBe(12);
    const co64 = await parseOne(fullBox('co64', 0, 0, [0xff, 0xff, 0xff, 0xff, ...new Array<number>(48).fill(0)]));
    expect(codes(co64)).toEqual(['table-count-exceeds-box']);
    expect((co64.data as ChunkOffsetData).offsets.length).toBe(6);
  });
});
