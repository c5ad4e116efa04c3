import type { NalContext } from '../avc/nal-context.js';
import { SAMPLE_ASPECT_RATIOS } from '../avc/names.js';
import { readVuiSignalInfo } from '../avc/video-signal.js';

function subLayerHrd(ctx: NalContext, name: string, cpbCnt: number, subPic: boolean): void {
  const r = ctx.r;
  r.table(name, cpbCnt, (j) => {
    r.ue(`bit_rate_value_minus1[${j}]`);
    r.ue(`cpb_size_value_minus1[${j}]`);
    if (subPic) {
      r.ue(`cpb_size_du_value_minus1[${j}]`);
      r.ue(`bit_rate_du_value_minus1[${j}]`);
    }
    r.flag(`cbr_flag[${j}]`);
  });
}

/** hrd_parameters(commonInfPresentFlag, maxNumSubLayersMinus1) (H.265 E.2.2). */
export function readHevcHrd(ctx: NalContext, common: boolean, maxSubLayersMinus1: number): void {
  const r = ctx.r;
  r.group('hrd_parameters', () => {
    let nal = false;
    let vcl = false;
    let subPic = false;
    if (common) {
      nal = r.flag('nal_hrd_parameters_present_flag');
      vcl = r.flag('vcl_hrd_parameters_present_flag');
      if (nal || vcl) {
        subPic = r.flag('sub_pic_hrd_params_present_flag');
        if (subPic) {
          r.u8('tick_divisor_minus2');
          r.u(5, 'du_cpb_removal_delay_increment_length_minus1');
          r.flag('sub_pic_cpb_params_in_pic_timing_sei_flag');
          r.u(5, 'dpb_output_delay_du_length_minus1');
        }
        r.u(4, 'bit_rate_scale');
        r.u(4, 'cpb_size_scale');
        if (subPic) r.u(4, 'cpb_size_du_scale');
        r.u(5, 'initial_cpb_removal_delay_length_minus1');
        r.u(5, 'au_cpb_removal_delay_length_minus1');
        r.u(5, 'dpb_output_delay_length_minus1');
      }
    }
    for (let i = 0; i <= Math.min(maxSubLayersMinus1, 7); i++) {
      const general = r.flag(`fixed_pic_rate_general_flag[${i}]`);
      const withinCvs = general ? true : r.flag(`fixed_pic_rate_within_cvs_flag[${i}]`);
      let lowDelay = false;
      if (withinCvs) r.ue(`elemental_duration_in_tc_minus1[${i}]`);
      else lowDelay = r.flag(`low_delay_hrd_flag[${i}]`);
      let cpbCnt = 1;
      if (!lowDelay) cpbCnt = Math.min(ctx.ue(`cpb_cnt_minus1[${i}]`, 31), 31) + 1;
      if (nal) subLayerHrd(ctx, `nal_sub_layer_hrd_parameters[${i}]`, cpbCnt, subPic);
      if (vcl) subLayerHrd(ctx, `vcl_sub_layer_hrd_parameters[${i}]`, cpbCnt, subPic);
    }
  });
}

export interface HevcVuiData {
  numUnitsInTick?: number;
  timeScale?: number;
  /** From the bitstream restrictions: what an hvcC's min_spatial_segmentation_idc repeats. */
  minSpatialSegmentationIdc?: number;
}

/** vui_parameters() (H.265 E.2.1). */
export function readHevcVui(ctx: NalContext, maxSubLayersMinus1: number): HevcVuiData {
  const r = ctx.r;
  return r.group('vui_parameters', () => {
    const vui: HevcVuiData = {};
    if (r.flag('aspect_ratio_info_present_flag')) {
      const idc = r.u8('aspect_ratio_idc', (v) => (v === 255 ? 'Extended_SAR' : SAMPLE_ASPECT_RATIOS[v]?.join(':')));
      if (idc === 255) {
        r.u16('sar_width');
        r.u16('sar_height');
      }
    }
    readVuiSignalInfo(ctx, 'matrix_coeffs');
    r.flag('neutral_chroma_indication_flag');
    r.flag('field_seq_flag');
    r.flag('frame_field_info_present_flag');
    if (r.flag('default_display_window_flag')) {
      r.ue('def_disp_win_left_offset');
      r.ue('def_disp_win_right_offset');
      r.ue('def_disp_win_top_offset');
      r.ue('def_disp_win_bottom_offset');
    }
    if (r.flag('vui_timing_info_present_flag')) {
      vui.numUnitsInTick = r.u32('vui_num_units_in_tick');
      vui.timeScale = r.u32('vui_time_scale');
      if (vui.numUnitsInTick > 0) r.derive('frame_rate', vui.timeScale / vui.numUnitsInTick, `${Number((vui.timeScale / vui.numUnitsInTick).toFixed(3))} pictures/s (vui_time_scale / vui_num_units_in_tick)`);
      if (r.flag('vui_poc_proportional_to_timing_flag')) r.ue('vui_num_ticks_poc_diff_one_minus1');
      if (r.flag('vui_hrd_parameters_present_flag')) readHevcHrd(ctx, true, maxSubLayersMinus1);
    }
    if (r.flag('bitstream_restriction_flag')) {
      r.flag('tiles_fixed_structure_flag');
      r.flag('motion_vectors_over_pic_boundaries_flag');
      r.flag('restricted_ref_pic_lists_flag');
      vui.minSpatialSegmentationIdc = ctx.ue('min_spatial_segmentation_idc', 4095);
      ctx.ue('max_bytes_per_pic_denom', 16);
      ctx.ue('max_bits_per_min_cu_denom', 16);
      ctx.ue('log2_max_mv_length_horizontal', 15);
      ctx.ue('log2_max_mv_length_vertical', 15);
    }
    return vui;
  });
}
