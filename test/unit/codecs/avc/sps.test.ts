import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AvcNalData, readAvcNalUnit } from '../../../../media/codecs/avc/nal-unit.js';
import { AvcParameterSets } from '../../../../media/codecs/avc/parameter-sets.js';
import { ANNOTATE, BULK, type Field, type Node } from '../../../../media/model/types.js';
import { BitWriter } from '../../../helpers/bit-writer.js';
import { emulationPrevent } from '../../../helpers/emulation-prevention.js';
import { findField } from '../../../helpers/fields.js';

/** The snippet is a C-style list of hex bytes as pasted into a question: decoded here by hand. */
function snippet(): Uint8Array {
  const text = readFileSync(join(__dirname, '../../../fixtures/snippets/flv-avc-sequence-header.txt'), 'utf8');
  return Uint8Array.from(text.match(/0x[0-9a-f]{2}/gi)!.map((h) => parseInt(h, 16)));
}

function field(node: Node, name: string): Field {
  const f = findField(node.fields, name);
  if (!f) throw new Error(`no field ${name}`);
  return f;
}

describe('SPS of the pasted FLV AVC sequence header', () => {
  const bytes = snippet();
  // FLV VideoTagHeader (5 bytes), then AVCDecoderConfigurationRecord: version, profile, compat, level,
  // lengthSizeMinusOne, numOfSequenceParameterSets (6 bytes), SPS length (2 bytes): the SPS starts at byte 13.
  const spsStart = 13;
  const spsLength = (bytes[11]! << 8) | bytes[12]!;
  const nal = readAvcNalUnit(bytes.subarray(spsStart, spsStart + spsLength), spsStart, ANNOTATE, new AvcParameterSets());

  it('reads every field without diagnostics', () => {
    expect(spsLength).toBe(25);
    expect(nal.name).toBe('SPS');
    expect(nal.diagnostics).toEqual([]);
    const sps = (nal.data as AvcNalData).sps!;
    expect(sps).toMatchObject({ profileIdc: 66, constraintByte: 0xc0, levelIdc: 31, width: 640, height: 360, profileName: 'Constrained Baseline', levelName: '3.1', codec: 'avc1.42C01F' });
    expect(sps.vui).toMatchObject({ numUnitsInTick: 1, timeScale: 48, fixedFrameRate: true });
    expect(field(nal, 'frame_rate').value).toBe(24);
  });

  it('places num_units_in_tick, which straddles the first emulation_prevention_three_byte, at its file bits', () => {
    // RBSP bits 86..117 lie in SPS bytes 10..15 (file bytes 23..28); byte 13 of the SPS (file byte 26) is 0x03.
    expect(field(nal, 'num_units_in_tick')).toMatchObject({ value: 1, bitOffset: 23 * 8 + 6, bitLength: 40, ownBits: 32 });
  });

  it('places time_scale, which straddles the second one, at its file bits', () => {
    // RBSP bits 118..149: SPS bytes 15..20 (file 28..33), across the 0x03 at SPS byte 18 (file byte 31).
    expect(field(nal, 'time_scale')).toMatchObject({ value: 48, bitOffset: 28 * 8 + 6, bitLength: 40, ownBits: 32 });
  });

  it('shows each emulation_prevention_three_byte as a field of its own', () => {
    const epb = nal.fields.filter((f) => f.name === 'emulation_prevention_three_byte');
    expect(epb.map((f) => [f.bitOffset, f.bitLength, f.value])).toEqual([[26 * 8, 8, 3], [31 * 8, 8, 3]]);
    expect(bytes[26]).toBe(3);
    expect(bytes[31]).toBe(3);
  });

  it('reads the fields before the escapes where the bytes are', () => {
    expect(field(nal, 'profile_idc')).toMatchObject({ value: 66, bitOffset: 14 * 8, bitLength: 8, display: 'Constrained Baseline' });
    expect(field(nal, 'frame_crop_bottom_offset')).toMatchObject({ value: 4, bitOffset: (spsStart + 9) * 8 + 3, bitLength: 5 });
  });

  it('reads the same values without recording', () => {
    const bulk = readAvcNalUnit(bytes.subarray(spsStart, spsStart + spsLength), spsStart, BULK, new AvcParameterSets());
    expect(bulk.fields).toEqual([]);
    expect((bulk.data as AvcNalData).sps).toEqual((nal.data as AvcNalData).sps);
  });
});

