import { describe, expect, it } from 'vitest';
import { readSection } from '../../../../media/formats/mpegts/psi-section.js';
import { Accumulator } from '../../../../media/formats/mpegts/segment-map.js';
import { crc32Mpeg } from '../../../../media/formats/mpegts/crc32-mpeg.js';
import { ANNOTATE } from '../../../../media/model/types.js';
import { findField } from '../../../helpers/fields.js';

/** The PAT ffmpeg writes (test/fixtures/segment.ts, offset 193). */
const PAT = [
  0x00, // table_id: program_association_section
  0xb0, 0x0d, // section_syntax_indicator 1, '0', reserved 11, section_length 13
  0x00, 0x01, // transport_stream_id 1
  0xc1, // reserved 11, version_number 0, current_next_indicator 1
  0x00, 0x00, // section_number 0, last_section_number 0
  0x00, 0x01, // program_number 1
  0xf0, 0x00, // reserved 111, program_map_PID 0x1000
  0x2a, 0xb1, 0x04, 0xb2, // CRC_32
];

/** The PMT of the same file (offset 381): H.264 on PID 0x100, AAC (ADTS) on 0x101. */
const PMT = [
  0x02, // table_id: TS_program_map_section
  0xb0, 0x17, // section_syntax_indicator 1, '0', reserved, section_length 23
  0x00, 0x01, // program_number 1
  0xc1, // reserved, version_number 0, current_next_indicator 1
  0x00, 0x00, // section_number, last_section_number
  0xe1, 0x00, // reserved 111, PCR_PID 0x100
  0xf0, 0x00, // reserved 1111, program_info_length 0
  0x1b, 0xe1, 0x00, 0xf0, 0x00, // stream_type 0x1B (H.264), elementary_PID 0x100, ES_info_length 0
  0x0f, 0xe1, 0x01, 0xf0, 0x00, // stream_type 0x0F (AAC ADTS), elementary_PID 0x101, ES_info_length 0
  0x2f, 0x44, 0xb9, 0x9b, // CRC_32
];

function section(bytes: number[], fileStart: number, pid: number) {
  const acc = new Accumulator();
  acc.append(new Uint8Array(bytes), fileStart);
  const { bytes: joined, map } = acc.take(bytes.length);
  return readSection(joined, map, ANNOTATE, pid);
}

