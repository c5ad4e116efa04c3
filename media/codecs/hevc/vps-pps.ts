import type { NalContext } from '../avc/nal-context.js';
import type { HevcParameterSets, HevcPpsData, HevcVpsData } from './parameter-sets.js';
import { readProfileTierLevel } from './profile-tier-level.js';
import { readOrderingInfo } from './sps.js';
import { readScalingListData } from './sps-parts.js';
import { readHevcHrd } from './vui.js';

/** Shows what is left before rbsp_trailing_bits as one field (extension data Bitlens does not decode). */
function extensionData(ctx: NalContext, name: string): void {
  const r = ctx.r;
  let last = r.cursor.end - 1;
  while (last > r.pos && ((r.cursor.data[last >>> 3]! >>> (7 - (last & 7))) & 1) === 0) last--;
  if (last > r.pos) r.skip(last - r.pos, name);
}

/** video_parameter_set_rbsp() (H.265 7.3.2.1). */
export function readHevcVps(ctx: NalContext): HevcVpsData {
  const r = ctx.r;
  const id = r.u(4, 'vps_video_parameter_set_id');
  r.flag('vps_base_layer_internal_flag');
  r.flag('vps_base_layer_available_flag');
  r.u(6, 'vps_max_layers_minus1');
  const maxSubLayersMinus1 = Math.min(r.u(3, 'vps_max_sub_layers_minus1'), 6);
  r.flag('vps_temporal_id_nesting_flag');
  ctx.fixed(16, 'vps_reserved_0xffff_16bits', 0xffff);
  const ptl = readProfileTierLevel(ctx, true, maxSubLayersMinus1);
  readOrderingInfo(ctx, 'vps', maxSubLayersMinus1);
  const maxLayerId = r.u(6, 'vps_max_layer_id');
  let numLayerSets = ctx.ue('vps_num_layer_sets_minus1', 1023) + 1;
  if ((numLayerSets - 1) * (maxLayerId + 1) > r.bitsLeft) {
    ctx.report('error', 'table-count-exceeds-nal', `${numLayerSets} layer sets do not fit in the VPS`, r.pos - 1);
    numLayerSets = 1;
  }
  for (let i = 1; i < numLayerSets; i++) {
    for (let j = 0; j <= maxLayerId; j++) r.flag(`layer_id_included_flag[${i}][${j}]`);
  }
  if (r.flag('vps_timing_info_present_flag')) {
    r.u32('vps_num_units_in_tick');
    r.u32('vps_time_scale');
    if (r.flag('vps_poc_proportional_to_timing_flag')) r.ue('vps_num_ticks_poc_diff_one_minus1');
    const numHrd = Math.min(ctx.ue('vps_num_hrd_parameters', numLayerSets), 1024);
    for (let i = 0; i < numHrd; i++) {
      r.ue(`hrd_layer_set_idx[${i}]`);
      const common = i > 0 ? r.flag(`cprms_present_flag[${i}]`) : true;
      readHevcHrd(ctx, common, maxSubLayersMinus1);
    }
  }
  if (r.flag('vps_extension_flag')) extensionData(ctx, 'vps_extension_data');
  ctx.trailingBits();
  return { id, maxSubLayersMinus1, ptl };
}

/** pic_parameter_set_rbsp() (H.265 7.3.2.3.1). */
export function readHevcPps(ctx: NalContext, store: HevcParameterSets): HevcPpsData {
  const r = ctx.r;
  const id = ctx.ue('pps_pic_parameter_set_id', 63);
  const spsAt = r.pos;
  const spsId = ctx.ue('pps_seq_parameter_set_id', 15);
  if (!store.sps.has(spsId)) ctx.report('warning', 'unknown-sps', `pps_seq_parameter_set_id ${spsId} refers to an SPS not seen before this PPS`, spsAt);
  const dependentSliceSegmentsEnabled = r.flag('dependent_slice_segments_enabled_flag');
  const outputFlagPresent = r.flag('output_flag_present_flag');
  const numExtraSliceHeaderBits = r.u(3, 'num_extra_slice_header_bits');
  r.flag('sign_data_hiding_enabled_flag');
  r.flag('cabac_init_present_flag');
  ctx.ue('num_ref_idx_l0_default_active_minus1', 14);
  ctx.ue('num_ref_idx_l1_default_active_minus1', 14);
  r.se('init_qp_minus26');
  r.flag('constrained_intra_pred_flag');
  const transformSkip = r.flag('transform_skip_enabled_flag');
  if (r.flag('cu_qp_delta_enabled_flag')) r.ue('diff_cu_qp_delta_depth');
  ctx.se('pps_cb_qp_offset', -12, 12);
  ctx.se('pps_cr_qp_offset', -12, 12);
  r.flag('pps_slice_chroma_qp_offsets_present_flag');
  r.flag('weighted_pred_flag');
  r.flag('weighted_bipred_flag');
  r.flag('transquant_bypass_enabled_flag');
  const tiles = r.flag('tiles_enabled_flag');
  r.flag('entropy_coding_sync_enabled_flag');
  if (tiles) {
    const cols = Math.min(r.ue('num_tile_columns_minus1'), 19);
    const rows = Math.min(r.ue('num_tile_rows_minus1'), 21);
    if (!r.flag('uniform_spacing_flag')) {
      for (let i = 0; i < cols; i++) r.ue(`column_width_minus1[${i}]`);
      for (let i = 0; i < rows; i++) r.ue(`row_height_minus1[${i}]`);
    }
    r.flag('loop_filter_across_tiles_enabled_flag');
  }
  r.flag('pps_loop_filter_across_slices_enabled_flag');
  if (r.flag('deblocking_filter_control_present_flag')) {
    r.flag('deblocking_filter_override_enabled_flag');
    if (!r.flag('pps_deblocking_filter_disabled_flag')) {
      ctx.se('pps_beta_offset_div2', -6, 6);
      ctx.se('pps_tc_offset_div2', -6, 6);
    }
  }
  if (r.flag('pps_scaling_list_data_present_flag')) readScalingListData(ctx);
  r.flag('lists_modification_present_flag');
  r.ue('log2_parallel_merge_level_minus2');
  r.flag('slice_segment_header_extension_present_flag');
  if (r.flag('pps_extension_present_flag')) {
    const range = r.flag('pps_range_extension_flag');
    const others = [r.flag('pps_multilayer_extension_flag'), r.flag('pps_3d_extension_flag'), r.flag('pps_scc_extension_flag'), r.u(4, 'pps_extension_4bits') !== 0];
    if (range) {
      r.group('pps_range_extension', () => {
        if (transformSkip) r.ue('log2_max_transform_skip_block_size_minus2');
        r.flag('cross_component_prediction_enabled_flag');
        if (r.flag('chroma_qp_offset_list_enabled_flag')) {
          r.ue('diff_cu_chroma_qp_offset_depth');
          const n = Math.min(ctx.ue('chroma_qp_offset_list_len_minus1', 5), 5) + 1;
          for (let i = 0; i < n; i++) {
            r.se(`cb_qp_offset_list[${i}]`);
            r.se(`cr_qp_offset_list[${i}]`);
          }
        }
        r.ue('log2_sao_offset_scale_luma');
        r.ue('log2_sao_offset_scale_chroma');
      });
    }
    if (others.some(Boolean)) extensionData(ctx, 'pps_extension_data');
  }
  ctx.trailingBits();
  return { id, spsId, dependentSliceSegmentsEnabled, outputFlagPresent, numExtraSliceHeaderBits };
}
