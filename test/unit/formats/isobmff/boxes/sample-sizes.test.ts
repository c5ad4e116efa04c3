import { describe, expect, it } from 'vitest';
import type { StszData } from '../../../../../media/formats/isobmff/box-data.js';
import { BULK } from '../../../../../media/model/types.js';
import { fullBox, u32 } from '../../../../helpers/bytes.js';
import { codes, f, names, parseOne } from './movie-box-kit.js';

describe('stsz', () => {
  it('reads a table of sizes when sample_size is 0', async () => {
    const node = await parseOne(fullBox('stsz', 0, 0, [
      0x00, 0x00, 0x00, 0x00, // sample_size = 0 (sizes differ)
      0x00, 0x00, 0x00, 0x03, // sample_count = 3
      0x00, 0x00, 0x0b, 0xb8, // entry_size = 3000
      0x00, 0x00, 0x00, 0x64, // entry_size = 100
      0x00, 0x00, 0x00, 0x65, // entry_size = 101
    ]));
    expect(node.diagnostics).toEqual([]);
    expect(names(node.fields)).toEqual(['size', 'type', 'version', 'flags', 'sample_size', 'sample_count', 'entry_size']);
    expect(f(node, 'entry_size', 'entry_size[0]')).toMatchObject({ value: 3000, display: '3000 bytes', bitOffset: 20 * 8 });
    expect(node.data).toEqual({ sampleSize: 0, count: 3, countAt: 16, sizes: Uint32Array.from([3000, 100, 101]) } satisfies StszData);
  });

  it('reads a constant size without a table', async () => {
    const node = await parseOne(fullBox('stsz', 0, 0, [
      0x00, 0x00, 0x00, 0x06, // sample_size = 6
      0xff, 0xff, 0xff, 0xff, // sample_count = 4294967295 (no table follows, so nothing to check)
    ]));
    expect(node.diagnostics).toEqual([]);
    expect(f(node, 'sample_size').display).toBe('every sample is 6 bytes');
    expect(node.data).toEqual({ sampleSize: 6, count: 0xffffffff, countAt: 16 });
  });

  it('reports sample_count 0xFFFFFFFF in a 64-byte box', async () => {
    const node = await parseOne(fullBox('stsz', 0, 0, [...u32(0), 0xff, 0xff, 0xff, 0xff, ...new Array<number>(44).fill(0)]));
    expect(node.end).toBe(64);
    expect(codes(node)).toEqual(['table-count-exceeds-box']);
    expect(node.diagnostics[0]!.start).toBe(16);
    expect((node.data as StszData).count).toBe(11);
  });

  it('reads the same sizes in bulk mode', async () => {
    const sizes = Array.from({ length: 1000 }, (_, i) => 100 + i);
    const node = await parseOne(fullBox('stsz', 0, 0, [...u32(0), ...u32(sizes.length), ...sizes.flatMap(u32)]), BULK);
    expect(node.fields).toEqual([]);
    expect([...(node.data as StszData).sizes!]).toEqual(sizes);
  });
});

describe('stz2', () => {
  it('reads 4-bit sizes with the padding of an odd count', async () => {
    const node = await parseOne(fullBox('stz2', 0, 0, [
      0x00, 0x00, 0x00, // reserved
      0x04, // field_size = 4
      0x00, 0x00, 0x00, 0x03, // sample_count = 3
      0x12, // entry_size = 1, entry_size = 2
      0x30, // entry_size = 3, padding
    ]));
    expect(node.diagnostics).toEqual([]);
    expect(f(node, 'field_size').display).toBe('4 bits per entry');
    expect(f(node, 'entry_size', 'entry_size[2]')).toMatchObject({ value: 3, bitOffset: 21 * 8, bitLength: 4 });
    expect(f(node, 'padding')).toMatchObject({ bitOffset: 21 * 8 + 4, bitLength: 4 });
    expect(node.data).toEqual({ sampleSize: 0, count: 3, countAt: 16, sizes: Uint32Array.from([1, 2, 3]) });
  });

  it('reads 8- and 16-bit sizes', async () => {
    const eight = await parseOne(fullBox('stz2', 0, 0, [0, 0, 0, 8, ...u32(2), 0xff, 0x10])); // field_size = 8, sizes 255, 16
    expect([...(eight.data as StszData).sizes!]).toEqual([255, 16]);
    const sixteen = await parseOne(fullBox('stz2', 0, 0, [0, 0, 0, 16, ...u32(1), 0x12, 0x34])); // field_size = 16, size 0x1234
    expect([...(sixteen.data as StszData).sizes!]).toEqual([0x1234]);
  });

  it('catches a count that overflows when multiplied by field_size', async () => {
    const node = await parseOne(fullBox('stz2', 0, 0, [
      0x00, 0x00, 0x00, 0x10, // reserved, field_size = 16
      0xff, 0xff, 0xff, 0xff, // sample_count = 4294967295: 2^36 bits, past 32-bit arithmetic
      0x00, 0x01, 0x00, 0x02, // two 16-bit sizes
    ]));
    expect(codes(node)).toEqual(['table-count-exceeds-box']);
    expect([...(node.data as StszData).sizes!]).toEqual([1, 2]);
  });

  it('refuses a field_size other than 4, 8 or 16', async () => {
    const node = await parseOne(fullBox('stz2', 0, 0, [0, 0, 0, 7, ...u32(2), 0x12, 0x34])); // field_size = 7
    expect(codes(node)).toContain('invalid-field-size');
    expect(f(node, 'field_size').display).toBe('invalid (4, 8 or 16)');
    expect(node.data).toBeUndefined();
  });
});
