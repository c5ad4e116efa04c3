import { describe, expect, it } from 'vitest';
import type { SaioData, SaizData, SbgpData, SgpdData } from '../../../../../media/formats/isobmff/box-data.js';
import { ascii, fullBox, hexBytes, u32 } from '../../../../helpers/bytes.js';
import { codes, f, names, parseOne } from './movie-box-kit.js';

const KID = '0123456789abcdef0123456789abcdef';
const IV = 'a0a1a2a3a4a5a6a7a8a9aaabacadaeaf';

describe('sgpd', () => {
  it('reads roll entries of a version 1 box with a default length', async () => {
    const node = await parseOne(fullBox('sgpd', 1, 0, [
      0x72, 0x6f, 0x6c, 0x6c, // grouping_type = 'roll'
      0x00, 0x00, 0x00, 0x02, // default_length = 2
      0x00, 0x00, 0x00, 0x01, // entry_count = 1
      0xff, 0xff, // roll_distance = -1
    ]));
    expect(node.diagnostics).toEqual([]);
    expect(names(node.fields)).toEqual(['size', 'type', 'version', 'flags', 'grouping_type', 'default_length', 'entry_count', 'entries']);
    expect(f(node, 'grouping_type').display).toMatch(/^roll recovery/);
    expect(f(node, 'entries', 'entries[0]')).toMatchObject({ value: -1, bitOffset: 24 * 8, bitLength: 16, display: 'decode 1 samples before to recover' });
    expect(node.data).toEqual({ groupingType: 'roll', entries: [{ rollDistance: -1 }] } satisfies SgpdData);
  });

  it('reads version 0 entries of a fixed-size type', async () => {
    const node = await parseOne(fullBox('sgpd', 0, 0, [
      ...ascii('rap '), // grouping_type = 'rap '
      0x00, 0x00, 0x00, 0x02, // entry_count = 2
      0x82, // num_leading_samples_known = 1, num_leading_samples = 2
      0x00, // num_leading_samples_known = 0, num_leading_samples = 0
    ]));
    expect(node.diagnostics).toEqual([]);
    expect(f(node, 'entries', 'entries[0]', 'num_leading_samples')).toMatchObject({ value: 2, bitOffset: 20 * 8 + 1, bitLength: 7 });
    expect((node.data as SgpdData).entries).toEqual([
      { numLeadingSamplesKnown: true, numLeadingSamples: 2 },
      { numLeadingSamplesKnown: false, numLeadingSamples: 0 },
    ]);
  });

  it('reads a CENC seig entry with a constant IV, in a version 2 box with per-entry lengths', async () => {
    const node = await parseOne(fullBox('sgpd', 2, 0, [
      ...ascii('seig'), // grouping_type = 'seig'
      0x00, 0x00, 0x00, 0x00, // default_length = 0 (each entry gives its length)
      0x00, 0x00, 0x00, 0x01, // default_sample_description_index = 1
      0x00, 0x00, 0x00, 0x01, // entry_count = 1
      0x00, 0x00, 0x00, 0x25, // description_length = 37
      0x00, // reserved
      0x19, // crypt_byte_block = 1, skip_byte_block = 9
      0x01, // isProtected = 1
      0x00, // Per_Sample_IV_Size = 0 (constant IV)
      ...hexBytes(KID), // KID
      0x10, // constant_IV_size = 16
      ...hexBytes(IV), // constant_IV
    ]));
    expect(node.diagnostics).toEqual([]);
    expect(names(f(node, 'entries', 'entries[0]').fields)).toEqual([
      'description_length', 'reserved', 'crypt_byte_block', 'skip_byte_block', 'isProtected', 'Per_Sample_IV_Size', 'KID', 'constant_IV_size', 'constant_IV',
    ]);
    expect(f(node, 'entries', 'entries[0]', 'KID').display).toBe(KID);
    expect(f(node, 'entries', 'entries[0]', 'Per_Sample_IV_Size').display).toBe('constant IV');
    const data = node.data as SgpdData;
    expect(data.defaultSampleDescriptionIndex).toBe(1);
    expect(data.entries[0]).toMatchObject({ isProtected: 1, perSampleIvSize: 0, cryptByteBlock: 1, skipByteBlock: 9 });
    expect([...data.entries[0]!.kid!]).toEqual(hexBytes(KID));
    expect([...data.entries[0]!.constantIv!]).toEqual(hexBytes(IV));
  });

  it('keeps entries of unknown types as bytes of their length, and shows what a known type leaves', async () => {
    const node = await parseOne(fullBox('sgpd', 1, 0, [
      ...ascii('abcd'), // grouping_type = 'abcd' (unknown)
      0x00, 0x00, 0x00, 0x03, // default_length = 3
      0x00, 0x00, 0x00, 0x02, // entry_count = 2
      0x01, 0x02, 0x03, // entry 0
      0x04, 0x05, 0x06, // entry 1
    ]));
    expect(node.diagnostics).toEqual([]);
    expect((node.data as SgpdData).entries.map((e) => [...e.bytes!])).toEqual([[1, 2, 3], [4, 5, 6]]);
    const roll = await parseOne(fullBox('sgpd', 1, 0, [...ascii('roll'), ...u32(3), ...u32(1),
      0x00, 0x02, // roll_distance = 2
      0x09, // one byte more than roll needs
    ]));
    expect(f(roll, 'entries', 'entries[0]', 'remaining').bitLength).toBe(8);
  });

  it('shows version 0 entries of an unknown type as bytes, with an info diagnostic', async () => {
    const node = await parseOne(fullBox('sgpd', 0, 0, [...ascii('abcd'), ...u32(2), 1, 2, 3, 4]));
    expect(codes(node)).toEqual(['entry-length-unknown']);
    expect(f(node, 'entries').bitLength).toBe(32);
  });

  it('reports an entry_count or description_length the box cannot hold', async () => {
    const huge = await parseOne(fullBox('sgpd', 1, 0, [...ascii('roll'), ...u32(2), 0xff, 0xff, 0xff, 0xff, 0x00, 0x01]));
    expect(codes(huge)).toEqual(['table-count-exceeds-box']);
    expect((huge.data as SgpdData).entries).toEqual([{ rollDistance: 1 }]);
    const long = await parseOne(fullBox('sgpd', 1, 0, [...ascii('abcd'), ...u32(0), ...u32(1), ...u32(100), 1, 2]));
    expect(codes(long)).toEqual(['entry-overflows-box']);
    expect([...(long.data as SgpdData).entries[0]!.bytes!]).toEqual([1, 2]);
  });
});

