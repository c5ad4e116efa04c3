import { describe, expect, it } from 'vitest';
import type { MehdData, TrexData } from '../../../../../media/formats/isobmff/box-data.js';
import { codes, field, parseOne } from './movie-box-kit.js';
import { fullBox, u32 } from '../../../../helpers/bytes.js';

describe('trex', () => {
  it('reads the track defaults and decodes default_sample_flags', async () => {
    const node = await parseOne([
      0x00, 0x00, 0x00, 0x20, // size = 32
      0x74, 0x72, 0x65, 0x78, // type = 'trex'
      0x00, // version = 0
      0x00, 0x00, 0x00, // flags = 0
      0x00, 0x00, 0x00, 0x01, // track_ID = 1
      0x00, 0x00, 0x00, 0x01, // default_sample_description_index = 1
      0x00, 0x00, 0x04, 0x00, // default_sample_duration = 1024
      0x00, 0x00, 0x00, 0x00, // default_sample_size = 0
      0x0a, 0x81, 0x00, 0x05, // default_sample_flags: is_leading 2, depends_on 2, is_depended_on 2, redundancy 0, padding 0, non-sync, priority 5
    ]);
    expect(node.diagnostics).toEqual([]);
    expect(node.data).toEqual({
      trackId: 1,
      defaultSampleDescriptionIndex: 1,
      defaultSampleDuration: 1024,
      defaultSampleSize: 0,
      defaultSampleFlags: 0x0a810005,
    } satisfies TrexData);
    const flags = field(node.fields, 'default_sample_flags')!;
    expect(flags.fields!.map((f) => [f.name, f.value])).toEqual([
      ['reserved', 0],
      ['is_leading', 2],
      ['sample_depends_on', 2],
      ['sample_is_depended_on', 2],
      ['sample_has_redundancy', 0],
      ['sample_padding_value', 0],
      ['sample_is_non_sync_sample', 1],
      ['sample_degradation_priority', 5],
    ]);
    expect(field(flags.fields, 'is_leading')?.display).toBe('not a leading sample');
    expect(field(flags.fields, 'sample_depends_on')?.display).toBe('does not depend on other samples (I picture)');
    expect(field(flags.fields, 'sample_is_depended_on')?.display).toBe('no other sample depends on this one (disposable)');
  });
});

describe('mehd', () => {
  it('reads a version 0 fragment_duration', async () => {
    const node = await parseOne([
      0x00, 0x00, 0x00, 0x10, // size = 16
      0x6d, 0x65, 0x68, 0x64, // type = 'mehd'
      0x00, // version = 0
      0x00, 0x00, 0x00, // flags = 0
      0x00, 0x00, 0x0b, 0xb8, // fragment_duration = 3000
    ]);
    expect(node.data).toEqual({ fragmentDuration: 3000 } satisfies MehdData);
  });

  it('reads a version 1 fragment_duration', async () => {
    const node = await parseOne([
      0x00, 0x00, 0x00, 0x14, // size = 20
      0x6d, 0x65, 0x68, 0x64, // type = 'mehd'
      0x01, // version = 1
      0x00, 0x00, 0x00, // flags = 0
      0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, // fragment_duration = 2^32
    ]);
    expect(node.data).toEqual({ fragmentDuration: 2 ** 32 } satisfies MehdData);
  });
});

describe('leva', () => {
  it('reads levels of each assignment type', async () => {
    const node = await parseOne([
      0x00, 0x00, 0x00, 0x2c, // size = 44
      0x6c, 0x65, 0x76, 0x61, // type = 'leva'
      0x00, // version = 0
      0x00, 0x00, 0x00, // flags = 0
      0x03, // level_count = 3
      0x00, 0x00, 0x00, 0x01, // levels[0].track_ID = 1
      0x80, // padding_flag = 1, assignment_type = 0
      0x74, 0x65, 0x6c, 0x65, // grouping_type = 'tele'
      0x00, 0x00, 0x00, 0x01, // levels[1].track_ID = 1
      0x01, // padding_flag = 0, assignment_type = 1
      0x73, 0x79, 0x6e, 0x63, // grouping_type = 'sync'
      0x00, 0x00, 0x00, 0x07, // grouping_type_parameter = 7
      0x00, 0x00, 0x00, 0x02, // levels[2].track_ID = 2
      0x04, // padding_flag = 0, assignment_type = 4
      0x00, 0x00, 0x00, 0x09, // sub_track_ID = 9
    ]);
    expect(node.diagnostics).toEqual([]);
    const levels = field(node.fields, 'levels')!.fields!;
    expect(levels.map((l) => l.fields!.map((f) => f.name))).toEqual([
      ['track_ID', 'padding_flag', 'assignment_type', 'grouping_type'],
      ['track_ID', 'padding_flag', 'assignment_type', 'grouping_type', 'grouping_type_parameter'],
      ['track_ID', 'padding_flag', 'assignment_type', 'sub_track_ID'],
    ]);
    expect(field(levels[2]!.fields, 'sub_track_ID')?.value).toBe(9);
  });

  it('reports a level_count larger than the box', async () => {
    const node = await parseOne(fullBox('leva', 0, 0, [0xff, ...u32(1), 0x02])); // level_count = 255, one by-track level
    expect(codes(node)).toContain('table-count-exceeds-box');
    expect(field(node.fields, 'levels')?.value).toBe(1);
  });
});