describe('readSection', () => {
  it('reads the PAT and verifies its CRC_32', () => {
    const s = section(PAT, 193, 0);
    expect(s.crcOk).toBe(true);
    expect(s.data).toEqual({ kind: 'pat', transportStreamId: 1, programs: [{ programNumber: 1, pid: 0x1000 }] });
    expect(s.node).toMatchObject({ name: 'PAT', start: 193, end: 193 + 16 });
    expect(findField(s.node.fields, 'CRC_32')).toMatchObject({ display: 'verified', bitOffset: (193 + 12) * 8 });
    expect(crc32Mpeg(new Uint8Array(PAT))).toBe(0);
    expect(crc32Mpeg(new Uint8Array(PAT.slice(0, 12)))).toBe(0x2ab104b2);
  });

  it('reads the PMT streams', () => {
    const s = section(PMT, 381, 0x1000);
    expect(s.crcOk).toBe(true);
    expect(s.data).toEqual({
      kind: 'pmt', programNumber: 1, version: 0, pcrPid: 0x100,
      streams: [{ streamType: 0x1b, pid: 0x100, descriptors: [] }, { streamType: 0x0f, pid: 0x101, descriptors: [] }],
    });
    expect(s.node.fields.filter((f) => f.name === 'stream').map((f) => f.display)).toEqual([
      'PID 0x0100: H.264 / AVC video (ITU-T H.264)', 'PID 0x0101: AAC audio with ADTS transport syntax (ISO/IEC 13818-7)',
    ]);
  });

  it('reports a CRC_32 mismatch', () => {
    const bad = [...PMT];
    bad[12] = 0x02; // stream_type changed: MPEG-2 video
    const s = section(bad, 381, 0x1000);
    expect(s.crcOk).toBe(false);
    expect(s.node.diagnostics.map((d) => d.code)).toEqual(['psi-crc-mismatch']);
    expect(s.node.diagnostics[0]).toMatchObject({ start: 381 + 22, end: 381 + 26 });
  });

  it('reads descriptors: registration and DVB service descriptor (the SDT of the fixture)', () => {
    const sdt = [
      0x42, 0xf0, 0x25, // table_id SDT (actual), section_syntax_indicator 1, section_length 37
      0x00, 0x01, 0xc1, 0x00, 0x00, // transport_stream_id 1, version 0, current, section 0 of 0
      0xff, 0x01, 0xff, // original_network_id 0xFF01, reserved_future_use
      0x00, 0x01, 0xfc, // service_id 1, reserved, EIT flags 0
      0x80, 0x14, // running_status 4 (running), free_CA_mode 0, descriptors_loop_length 20
      0x48, 0x12, // service_descriptor, length 18
      0x01, // service_type: digital television
      0x06, 0x46, 0x46, 0x6d, 0x70, 0x65, 0x67, // provider "FFmpeg"
      0x09, 0x53, 0x65, 0x72, 0x76, 0x69, 0x63, 0x65, 0x30, 0x31, // service "Service01"
      0x77, 0x7c, 0x43, 0xca, // CRC_32
    ];
    const s = section(sdt, 5, 0x11);
    expect(s.crcOk).toBe(true);
    expect(s.node.name).toBe('SDT');
    expect(findField(s.node.fields, 'service_provider_name')?.value).toBe('FFmpeg');
    expect(findField(s.node.fields, 'service_name')?.value).toBe('Service01');
    const reg = [0x02, 0xb0, 0x13, 0x00, 0x01, 0xc1, 0x00, 0x00, 0xe1, 0x00, 0xf0, 0x06, 0x05, 0x04, 0x48, 0x45, 0x56, 0x43]; // program_info: registration 'HEVC'
    const crc = crc32Mpeg(new Uint8Array(reg));
    const pmt = section([...reg, crc >>> 24, (crc >> 16) & 0xff, (crc >> 8) & 0xff, crc & 0xff], 0, 0x1000);
    expect(pmt.crcOk).toBe(true);
    expect(findField(pmt.node.fields, 'format_identifier')?.value).toBe('HEVC');
  });

  it('maps fields of a section split across two packets to their file bits', () => {
    const acc = new Accumulator();
    acc.append(new Uint8Array(PMT.slice(0, 10)), 1000); // first part at the end of one packet
    acc.append(new Uint8Array(PMT.slice(10)), 1192); // the rest after the next packet's 4-byte header
    const { bytes, map } = acc.take(PMT.length);
    const s = readSection(bytes, map, ANNOTATE, 0x1000);
    expect(s.crcOk).toBe(true);
    expect(findField(s.node.fields, 'PCR_PID')).toMatchObject({ bitOffset: 1008 * 8 + 3, bitLength: 13 });
    expect(findField(s.node.fields, 'program_info_length')).toMatchObject({ bitOffset: 1192 * 8 + 4, bitLength: 12 });
    expect(s.node).toMatchObject({ start: 1000, end: 1192 + PMT.length - 10 });
  });

  it('reports bad lengths without throwing', () => {
    const short = section([0x00, 0xb0, 0x05, 0x00, 0x01, 0xc1, 0x00, 0x00], 0, 0);
    expect(short.node.diagnostics.map((d) => d.code)).toEqual(['psi-section-too-short']);
    const cut = section(PAT.slice(0, 14), 0, 0); // the CRC_32 is cut
    expect(cut.crcOk).toBe(false);
    expect(cut.node.diagnostics.map((d) => d.code)).toEqual(['psi-section-cut-off']);
    const overflow = [0x02, 0xb0, 0x0f, 0x00, 0x01, 0xc1, 0x00, 0x00, 0xe1, 0x00, 0xf0, 0x40, 0, 0, 0, 0, 0, 0]; // program_info_length 64 in a 4-byte body
    const o = section(overflow, 0, 0x1000);
    expect(o.node.diagnostics.map((d) => d.code)).toContain('psi-descriptors-overflow');
  });
});
