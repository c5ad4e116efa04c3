import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readAvcDecoderConfigurationRecord } from '../../../../media/codecs/avc/decoder-config-record.js';
import { FieldReader } from '../../../../media/model/field-reader.js';
import { ANNOTATE, BULK, type Field } from '../../../../media/model/types.js';

const hex = (s: string): number[] => (s.replace(/\s/g, '').match(/../g) ?? []).map((h) => parseInt(h, 16));

// The SPS and PPS of test/fixtures/avc-baseline-aac.mp4 (x264, Constrained Baseline, level 1.3).
const BASELINE_SPS = hex('6742c00dd90141fb011000000300100000030320f142a480');
const BASELINE_PPS = hex('68cb83cb20');

function read(bytes: number[], base = 0) {
  const r = FieldReader.at(Uint8Array.from(bytes), base, ANNOTATE);
  return { ...readAvcDecoderConfigurationRecord(r), fields: r.fields, r };
}

const field = (fields: Field[], name: string): Field | undefined => fields.find((f) => f.name === name);

describe('AVCDecoderConfigurationRecord', () => {
  it('reads a Constrained Baseline record with one SPS and one PPS as nal nodes', () => {
    const { data, nalNodes, diagnostics, fields } = read(
      [
        0x01, // configurationVersion = 1
        0x42, // AVCProfileIndication = 66 (Baseline)
        0xc0, // profile_compatibility: constraint_set0, constraint_set1 (Constrained Baseline)
        0x0d, // AVCLevelIndication = 13 (level 1.3)
        0xff, // reserved '111111'b, lengthSizeMinusOne = 3
        0xe1, // reserved '111'b, numOfSequenceParameterSets = 1
        0x00, 0x18, // sequenceParameterSetLength = 24
        ...BASELINE_SPS,
        0x01, // numOfPictureParameterSets = 1
        0x00, 0x05, // pictureParameterSetLength = 5
        ...BASELINE_PPS,
      ],
      200,
    );
    expect(diagnostics).toEqual([]);
    expect(data).toMatchObject({ profileIndication: 66, profileCompatibility: 0xc0, levelIndication: 13, lengthSize: 4 });
    expect(data.sps.map((b) => Array.from(b))).toEqual([BASELINE_SPS]);
    expect(data.pps.map((b) => Array.from(b))).toEqual([BASELINE_PPS]);
    expect(data.raw).toHaveLength(40);
    expect(field(fields, 'AVCProfileIndication')?.display).toBe('Baseline');
    expect(field(fields, 'profile_compatibility')?.display).toBe('constraint_set0, constraint_set1');
    expect(field(fields, 'AVCLevelIndication')?.display).toBe('level 1.3');
    expect(field(fields, 'profile')).toMatchObject({ value: 'Constrained Baseline', derived: true });
    expect(field(fields, 'codec_string')?.value).toBe('avc1.42C00D');
    expect(field(fields, 'lengthSizeMinusOne')).toMatchObject({ value: 3, bitOffset: 204 * 8 + 6, bitLength: 2 });
    expect(field(fields, 'numOfSequenceParameterSets')).toMatchObject({ value: 1, bitOffset: 205 * 8 + 3, bitLength: 5 });
    expect(nalNodes.map((n) => [n.kind, n.name, n.start, n.end])).toEqual([
      ['nal', 'SPS', 208, 232],
      ['nal', 'PPS', 235, 240],
    ]);
    expect(nalNodes[0]!.fields[0]).toMatchObject({ name: 'sequenceParameterSetNALUnit', bitOffset: 208 * 8, bitLength: 24 * 8 });
  });

  it('reads the High profile extension (chroma format, bit depths, SPS extensions)', () => {
    const { data, diagnostics, fields, r } = read([
      0x01, // configurationVersion
      0x64, // AVCProfileIndication = 100 (High)
      0x00, // profile_compatibility
      0x1e, // AVCLevelIndication = 30 (level 3.0)
      0xfc, // reserved, lengthSizeMinusOne = 0 (1-byte lengths)
      0xe1, // reserved, numOfSequenceParameterSets = 1
      0x00, 0x02, 0x67, 0x64, // sequenceParameterSetLength = 2, SPS
      0x01, // numOfPictureParameterSets = 1
      0x00, 0x01, 0x68, // pictureParameterSetLength = 1, PPS
      0xfd, // reserved '111111'b, chroma_format = 1 (4:2:0)
      0xf9, // reserved '11111'b, bit_depth_luma_minus8 = 1
      0xfa, // reserved '11111'b, bit_depth_chroma_minus8 = 2
      0x01, // numOfSequenceParameterSetExt = 1
      0x00, 0x01, 0x6d, // sequenceParameterSetExtLength = 1, SPS extension (nal_unit_type 13)
    ]);
    expect(diagnostics).toEqual([]);
    expect(data.lengthSize).toBe(1);
    expect(field(fields, 'AVCProfileIndication')?.display).toBe('High');
    expect(field(fields, 'AVCLevelIndication')?.display).toBe('level 3.0');
    expect(field(fields, 'chroma_format')).toMatchObject({ value: 1, display: '4:2:0' });
    expect(field(fields, 'bit_depth_luma_minus8')).toMatchObject({ value: 1, display: '9 bits' });
    expect(field(fields, 'bit_depth_chroma_minus8')).toMatchObject({ value: 2, display: '10 bits' });
    expect(field(fields, 'numOfSequenceParameterSetExt')?.value).toBe(1);
    expect(r.bytesLeft).toBe(0);
  });

  it('survives more SPS than the record holds: a diagnostic, what was there, no throw', () => {
    const { data, nalNodes, diagnostics } = read(
      [
        0x01, 0x42, 0xc0, 0x0d, // configurationVersion, profile 66, compatibility, level 13
        0xff, // lengthSizeMinusOne = 3
        0xe3, // numOfSequenceParameterSets = 3, but only one follows
        0x00, 0x02, 0x67, 0x42, // sequenceParameterSetLength = 2, SPS
      ],
      1000,
    );
    expect(data.sps).toHaveLength(1);
    expect(data.pps).toHaveLength(0);
    expect(nalNodes.map((n) => n.name)).toEqual(['SPS']);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'parameter-set-count-exceeds-record', start: 1010 });
  });

  it('survives a PPS length beyond the record', () => {
    const { data, diagnostics } = read([
      0x01, 0x4d, 0x40, 0x1f, 0xff, // version, profile 77 (Main), compatibility, level 31, lengthSizeMinusOne 3
      0xe0, // numOfSequenceParameterSets = 0
      0x02, // numOfPictureParameterSets = 2
      0x00, 0x01, 0x68, // pictureParameterSetLength = 1, PPS
      0x01, 0x00, 0x68, // pictureParameterSetLength = 256: 1 byte is there
    ]);
    expect(data.pps).toHaveLength(1);
    expect(diagnostics.map((d) => d.code)).toEqual(['parameter-set-length-exceeds-record']);
    expect(diagnostics[0]!.message).toContain('256');
  });

  it('flags lengthSizeMinusOne 2 and reserved bits that are not set', () => {
    const { data, diagnostics } = read([
      0x01, 0x42, 0x00, 0x0b, // version, profile 66, no constraint flags, level 11
      0x02, // reserved = 000000b (should be 111111b), lengthSizeMinusOne = 2 (not allowed)
      0xe0, // numOfSequenceParameterSets = 0
      0x00, // numOfPictureParameterSets = 0
    ]);
    expect(data.lengthSize).toBe(3);
    expect(diagnostics.map((d) => d.code)).toEqual(['reserved-bits-not-set', 'invalid-nal-length-size']);
  });

  it('is callable on an FLV AVC sequence header (the pasted snippet), after its 5-byte tag body header', () => {
    const text = readFileSync(new URL('../../../fixtures/snippets/flv-avc-sequence-header.txt', import.meta.url), 'utf8');
    const bytes = Uint8Array.from((text.match(/0x[0-9a-f]{2}/gi) ?? []).map((h) => parseInt(h, 16)));
    const r = FieldReader.at(bytes, 0, ANNOTATE);
    r.u(4, 'FrameType');
    r.u(4, 'CodecID');
    r.u8('AVCPacketType');
    r.i(24, 'CompositionTime');
    const { data, nalNodes, diagnostics } = readAvcDecoderConfigurationRecord(r);
    expect(diagnostics).toEqual([]);
    expect(data).toMatchObject({ profileIndication: 66, profileCompatibility: 0xc0, levelIndication: 31, lengthSize: 4 });
    expect(nalNodes.map((n) => [n.name, n.start, n.end])).toEqual([
      ['SPS', 13, 38],
      ['PPS', 41, 46],
    ]);
    expect(data.raw).toHaveLength(41);
  });

  it('gives the same data without recording fields (bulk mode)', () => {
    const r = FieldReader.at(Uint8Array.from([0x01, 0x42, 0xc0, 0x0d, 0xff, 0xe1, 0x00, 0x01, 0x67, 0x01, 0x00, 0x01, 0x68]), 0, BULK);
    const { data } = readAvcDecoderConfigurationRecord(r);
    expect(data.sps.map((b) => Array.from(b))).toEqual([[0x67]]);
    expect(data.pps.map((b) => Array.from(b))).toEqual([[0x68]]);
    expect(r.fields).toEqual([]);
  });
});
