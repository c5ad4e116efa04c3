import { describe, expect, it } from 'vitest';
import type { ElstData } from '../../../../../media/formats/isobmff/box-data.js';
import { fullBox, u32 } from '../../../../helpers/bytes.js';
import { codes, f, names, parseOne } from './movie-box-kit.js';

describe('elst', () => {
  it('reads version 0 entries, an empty edit among them', async () => {
    const node = await parseOne(fullBox('elst', 0, 0, [
      0x00, 0x00, 0x00, 0x02, // entry_count = 2
      0x00, 0x00, 0x00, 0x64, // [0] segment_duration = 100
      0xff, 0xff, 0xff, 0xff, // [0] media_time = -1 (empty edit)
      0x00, 0x01, 0x00, 0x00, // [0] media_rate_integer = 1, media_rate_fraction = 0
      0x00, 0x00, 0x07, 0xd0, // [1] segment_duration = 2000
      0x00, 0x00, 0x04, 0x00, // [1] media_time = 1024
      0x00, 0x01, 0x80, 0x00, // [1] media_rate_integer = 1, media_rate_fraction = -32768
    ]));
    expect(node.diagnostics).toEqual([]);
    expect(f(node, 'entry_count').value).toBe(2);
    const row = f(node, 'entries', 'entries[0]');
    expect(names(row.fields)).toEqual(['segment_duration', 'media_time', 'media_rate_integer', 'media_rate_fraction']);
    expect(f(node, 'entries', 'entries[0]', 'media_time').value).toBe(-1);
    expect(f(node, 'entries', 'entries[0]', 'media_time').display).toBe('empty edit (no media is played)');
    expect(f(node, 'entries', 'entries[1]', 'media_time').bitOffset).toBe(32 * 8);
    expect(node.data).toEqual({
      entries: [
        { segmentDuration: 100, mediaTime: -1, mediaRate: 1 },
        { segmentDuration: 2000, mediaTime: 1024, mediaRate: 0.5 },
      ],
    } satisfies ElstData);
  });

  it('reads version 1 entries and survives media_time INT64_MAX', async () => {
    const node = await parseOne(fullBox('elst', 1, 0, [
      0x00, 0x00, 0x00, 0x01, // entry_count = 1
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xe8, // segment_duration = 1000
      0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // media_time = INT64_MAX
      0x00, 0x01, 0x00, 0x00, // media_rate_integer = 1, media_rate_fraction = 0
    ]));
    expect(codes(node)).toEqual(['media-time-out-of-range']);
    expect(node.diagnostics[0]).toMatchObject({ start: 24, end: 32 });
    expect(f(node, 'entries', 'entries[0]', 'media_time').value).toBe(0x7fffffffffffffffn);
    expect((node.data as ElstData).entries[0]!.segmentDuration).toBe(1000);
  });

  it('clamps an entry_count the box cannot hold', async () => {
    const node = await parseOne(fullBox('elst', 0, 0, [
      0xff, 0xff, 0xff, 0xff, // entry_count = 4294967295
      ...u32(10), ...u32(0), 0x00, 0x01, 0x00, 0x00, // one real entry
    ]));
    expect(codes(node)).toEqual(['table-count-exceeds-box']);
    expect(node.diagnostics[0]!.start).toBe(12);
    expect((node.data as ElstData).entries).toHaveLength(1);
  });
});