/** An SPS in High profile with every optional part present, built element by element. */
function highSps(opts: { id?: number; log2MaxFrameNumMinus4?: number; cpbCntMinus1?: number } = {}): Uint8Array {
  const w = new BitWriter()
    .u(8, 0x67) // forbidden_zero_bit 0, nal_ref_idc 3, nal_unit_type 7
    .u(8, 100) // profile_idc: High
    .u(8, 0) // constraint_set0..5_flag, reserved_zero_2bits
    .u(8, 40) // level_idc 4.0
    .ue(opts.id ?? 1) // seq_parameter_set_id
    .ue(1) // chroma_format_idc 4:2:0
    .ue(2) // bit_depth_luma_minus8: 10 bits
    .ue(2) // bit_depth_chroma_minus8
    .flag(0) // qpprime_y_zero_transform_bypass_flag
    .flag(1); // seq_scaling_matrix_present_flag
  w.flag(1).se(-8); // seq_scaling_list_present_flag[0], delta_scale[0] = -8: nextScale 0, use the default list
  for (let i = 1; i < 8; i++) w.flag(0); // seq_scaling_list_present_flag[1..7]
  w.ue(opts.log2MaxFrameNumMinus4 ?? 0) // log2_max_frame_num_minus4
    .ue(1) // pic_order_cnt_type 1
    .flag(0) // delta_pic_order_always_zero_flag
    .se(-2) // offset_for_non_ref_pic
    .se(1) // offset_for_top_to_bottom_field
    .ue(2) // num_ref_frames_in_pic_order_cnt_cycle
    .se(2) // offset_for_ref_frame[0]
    .se(2) // offset_for_ref_frame[1]
    .ue(4) // max_num_ref_frames
    .flag(0) // gaps_in_frame_num_value_allowed_flag
    .ue(119) // pic_width_in_mbs_minus1: 1920
    .ue(33) // pic_height_in_map_units_minus1: 34 field MB pairs
    .flag(0) // frame_mbs_only_flag: fields possible
    .flag(1) // mb_adaptive_frame_field_flag
    .flag(1) // direct_8x8_inference_flag
    .flag(1) // frame_cropping_flag
    .ue(0).ue(0).ue(0).ue(2) // frame_crop_left/right/top/bottom_offset: 1088 - 2*2*2 = 1080
    .flag(1) // vui_parameters_present_flag
    .flag(1).u(8, 255).u(16, 4).u(16, 3) // aspect_ratio_info_present_flag, Extended_SAR 4:3
    .flag(0) // overscan_info_present_flag
    .flag(1).u(3, 5).flag(0).flag(1).u(8, 1).u(8, 1).u(8, 1) // video_signal_type: unspecified, limited, BT.709
    .flag(0) // chroma_loc_info_present_flag
    .flag(1).u(32, 1001).u(32, 60000).flag(1) // timing_info: 29.97 frames/s
    .flag(1) // nal_hrd_parameters_present_flag
    .ue(opts.cpbCntMinus1 ?? 0).u(4, 1).u(4, 2) // cpb_cnt_minus1, bit_rate_scale, cpb_size_scale
    .ue(999).ue(1999).flag(0) // bit_rate_value_minus1[0], cpb_size_value_minus1[0], cbr_flag[0]
    .u(5, 23).u(5, 23).u(5, 23).u(5, 24) // delay lengths, time_offset_length
    .flag(0) // vcl_hrd_parameters_present_flag
    .flag(0) // low_delay_hrd_flag
    .flag(1) // pic_struct_present_flag
    .flag(0) // bitstream_restriction_flag
    .trailing();
  return emulationPrevent(w.bytes());
}

describe('a hand-built 10-bit interlaced High SPS', () => {
  it('reads scaling lists, POC type 1, cropping of field macroblocks, VUI and HRD', () => {
    const nal = readAvcNalUnit(highSps(), 0, ANNOTATE, new AvcParameterSets());
    expect(nal.diagnostics).toEqual([]);
    const sps = (nal.data as AvcNalData).sps!;
    expect(sps).toMatchObject({ id: 1, bitDepthLuma: 10, picOrderCntType: 1, offsetForRefFrame: [2, 2], frameMbsOnly: false, width: 1920, height: 1080, profileName: 'High', levelName: '4.0' });
    expect(sps.vui).toMatchObject({ sarWidth: 4, sarHeight: 3, numUnitsInTick: 1001, timeScale: 60000, picStructPresent: true });
    expect(sps.vui!.nalHrd).toEqual({ cpbCntMinus1: 0, initialCpbRemovalDelayLength: 24, cpbRemovalDelayLength: 24, dpbOutputDelayLength: 24, timeOffsetLength: 24 });
    expect(field(nal, 'ScalingList4x4[0]').display).toBe('use the default scaling matrix');
    expect(field(nal, 'bit_rate_value_minus1[0]').display).toBe(`${1000 * 128} bit/s`);
    expect(field(nal, 'offset_for_ref_frame[1]').value).toBe(2);
  });

  it('reports out-of-range values and goes on reading', () => {
    const nal = readAvcNalUnit(highSps({ id: 32, log2MaxFrameNumMinus4: 13, cpbCntMinus1: 32 }), 0, ANNOTATE, new AvcParameterSets());
    const codes = nal.diagnostics.map((d) => [d.code, d.message]);
    expect(codes).toContainEqual(['value-out-of-range', 'seq_parameter_set_id = 32 is out of range (at most 31)']);
    expect(codes).toContainEqual(['value-out-of-range', 'log2_max_frame_num_minus4 = 13 is out of range (at most 12)']);
    expect(codes).toContainEqual(['value-out-of-range', 'cpb_cnt_minus1 = 32 is out of range (at most 31)']);
    // The rest was still read (the HRD's 33 entries then misread what follows; the SPS gives up without throwing).
    expect(field(nal, 'pic_width_in_mbs_minus1').value).toBe(119);
    expect((nal.data as AvcNalData).sps ?? field(nal, 'vui_parameters')).toBeDefined();
  });

  it('turns an exp-Golomb code longer than 32 bits into a diagnostic', () => {
    const bytes = Uint8Array.of(
      0x67, // NAL header: SPS
      0x42, 0x00, 0x1e, // profile_idc 66, constraint flags 0, level_idc 30
      0x00, 0x00, 0x00, 0x00, 0x00, 0x80, // seq_parameter_set_id: 40 leading zeros
    );
    const nal = readAvcNalUnit(bytes, 0, ANNOTATE, new AvcParameterSets());
    expect(nal.diagnostics.map((d) => d.code)).toEqual(['bitstream-error']);
    expect(nal.diagnostics[0]!.start).toBe(4);
    expect(field(nal, 'level_idc').value).toBe(30);
  });

  it('reports an SPS cut short', () => {
    const whole = highSps();
    const nal = readAvcNalUnit(whole.subarray(0, 12), 500, ANNOTATE, new AvcParameterSets());
    expect(nal.diagnostics.map((d) => d.code)).toEqual(['truncated-nal-unit']);
    expect(nal.end).toBe(512);
  });
});
