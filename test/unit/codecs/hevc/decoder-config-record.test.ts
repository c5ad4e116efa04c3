import { describe, expect, it } from 'vitest';
import { readHevcDecoderConfigurationRecord } from '../../../../media/codecs/hevc/decoder-config-record.js';
import { FieldReader } from '../../../../media/model/field-reader.js';
import { ANNOTATE } from '../../../../media/model/types.js';
import { findField } from '../../../helpers/fields.js';

const HEAD = [
  0x01, // configurationVersion = 1
  0x01, // general_profile_space = 0, general_tier_flag = 0, general_profile_idc = 1 (Main)
  0x60, 0x00, 0x00, 0x00, // general_profile_compatibility_flags: flags 1 and 2
  0x90, 0x00, 0x00, 0x00, 0x00, 0x00, // general_constraint_indicator_flags: progressive_source, frame_only_constraint
  0x3c, // general_level_idc = 60 (level 2.0)
  0xf0, 0x00, // reserved '1111'b, min_spatial_segmentation_idc = 0
  0xfc, // reserved '111111'b, parallelismType = 0
  0xfd, // reserved '111111'b, chromaFormat = 1 (4:2:0)
  0xf8, // reserved '11111'b, bitDepthLumaMinus8 = 0
  0xf8, // reserved '11111'b, bitDepthChromaMinus8 = 0
  0x19, 0x00, // avgFrameRate = 6400 (25 frames/s in units of 1/256)
  0x4f, // constantFrameRate = 1, numTemporalLayers = 1, temporalIdNested = 1, lengthSizeMinusOne = 3
];

function read(bytes: number[], base = 0) {
  const r = FieldReader.at(Uint8Array.from(bytes), base, ANNOTATE);
  return { ...readHevcDecoderConfigurationRecord(r), fields: r.fields, r };
}

describe('HEVCDecoderConfigurationRecord', () => {
  it('reads every field and the VPS/SPS/PPS arrays as nal nodes', () => {
    const { data, nalNodes, diagnostics, fields, r } = read(
      [
        ...HEAD,
        0x03, // numOfArrays = 3
        0xa0, 0x00, 0x01, // array_completeness = 1, reserved = 0, NAL_unit_type = 32 (VPS); numNalus = 1
        0x00, 0x02, 0x40, 0x01, // nalUnitLength = 2, VPS NAL header
        0xa1, 0x00, 0x01, // NAL_unit_type = 33 (SPS), numNalus = 1
        0x00, 0x02, 0x42, 0x01, // nalUnitLength = 2, SPS
        0x22, 0x00, 0x01, // array_completeness = 0, NAL_unit_type = 34 (PPS), numNalus = 1
        0x00, 0x03, 0x44, 0x01, 0xc1, // nalUnitLength = 3, PPS
      ],
      64,
    );
    expect(diagnostics).toEqual([]);
    expect(data).toMatchObject({ generalProfileSpace: 0, generalTierFlag: 0, generalProfileIdc: 1, generalProfileCompatibilityFlags: 0x60000000, generalLevelIdc: 60, lengthSize: 4 });
    expect(Array.from(data.generalConstraintIndicatorFlags)).toEqual([0x90, 0, 0, 0, 0, 0]);
    expect(data.arrays.map((a) => [a.nalUnitType, a.nalus.map((n) => n.length)])).toEqual([[32, [2]], [33, [2]], [34, [3]]]);
    expect(findField(fields, 'general_profile_idc')).toMatchObject({ value: 1, display: 'Main', bitOffset: 65 * 8 + 3, bitLength: 5 });
    expect(findField(fields, 'general_profile_compatibility_flags')?.display).toBe('compatible with profiles 1, 2');
    expect(findField(fields, 'general_constraint_indicator_flags')).toMatchObject({ bitLength: 48, display: 'progressive_source, frame_only_constraint' });
    expect(findField(fields, 'general_level_idc')?.display).toBe('level 2.0');
    expect(findField(fields, 'min_spatial_segmentation_idc')).toMatchObject({ value: 0, bitLength: 12 });
    expect(findField(fields, 'chromaFormat')?.display).toBe('4:2:0');
    expect(findField(fields, 'avgFrameRate')?.display).toBe('25.000 frames/s');
    expect(findField(fields, 'constantFrameRate')?.value).toBe(1);
    expect(findField(fields, 'numTemporalLayers')?.value).toBe(1);
    expect(findField(fields, 'temporalIdNested')?.value).toBe(1);
    expect(findField(fields, 'codec_string')?.value).toBe('hvc1.1.6.L60.90');
    expect(findField(fields, 'arrays[2]')?.display).toBe('1 × PPS');
    expect(findField(fields, 'NAL_unit_type')?.display).toBe('VPS');
    expect(nalNodes.map((n) => [n.kind, n.name, n.start, n.end])).toEqual([
      ['nal', 'VPS', 64 + 28, 64 + 30],
      ['nal', 'SPS', 64 + 35, 64 + 37],
      ['nal', 'PPS', 64 + 42, 64 + 45],
    ]);
    expect(r.bytesLeft).toBe(0);
  });

  it('names prefix and suffix SEI arrays', () => {
    const { fields, nalNodes } = read([
      ...HEAD,
      0x02, // numOfArrays = 2
      0x27, 0x00, 0x01, 0x00, 0x01, 0x4e, // NAL_unit_type = 39 (prefix SEI), one 1-byte unit
      0x28, 0x00, 0x01, 0x00, 0x01, 0x50, // NAL_unit_type = 40 (suffix SEI), one 1-byte unit
    ]);
    expect(findField(fields, 'arrays[0]')?.display).toBe('1 × SEI (prefix)');
    expect(findField(fields, 'arrays[1]')?.display).toBe('1 × SEI (suffix)');
    expect(nalNodes.map((n) => n.name)).toEqual(['SEI', 'SEI']);
  });

  it('survives numNalus and numOfArrays beyond the record', () => {
    const more = read([
      ...HEAD,
      0x01, // numOfArrays = 1
      0xa1, 0x00, 0x03, // SPS, numNalus = 3
      0x00, 0x01, 0x42, // one 1-byte unit, then nothing
    ]);
    expect(more.data.arrays[0]!.nalus).toHaveLength(1);
    expect(more.diagnostics.map((d) => d.code)).toEqual(['nalu-count-exceeds-record']);

    const arrays = read([...HEAD, 0x04, 0xa0, 0x00, 0x00]); // numOfArrays = 4, one empty VPS array
    expect(arrays.data.arrays).toHaveLength(1);
    expect(arrays.diagnostics.map((d) => d.code)).toEqual(['array-count-exceeds-record']);

    const long = read([...HEAD, 0x01, 0xa1, 0x00, 0x01, 0xff, 0xff, 0x42]); // nalUnitLength = 65535
    expect(long.diagnostics.map((d) => d.code)).toEqual(['nalu-length-exceeds-record']);
  });
});
