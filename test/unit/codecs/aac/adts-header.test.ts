import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { FieldReader } from '../../../../media/model/field-reader.js';
import { ANNOTATE, type Diagnostic, type Field } from '../../../../media/model/types.js';
import { adtsAudioConfig, adtsFrameLengthAt, adtsHeaderLength, adtsToAudioSpecificConfig, readAdtsHeader } from '../../../../media/codecs/aac/adts-header.js';

const field = (fields: Field[], name: string): Field | undefined => fields.find((f) => f.name === name);

function read(bytes: number[], at = 1000) {
  const r = FieldReader.at(new Uint8Array(bytes), at, ANNOTATE);
  const diags: Diagnostic[] = [];
  const header = readAdtsHeader(r, diags);
  return { header, fields: r.fields, diags, pos: r.pos };
}

/** The first header of test/fixtures/aac-lc.adts.aac: MPEG-4 AAC LC, 44.1 kHz, mono, no CRC, 287 bytes. */
const NO_CRC = [
  0xff, // syncword 0xFFF (first 8 bits)
  0xf1, // syncword (last 4 bits) 1111, ID 0 (MPEG-4), layer 00, protection_absent 1
  0x50, // profile_ObjectType 01 (LC), sampling_frequency_index 0100 (44100), private_bit 0, channel_configuration (bit 2) 0
  0x40, // channel_configuration (bits 1-0) 01 -> 1, original_copy 0, home 0, copyright_identification_bit 0, _start 0, aac_frame_length (bits 12-11) 00
  0x23, // aac_frame_length (bits 10-3) 0x23
  0xff, // aac_frame_length (bits 2-0) 111 -> 0x23 << 3 | 7 = 287, adts_buffer_fullness (bits 10-6) 11111
  0xfc, // adts_buffer_fullness (bits 5-0) 111111 -> 0x7FF (VBR), number_of_raw_data_blocks_in_frame 00
];

