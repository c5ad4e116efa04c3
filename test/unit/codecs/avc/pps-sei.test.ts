import { describe, expect, it } from 'vitest';
import { type AvcNalData, readAvcNalUnit } from '../../../../media/codecs/avc/nal-unit.js';
import { AvcParameterSets } from '../../../../media/codecs/avc/parameter-sets.js';
import { ANNOTATE, type Field, type Node } from '../../../../media/model/types.js';
import { BitWriter } from '../../../helpers/bit-writer.js';
import { emulationPrevent } from '../../../helpers/emulation-prevention.js';
import { findField } from '../../../helpers/fields.js';

function field(node: Node, name: string): Field {
  const f = findField(node.fields, name);
  if (!f) throw new Error(`no field ${name}`);
  return f;
}

/** A Main profile SPS: id 0, frame_num 4 bits, POC type 0 with 6-bit lsb, 20x15 MBs, no VUI. */
function mainSps(vui?: (w: BitWriter) => void): Uint8Array {
  const w = new BitWriter()
    .u(8, 0x67) // NAL header: nal_ref_idc 3, SPS
    .u(8, 77).u(8, 0x40).u(8, 30) // profile_idc Main, constraint_set1_flag, level_idc 3.0
    .ue(0) // seq_parameter_set_id
    .ue(0) // log2_max_frame_num_minus4
    .ue(0).ue(2) // pic_order_cnt_type 0, log2_max_pic_order_cnt_lsb_minus4 2
    .ue(1).flag(0) // max_num_ref_frames, gaps_in_frame_num_value_allowed_flag
    .ue(19).ue(14) // 320x240
    .flag(1).flag(1).flag(0) // frame_mbs_only_flag, direct_8x8_inference_flag, frame_cropping_flag
    .flag(vui !== undefined); // vui_parameters_present_flag
  vui?.(w);
  return emulationPrevent(w.trailing().bytes());
}

function store(sps: Uint8Array = mainSps()): AvcParameterSets {
  const s = new AvcParameterSets();
  readAvcNalUnit(sps, 0, ANNOTATE, s);
  return s;
}

describe('PPS', () => {
  it('reads the fields after more_rbsp_data: transform_8x8_mode_flag, scaling lists, second_chroma_qp_index_offset', () => {
    const bytes = new BitWriter()
      .u(8, 0x68) // NAL header: PPS
      .ue(1).ue(0) // pic_parameter_set_id 1, seq_parameter_set_id 0
      .flag(1).flag(0) // entropy_coding_mode_flag CABAC, bottom_field_pic_order_in_frame_present_flag
      .ue(0) // num_slice_groups_minus1
      .ue(2).ue(0) // num_ref_idx_l0/l1_default_active_minus1
      .flag(1).u(2, 2) // weighted_pred_flag, weighted_bipred_idc implicit
      .se(-3).se(0).se(-2) // pic_init_qp_minus26, pic_init_qs_minus26, chroma_qp_index_offset
      .flag(1).flag(0).flag(0) // deblocking_filter_control_present_flag, constrained_intra_pred_flag, redundant_pic_cnt_present_flag
      .flag(1) // transform_8x8_mode_flag
      .flag(1) // pic_scaling_matrix_present_flag: 6 + 2 lists
      .flag(0).flag(0).flag(0).flag(0).flag(0).flag(0) // pic_scaling_list_present_flag[0..5]
      .flag(1).se(8).se(-16) // [6] present: delta 8 (scale 16), then -16 makes nextScale 0: the rest repeat
      .flag(0) // [7]
      .se(-2) // second_chroma_qp_index_offset
      .trailing()
      .bytes();
    const s = store();
    const nal = readAvcNalUnit(bytes, 0, ANNOTATE, s);
    expect(nal.diagnostics).toEqual([]);
    expect((nal.data as AvcNalData).pps).toMatchObject({ id: 1, spsId: 0, entropyCodingMode: true, transform8x8Mode: true, weightedBipredIdc: 2 });
    expect(field(nal, 'entropy_coding_mode_flag').display).toBe('CABAC');
    expect(field(nal, 'ScalingList8x8[0]').fields!.map((f) => f.name)).toEqual(['delta_scale[0]', 'delta_scale[1]']);
    expect(field(nal, 'second_chroma_qp_index_offset').value).toBe(-2);
    expect(s.pps.get(1)).toBeDefined();
  });

  it('bounds an explicit slice group map whose size cannot fit', () => {
    const bytes = new BitWriter()
      .u(8, 0x68).ue(0).ue(0).flag(0).flag(0) // header, ids, CAVLC, no bottom field POC
      .ue(1) // num_slice_groups_minus1: 2 groups
      .ue(6) // slice_group_map_type 6: explicit
      .ue(1_000_000) // pic_size_in_map_units_minus1: a million 1-bit entries in a few bytes
      .u(8, 0xff)
      .bytes();
    const nal = readAvcNalUnit(bytes, 0, ANNOTATE, store());
    expect(nal.diagnostics.map((d) => d.code)).toContain('table-count-exceeds-nal');
  });

  it('reports a PPS whose SPS is unknown and reads on', () => {
    const bytes = new BitWriter().u(8, 0x68).ue(0).ue(7).flag(0).flag(0).ue(0).ue(0).ue(0).flag(0).u(2, 0).se(0).se(0).se(0).flag(0).flag(0).flag(0).trailing().bytes();
    const nal = readAvcNalUnit(bytes, 0, ANNOTATE, new AvcParameterSets());
    expect(nal.diagnostics.map((d) => d.code)).toEqual(['unknown-sps']);
    expect((nal.data as AvcNalData).pps?.spsId).toBe(7);
  });
});

