import { describe, expect, it } from 'vitest';
import { readPesHeader } from '../../../../media/formats/mpegts/pes-header.js';
import { addStable90k } from '../../../../media/formats/mpegts/stable-time.js';
import { FieldReader } from '../../../../media/model/field-reader.js';
import { ANNOTATE, type Diagnostic } from '../../../../media/model/types.js';
import { OutOfData } from '../../../../media/bits/errors.js';
import { findField } from '../../../helpers/fields.js';

function read(bytes: number[], at = 0) {
  const r = FieldReader.at(new Uint8Array(bytes), at, ANNOTATE);
  const diags: Diagnostic[] = [];
  const header = readPesHeader(r, diags);
  return { header, diags, fields: r.fields, pos: r.pos };
}

/** The first video PES header of test/fixtures/segment.ts (offset 576). */
const VIDEO_PES = [
  0x00, 0x00, 0x01, // packet_start_code_prefix
  0xe0, // stream_id: video stream 0
  0x00, 0x00, // PES_packet_length 0 (unbounded)
  0x80, // '10', PES_scrambling_control 00, PES_priority 0, data_alignment_indicator 0, copyright 0, original_or_copy 0
  0xc0, // PTS_DTS_flags 11, ESCR 0, ES_rate 0, DSM_trick_mode 0, additional_copy_info 0, PES_CRC 0, PES_extension 0
  0x0a, // PES_header_data_length 10
  0x31, 0x00, 0x09, 0x10, 0xa1, // '0011', PTS[32..30] 000, marker, PTS[29..15], marker, PTS[14..0], marker: PTS 133200
  0x11, 0x00, 0x07, 0xd8, 0x61, // '0001', DTS ...: DTS 126000
];

describe('readPesHeader', () => {
  it('reads PTS and DTS (33 bits around marker bits) at their file bits', () => {
    const { header, diags, fields, pos } = read(VIDEO_PES, 576);
    expect(diags).toEqual([]);
    expect(header).toEqual({ streamId: 0xe0, packetLength: 0, pts: 133200, dts: 126000, dataAlignment: false, headerLength: 19 });
    expect(pos).toBe(19 * 8);
    expect(findField(fields, 'PTS')).toMatchObject({ value: 133200, display: '1.480000 s', bitOffset: 585 * 8 + 4, bitLength: 36 });
    expect(findField(fields, 'PTS[32..30]')).toMatchObject({ bitLength: 3, value: 0 });
  });

  it('reads a 33-bit PTS at its maximum, and reports a zero marker bit', () => {
    const max = read([0x00, 0x00, 0x01, 0xc0, 0x00, 0x08, 0x80, 0x80, 0x05, 0x2f, 0xff, 0xff, 0xff, 0xff]); // PTS only, all ones
    expect(max.header.pts).toBe(2 ** 33 - 1);
    const zeroMarker = read([0x00, 0x00, 0x01, 0xc0, 0x00, 0x08, 0x80, 0x80, 0x05, 0x2e, 0xff, 0xff, 0xff, 0xff]); // first marker_bit 0
    expect(zeroMarker.diags.map((d) => d.code)).toEqual(['ts-marker-bit-zero']);
  });

  it('skips the optional header for padding streams', () => {
    const { header, pos } = read([0x00, 0x00, 0x01, 0xbe, 0x00, 0x04, 0xff, 0xff, 0xff, 0xff]);
    expect(header).toMatchObject({ streamId: 0xbe, packetLength: 4, headerLength: 6 });
    expect(pos).toBe(48);
  });

  it('reports flags that need more than PES_header_data_length, and a bad start code', () => {
    const over = read([0x00, 0x00, 0x01, 0xe0, 0x00, 0x00, 0x80, 0x80, 0x02, 0x21, 0x00, 0x01, 0x00, 0x01]); // PTS in a 2-byte header area
    expect(over.diags.map((d) => d.code)).toEqual(['pes-header-fields-overflow']);
    expect(over.pos).toBe(11 * 8);
    const bad = read([0x00, 0x00, 0x02, 0xe0, 0x00, 0x00, 0x80, 0x00, 0x00]);
    expect(bad.diags.map((d) => d.code)).toEqual(['pes-bad-start-code']);
  });

  it('throws OutOfData when the PES ends inside its header', () => {
    expect(() => read(VIDEO_PES.slice(0, 12))).toThrow(OutOfData);
  });
});

describe('addStable90k', () => {
  it('reproduces the AAC timestamps ffprobe extrapolates in test/fixtures/segment.ts', () => {
    const expected = [131110, 133200, 135290, 137380, 139469, 141559, 143649, 145739, 147829, 149918, 152008, 154098, 156188, 158277];
    const got = [131110];
    for (let i = 1; i < expected.length; i++) got.push(addStable90k(got[i - 1]!, 1024, 44100));
    expect(got).toEqual(expected);
  });

  it('adds exactly when the increment is a whole number of ticks', () => {
    expect(addStable90k(1000, 1024, 48000)).toBe(1000 + 1920);
  });
});