describe('sbgp', () => {
  it('reads version 0 runs', async () => {
    const node = await parseOne(fullBox('sbgp', 0, 0, [
      0x72, 0x6f, 0x6c, 0x6c, // grouping_type = 'roll'
      0x00, 0x00, 0x00, 0x02, // entry_count = 2
      0x00, 0x00, 0x00, 0x57, // [0] sample_count = 87
      0x00, 0x00, 0x00, 0x01, // [0] group_description_index = 1
      0x00, 0x00, 0x00, 0x01, // [1] sample_count = 1
      0x00, 0x00, 0x00, 0x00, // [1] group_description_index = 0 (no group)
    ]));
    expect(node.diagnostics).toEqual([]);
    expect(f(node, 'entries', 'entries[1]', 'group_description_index').display).toBe('in no group of this type');
    expect(node.data).toEqual({ groupingType: 'roll', sampleCounts: Uint32Array.from([87, 1]), groupDescriptionIndices: Uint32Array.from([1, 0]) } satisfies SbgpData);
  });

  it('reads version 1 grouping_type_parameter and fragment-local indices', async () => {
    const node = await parseOne(fullBox('sbgp', 1, 0, [
      ...ascii('seig'), // grouping_type = 'seig'
      0x00, 0x00, 0x00, 0x07, // grouping_type_parameter = 7
      0x00, 0x00, 0x00, 0x01, // entry_count = 1
      0x00, 0x00, 0x00, 0x0a, // sample_count = 10
      0x00, 0x01, 0x00, 0x01, // group_description_index = 65537 (entry 1 of the fragment's sgpd)
    ]));
    expect(f(node, 'grouping_type_parameter').value).toBe(7);
    expect(f(node, 'entries', 'entries[0]', 'group_description_index').display).toBe("entry 1 of this fragment's sgpd");
    expect((node.data as SbgpData).groupingTypeParameter).toBe(7);
  });

  it('reports entry_count 0xFFFFFFFF', async () => {
    const node = await parseOne(fullBox('sbgp', 0, 0, [...ascii('roll'), 0xff, 0xff, 0xff, 0xff, ...u32(1), ...u32(1)]));
    expect(codes(node)).toEqual(['table-count-exceeds-box']);
    expect((node.data as SbgpData).sampleCounts.length).toBe(1);
  });
});