/** An SEI NAL unit around raw RBSP payload bytes. */
function sei(...messages: number[][]): Uint8Array {
  return emulationPrevent(Uint8Array.from([0x06, ...messages.flat(), 0x80]));
}

describe('SEI', () => {
  it('reads payloadType and payloadSize with 0xFF extension bytes, and user data as text', () => {
    const text = [...'x264 - core 164 - options: cabac=1'].map((c) => c.charCodeAt(0));
    const uuid = [0xdc, 0x45, 0xe9, 0xbd, 0xe6, 0xd9, 0x48, 0xb7, 0x96, 0x2c, 0xd8, 0x20, 0xd9, 0x23, 0xee, 0xef];
    const body = [...uuid, ...text, 0x00];
    // payloadSize 255 + 1 bytes: pad the text so the size needs one ff_byte.
    const padded = [...uuid, ...text, ...new Array(256 - body.length).fill(0x20), 0x00].slice(0, 256);
    const nal = readAvcNalUnit(sei([0x05, 0xff, 0x01, ...padded]), 0, ANNOTATE, new AvcParameterSets());
    expect(nal.diagnostics).toEqual([]);
    const message = field(nal, 'sei_message[0]');
    expect(message.display).toBe('user_data_unregistered');
    expect(message.fields!.map((f) => [f.name, f.value])).toEqual([
      ['last_payload_type_byte', 5],
      ['ff_byte', 255],
      ['last_payload_size_byte', 1],
      ['user_data_unregistered', 2],
    ]);
    expect(field(nal, 'uuid_iso_iec_11578').display).toBe('dc45e9bd-e6d9-48b7-962c-d820d923eeef');
    expect(field(nal, 'user_data_payload_byte').display).toMatch(/^x264 - core 164 - options: cabac=1 +$/);
  });

  it('finds closed captions in ATSC A/53 user data (GA94 cc_data)', () => {
    const payload = [
      0xb5, // itu_t_t35_country_code: United States
      0x00, 0x31, // itu_t_t35_provider_code: ATSC
      0x47, 0x41, 0x39, 0x34, // user_identifier 'GA94'
      0x03, // user_data_type_code: cc_data
      0x42, // process_em_data_flag 0, process_cc_data_flag 1, additional_data_flag 0, cc_count 2
      0xff, // em_data
      0xfc, 0x94, 0x2c, // marker_bits, cc_valid 1, cc_type 0 (field 1), cc_data_1, cc_data_2
      0xf9, 0x80, 0x80, // cc_valid 0, cc_type 1
      0xff, // marker_bits
    ];
    const nal = readAvcNalUnit(sei([0x04, payload.length, ...payload]), 0, ANNOTATE, new AvcParameterSets());
    expect(nal.diagnostics).toEqual([]);
    expect(field(nal, 'user_identifier').value).toBe('GA94');
    expect(field(nal, 'closed_captions')).toMatchObject({ value: true, display: 'present: 1 valid cc_data pairs', derived: true });
    expect(field(nal, 'cc_data_pkt').value).toBe(2);
  });

  it('reads pic_timing with the active SPS (HRD delays and pic_struct), and shows bytes without one', () => {
    const vuiWithHrd = (w: BitWriter): void => {
      w.flag(0).flag(0).flag(0).flag(0) // aspect ratio, overscan, video signal, chroma loc
        .flag(1).u(32, 1).u(32, 50).flag(1) // timing_info: 25 fps
        .flag(1) // nal_hrd_parameters_present_flag
        .ue(0).u(4, 0).u(4, 0).ue(10).ue(10).flag(0) // one SchedSelIdx
        .u(5, 23).u(5, 7).u(5, 5).u(5, 0) // delay lengths 24, cpb_removal 8, dpb_output 6, time_offset_length 0
        .flag(0).flag(0) // vcl_hrd_parameters_present_flag, low_delay_hrd_flag
        .flag(1) // pic_struct_present_flag
        .flag(0); // bitstream_restriction_flag
    };
    const payload = new BitWriter()
      .u(8, 2) // cpb_removal_delay (8 bits)
      .u(6, 4) // dpb_output_delay (6 bits)
      .u(4, 0) // pic_struct: frame, one clock timestamp
      .flag(0) // clock_timestamp_flag[0]
      .u(5, 0) // padding: bit_equal_to_one then zeros (written as 1 then 0000 below)
      .bytes();
    payload[2]! |= 0x10; // bit_equal_to_one after the 19 bits of syntax
    const s = store(mainSps(vuiWithHrd));
    const nal = readAvcNalUnit(sei([0x01, payload.length, ...payload]), 0, ANNOTATE, s);
    expect(nal.diagnostics).toEqual([]);
    expect(field(nal, 'cpb_removal_delay').value).toBe(2);
    expect(field(nal, 'dpb_output_delay').value).toBe(4);
    expect(field(nal, 'pic_struct').display).toBe('frame');
    expect(field(nal, 'bit_equal_to_one').value).toBe(1);

    const blind = readAvcNalUnit(sei([0x01, payload.length, ...payload]), 0, ANNOTATE, new AvcParameterSets());
    expect(blind.diagnostics.map((d) => d.code)).toEqual(['sei-payload-not-decoded']);
    expect(field(blind, 'payload_byte').bitLength).toBe(payload.length * 8);
  });

  it('reads recovery_point', () => {
    const nal = readAvcNalUnit(sei([0x06, 0x01, 0b1_1_0_00_100]), 0, ANNOTATE, new AvcParameterSets());
    expect(nal.diagnostics).toEqual([]);
    expect(['recovery_frame_cnt', 'exact_match_flag', 'broken_link_flag', 'changing_slice_group_idc'].map((n) => field(nal, n).value)).toEqual([0, true, false, 0]);
  });

  it('reports a payloadSize beyond the NAL unit without throwing', () => {
    const nal = readAvcNalUnit(sei([0x05, 0x40, 0x01, 0x02]), 10, ANNOTATE, new AvcParameterSets());
    expect(nal.diagnostics.map((d) => d.code)).toContain('sei-payload-exceeds-nal');
  });
});

describe('small NAL units', () => {
  it('reads an access unit delimiter, filler data and end of sequence', () => {
    const aud = readAvcNalUnit(Uint8Array.of(0x09, 0b010_1_0000), 0, ANNOTATE, new AvcParameterSets()); // primary_pic_type 2, rbsp_stop_one_bit
    expect(aud.diagnostics).toEqual([]);
    expect(field(aud, 'primary_pic_type')).toMatchObject({ value: 2, display: 'I, P, B' });
    const filler = readAvcNalUnit(Uint8Array.of(0x0c, 0xff, 0xff, 0xff, 0x80), 100, ANNOTATE, new AvcParameterSets());
    expect(filler.diagnostics).toEqual([]);
    expect(field(filler, 'ff_byte')).toMatchObject({ bitOffset: 101 * 8, bitLength: 24, value: '3 bytes' });
    const eos = readAvcNalUnit(Uint8Array.of(0x0a), 0, ANNOTATE, new AvcParameterSets());
    expect([eos.name, eos.diagnostics]).toEqual(['end of seq', []]);
  });
});