describe('readAdtsHeader', () => {
  it('reads a 7-byte header field by field, at absolute bits', () => {
    const { header, fields, diags, pos } = read(NO_CRC);
    expect(diags).toEqual([]);
    expect(pos).toBe(56);
    expect(header).toMatchObject({
      id: 0, layer: 0, protectionAbsent: true, profileObjectType: 1, audioObjectType: 2, samplingFrequencyIndex: 4, sampleRate: 44100,
      channelConfiguration: 1, channels: 1, frameLength: 287, bufferFullness: 0x7ff, rawDataBlocks: 1, headerLength: 7, samples: 1024,
    });
    expect(header.crcCheck).toBeUndefined();
    expect(field(fields, 'syncword')).toMatchObject({ bitOffset: 8000, bitLength: 12, value: 0xfff });
    expect(field(fields, 'sampling_frequency_index')).toMatchObject({ bitOffset: 8018, bitLength: 4, value: 4, display: '44100 Hz' });
    expect(field(fields, 'aac_frame_length')).toMatchObject({ bitOffset: 8030, bitLength: 13, value: 287 });
    expect(field(fields, 'adts_buffer_fullness')?.display).toBe('variable bit rate');
    expect(field(fields, 'profile_ObjectType')?.display).toBe('AAC LC (object type 2)');
    expect(field(fields, 'frame_duration')).toMatchObject({ derived: true, value: 1024 / 44100 });
  });

  it('reads crc_check when protection_absent is 0', () => {
    const bytes = [
      0xff, // syncword
      0xf0, // syncword, ID 0, layer 00, protection_absent 0 (CRC follows)
      0x4c, // profile 01 (LC), sampling_frequency_index 0011 (48000), private_bit 0, channel_configuration bit 2: 0
      0x80, // channel_configuration 10 -> 2, flags 0000, aac_frame_length bits 12-11: 00
      0x0c, // aac_frame_length bits 10-3
      0x9f, // aac_frame_length bits 2-0 100 -> 100 bytes; buffer fullness 11111
      0xfc, // buffer fullness 111111, number_of_raw_data_blocks_in_frame 0
      0xbe, 0xef, // crc_check 0xBEEF
    ];
    const { header, fields, diags } = read(bytes, 0);
    expect(diags).toEqual([]);
    expect(header).toMatchObject({ protectionAbsent: false, sampleRate: 48000, channels: 2, frameLength: 100, headerLength: 9, crcCheck: 0xbeef });
    expect(field(fields, 'crc_check')).toMatchObject({ bitOffset: 56, bitLength: 16 });
  });

  it('reads raw_data_block_position for a multi-block frame with CRC', () => {
    const bytes = [
      0xff, 0xf0, // syncword, ID 0, layer 0, protection_absent 0
      0x50, 0x40, // LC, 44100, mono, flags 0
      0x40, // aac_frame_length bits 10-3: 0x40 -> 512
      0x1f, 0xfe, // length low bits 000, fullness 0x7FF, number_of_raw_data_blocks_in_frame 10 -> 3 blocks
      0x00, 0x80, // raw_data_block_position[1] = 128
      0x01, 0x00, // raw_data_block_position[2] = 256
      0x12, 0x34, // crc_check
    ];
    const { header, diags } = read(bytes, 0);
    expect(diags).toEqual([]);
    expect(header).toMatchObject({ rawDataBlocks: 3, rawDataBlockPositions: [128, 256], crcCheck: 0x1234, headerLength: 13, samples: 3072, frameLength: 512 });
  });

  it('reports aac_frame_length shorter than the header', () => {
    const bytes = [0xff, 0xf1, 0x50, 0x40, 0x00, 0xa0, 0x00]; // ... aac_frame_length = 5 (0x00 << 3 | 101b)
    const { header, diags } = read(bytes, 0);
    expect(header.frameLength).toBe(5);
    expect(diags.map((d) => d.code)).toEqual(['adts-frame-length-too-short']);
    expect(adtsFrameLengthAt(new Uint8Array(bytes), 0)).toBe(0);
  });

  it('reports a CRC cut off by the end of the data instead of throwing', () => {
    const bytes = [0xff, 0xf0, 0x50, 0x40, 0x23, 0xff, 0xfc, 0xab]; // protection_absent 0, but one byte of crc_check
    const { header, diags } = read(bytes, 0);
    expect(header.crcCheck).toBeUndefined();
    expect(diags.map((d) => d.code)).toEqual(['adts-crc-cut-off']);
  });

  it('reports sampling_frequency_index 15 and the reserved 13', () => {
    const index15 = read([0xff, 0xf1, 0x7c, 0x40, 0x23, 0xff, 0xfc], 0); // profile 01, sampling_frequency_index 1111
    expect(index15.header.sampleRate).toBeUndefined();
    expect(index15.diags.map((d) => d.code)).toEqual(['adts-bad-sampling-frequency-index']);
    expect(index15.diags[0]!.message).toContain('escape');
    const index13 = read([0xff, 0xf1, 0x74, 0x40, 0x23, 0xff, 0xfc], 0); // sampling_frequency_index 1101
    expect(index13.diags[0]!.message).toContain('reserved');
    expect(adtsFrameLengthAt(new Uint8Array([0xff, 0xf1, 0x7c, 0x40, 0x23, 0xff, 0xfc]), 0)).toBe(0);
  });

  it('reports a bad layer', () => {
    const { diags } = read([0xff, 0xf3, 0x50, 0x40, 0x23, 0xff, 0xfc], 0); // layer 01
    expect(diags.map((d) => d.code)).toEqual(['adts-bad-layer']);
  });

  it('computes header lengths', () => {
    expect(adtsHeaderLength(true, 1)).toBe(7);
    expect(adtsHeaderLength(true, 4)).toBe(7);
    expect(adtsHeaderLength(false, 1)).toBe(9);
    expect(adtsHeaderLength(false, 4)).toBe(15);
  });
});

describe('adtsToAudioSpecificConfig', () => {
  it('builds the 2-byte ASC ffmpeg writes for the fixture (AAC LC, 44.1 kHz, mono = 0x1208)', () => {
    const { header } = read(NO_CRC);
    expect([...adtsToAudioSpecificConfig(header)]).toEqual([0x12, 0x08]);
    expect(adtsAudioConfig(header)).toMatchObject({ audioObjectType: 2, samplingFrequency: 44100, channelConfiguration: 1 });
  });

  it('matches the esds of the corpus MP4 with 48 kHz mono (0x1188)', () => {
    expect([...adtsToAudioSpecificConfig({ audioObjectType: 2, samplingFrequencyIndex: 3, channelConfiguration: 1 })]).toEqual([0x11, 0x88]);
    expect([...adtsToAudioSpecificConfig({ audioObjectType: 2, samplingFrequencyIndex: 4, channelConfiguration: 2 })]).toEqual([0x12, 0x10]);
  });

  it('agrees with every header of the ADTS fixture', () => {
    const file = new Uint8Array(readFileSync('test/fixtures/aac-lc.adts.aac'));
    let frames = 0;
    for (let at = 0; at < file.length; ) {
      const length = adtsFrameLengthAt(file, at);
      expect(length).toBeGreaterThan(0);
      at += length;
      frames++;
    }
    expect(frames).toBe(88);
  });
});
