import { describe, expect, it } from 'vitest';
import type { CttsData, StssData, SttsData } from '../../../../../media/formats/isobmff/box-data.js';
import { BULK, type ParseOptions } from '../../../../../media/model/types.js';
import { fullBox, u32 } from '../../../../helpers/bytes.js';
import { codes, f, parseOne } from './movie-box-kit.js';

/** A 64-byte box whose table count says 0xFFFFFFFF (DESIGN.md bad input 3). */
function hugeCount(type: string): number[] {
  return fullBox(type, 0, 0, [0xff, 0xff, 0xff, 0xff, ...new Array<number>(48).fill(1)]);
}

describe('stts', () => {
  it('reads runs of sample deltas', async () => {
    const node = await parseOne(fullBox('stts', 0, 0, [
      0x00, 0x00, 0x00, 0x02, // entry_count = 2
      0x00, 0x00, 0x00, 0x57, // [0] sample_count = 87
      0x00, 0x00, 0x04, 0x00, // [0] sample_delta = 1024
      0x00, 0x00, 0x00, 0x01, // [1] sample_count = 1
      0x00, 0x00, 0x02, 0x00, // [1] sample_delta = 512
    ]));
    expect(node.diagnostics).toEqual([]);
    expect(f(node, 'entries', 'entries[1]', 'sample_delta')).toMatchObject({ value: 512, display: '512 media units', bitOffset: 28 * 8 });
    const data = node.data as SttsData;
    expect([...data.counts]).toEqual([87, 1]);
    expect([...data.deltas]).toEqual([1024, 512]);
  });

  it('reports entry_count 0xFFFFFFFF in a 64-byte box and reads what fits', async () => {
    const node = await parseOne(hugeCount('stts'));
    expect(node.end).toBe(64);
    expect(codes(node)).toEqual(['table-count-exceeds-box']);
    expect(node.diagnostics[0]).toMatchObject({ start: 12, end: 64 });
    expect((node.data as SttsData).counts.length).toBe(6);
  });
});

describe('ctts', () => {
  it('reads version 0 offsets, and a negative one as signed with a warning', async () => {
    const node = await parseOne(fullBox('ctts', 0, 0, [
      0x00, 0x00, 0x00, 0x02, // entry_count = 2
      0x00, 0x00, 0x00, 0x01, // [0] sample_count = 1
      0x00, 0x00, 0x04, 0x00, // [0] sample_offset = 1024
      0x00, 0x00, 0x00, 0x03, // [1] sample_count = 3
      0xff, 0xff, 0xfe, 0x00, // [1] sample_offset = 4294966784 (-512 as signed)
    ]));
    expect(codes(node)).toEqual(['negative-offset-in-version-0']);
    expect(f(node, 'entries', 'entries[1]', 'sample_offset')).toMatchObject({ value: 4294966784, display: '-512 if read as signed' });
    const data = node.data as CttsData;
    expect(data.offsets).toBeInstanceOf(Int32Array);
    expect([...data.counts]).toEqual([1, 3]);
    expect([...data.offsets]).toEqual([1024, -512]);
  });

  it('reads version 1 signed offsets', async () => {
    const node = await parseOne(fullBox('ctts', 1, 0, [...u32(1), ...u32(5),
      0xff, 0xff, 0xfc, 0x00, // sample_offset = -1024
    ]));
    expect(node.diagnostics).toEqual([]);
    expect(f(node, 'entries', 'entries[0]', 'sample_offset').value).toBe(-1024);
    expect([...(node.data as CttsData).offsets]).toEqual([-1024]);
  });

  it('reports entry_count 0xFFFFFFFF in a 64-byte box', async () => {
    const node = await parseOne(hugeCount('ctts'));
    expect(codes(node)).toContain('table-count-exceeds-box');
    expect((node.data as CttsData).counts.length).toBe(6);
  });
});

describe('stss', () => {
  it('reads sync sample numbers', async () => {
    const node = await parseOne(fullBox('stss', 0, 0, [
      0x00, 0x00, 0x00, 0x02, // entry_count = 2
      0x00, 0x00, 0x00, 0x01, // sample_number = 1
      0x00, 0x00, 0x00, 0x1a, // sample_number = 26
    ]));
    expect(f(node, 'entries', 'entries[1]').value).toBe(26);
    expect([...(node.data as StssData).samples]).toEqual([1, 26]);
    const huge = await parseOne(hugeCount('stss'));
    expect(codes(huge)).toEqual(['table-count-exceeds-box']);
    expect((huge.data as StssData).samples.length).toBe(12);
  });
});

describe('sdtp', () => {
  it('reads the four 2-bit fields of each sample', async () => {
    const node = await parseOne(fullBox('sdtp', 0, 0, [
      0x20, // is_leading 0, sample_depends_on 2 (I-picture), sample_is_depended_on 0, sample_has_redundancy 0
      0x18, // is_leading 0, sample_depends_on 1, sample_is_depended_on 2 (disposable), sample_has_redundancy 0
    ]));
    expect(f(node, 'entries').value).toBe(2);
    const row = f(node, 'entries', 'entries[1]');
    expect(row.fields!.map((x) => [x.name, x.value, x.bitOffset, x.bitLength])).toEqual([
      ['is_leading', 0, 13 * 8, 2],
      ['sample_depends_on', 1, 13 * 8 + 2, 2],
      ['sample_is_depended_on', 2, 13 * 8 + 4, 2],
      ['sample_has_redundancy', 0, 13 * 8 + 6, 2],
    ]);
    expect(f(node, 'entries', 'entries[0]', 'sample_depends_on').display).toBe('depends on no other (I-picture)');
    expect(f(node, 'entries', 'entries[1]', 'sample_is_depended_on').display).toBe('no other depends on it (disposable)');
  });
});

describe('bulk mode', () => {
  it('keeps the same tables without recording fields', async () => {
    const bytes = fullBox('stts', 0, 0, [...u32(2), ...u32(87), ...u32(1024), ...u32(1), ...u32(512)]);
    const node = await parseOne(bytes, BULK);
    expect(node.fields).toEqual([]);
    expect([...(node.data as SttsData).deltas]).toEqual([1024, 512]);
  });

  it('records only maxEntries rows and counts the rest', async () => {
    const limited: ParseOptions = { record: true, maxEntries: 1 };
    const node = await parseOne(fullBox('stss', 0, 0, [...u32(3), ...u32(1), ...u32(10), ...u32(20)]), limited);
    const table = f(node, 'entries');
    expect(table.fields).toHaveLength(1);
    expect(table.omitted).toBe(2);
    expect([...(node.data as StssData).samples]).toEqual([1, 10, 20]);
  });
});