describe('saio and saiz', () => {
  it('reads saio with aux_info_type (flags 1) and 32-bit offsets', async () => {
    const node = await parseOne(fullBox('saio', 0, 1, [
      ...ascii('cenc'), // aux_info_type = 'cenc'
      0x00, 0x00, 0x00, 0x00, // aux_info_type_parameter = 0
      0x00, 0x00, 0x00, 0x01, // entry_count = 1
      0x00, 0x00, 0x02, 0x00, // offset = 512
    ]));
    expect(node.diagnostics).toEqual([]);
    expect(names(node.fields)).toEqual(['size', 'type', 'version', 'flags', 'aux_info_type', 'aux_info_type_parameter', 'entry_count', 'offset']);
    expect(node.data).toEqual({ auxInfoType: 'cenc', auxInfoTypeParameter: 0, offsets: Float64Array.from([512]) } satisfies SaioData);
  });

  it('reads saio version 1 (64-bit offsets) without aux_info_type', async () => {
    const node = await parseOne(fullBox('saio', 1, 0, [
      0x00, 0x00, 0x00, 0x01, // entry_count = 1
      0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, // offset = 4294967296
    ]));
    expect(f(node, 'offset', 'offset[0]').bitLength).toBe(64);
    expect(node.data).toEqual({ offsets: Float64Array.from([4294967296]) });
  });

  it('reads saiz with a size table when the default is 0', async () => {
    const node = await parseOne(fullBox('saiz', 0, 0, [
      0x00, // default_sample_info_size = 0 (sizes differ)
      0x00, 0x00, 0x00, 0x03, // sample_count = 3
      0x10, 0x18, 0x10, // sample_info_size = 16, 24, 16
    ]));
    expect(node.diagnostics).toEqual([]);
    expect(f(node, 'sample_info_size', 'sample_info_size[1]')).toMatchObject({ value: 24, display: '24 bytes', bitOffset: 18 * 8 });
    expect(node.data).toEqual({ defaultSampleInfoSize: 0, sampleCount: 3, sizes: Uint8Array.from([16, 24, 16]) } satisfies SaizData);
  });

  it('reads saiz with a default size and no table', async () => {
    const node = await parseOne(fullBox('saiz', 0, 1, [...ascii('cenc'), ...u32(0),
      0x08, // default_sample_info_size = 8
      0x00, 0x00, 0x00, 0x4b, // sample_count = 75
    ]));
    expect(node.data).toEqual({ auxInfoType: 'cenc', auxInfoTypeParameter: 0, defaultSampleInfoSize: 8, sampleCount: 75 });
  });

  it('reports counts the boxes cannot hold', async () => {
    const saio = await parseOne(fullBox('saio', 0, 0, [0xff, 0xff, 0xff, 0xff, ...u32(8)]));
    expect(codes(saio)).toEqual(['table-count-exceeds-box']);
    const saiz = await parseOne(fullBox('saiz', 0, 0, [0x00, 0xff, 0xff, 0xff, 0xff, 0x10]));
    expect(codes(saiz)).toEqual(['table-count-exceeds-box']);
    expect((saiz.data as SaizData).sampleCount).toBe(1);
  });
});
