import { type NalContext, ceilLog2 } from './nal-context.js';
import type { AvcParameterSets, PpsData } from './parameter-sets.js';
import { readScalingMatrix } from './scaling-list.js';

const SLICE_GROUP_MAP_TYPES = {
  0: 'interleaved', 1: 'dispersed', 2: 'foreground with left-over', 3: 'box-out', 4: 'raster scan', 5: 'wipe', 6: 'explicit',
} as const;

const WEIGHTED_BIPRED = { 0: 'default', 1: 'explicit', 2: 'implicit' } as const;

/**
 * pic_parameter_set_rbsp() (H.264 7.3.2.2). The slice group map of type 6 and the scaling lists
 * depend on the SPS, so the store must hold it; without it those parts are read as 4:2:0 would be.
 */
export function readPps(ctx: NalContext, store: AvcParameterSets): PpsData {
  const r = ctx.r;
  const id = ctx.ue('pic_parameter_set_id', 255);
  const spsAt = r.pos;
  const spsId = ctx.ue('seq_parameter_set_id', 31);
  const sps = store.sps.get(spsId);
  if (!sps) ctx.report('warning', 'unknown-sps', `seq_parameter_set_id ${spsId} refers to an SPS not seen before this PPS`, spsAt);
  const entropyCodingMode = r.flag('entropy_coding_mode_flag', { 0: 'CAVLC', 1: 'CABAC' });
  const bottomFieldPicOrderInFramePresent = r.flag('bottom_field_pic_order_in_frame_present_flag');
  const numSliceGroupsMinus1 = ctx.ue('num_slice_groups_minus1', 7);
  let sliceGroupMapType = 0;
  let sliceGroupChangeRateMinus1 = 0;
  if (numSliceGroupsMinus1 > 0) {
    const groups = Math.min(numSliceGroupsMinus1, 7);
    sliceGroupMapType = ctx.ue('slice_group_map_type', 6, SLICE_GROUP_MAP_TYPES);
    if (sliceGroupMapType === 0) {
      r.table('run_length_minus1', groups + 1, (i) => r.ue(`run_length_minus1[${i}]`));
    } else if (sliceGroupMapType === 2) {
      r.table('slice_group', groups, (i) => {
        r.ue(`top_left[${i}]`);
        r.ue(`bottom_right[${i}]`);
      });
    } else if (sliceGroupMapType >= 3 && sliceGroupMapType <= 5) {
      r.flag('slice_group_change_direction_flag');
      sliceGroupChangeRateMinus1 = r.ue('slice_group_change_rate_minus1');
    } else if (sliceGroupMapType === 6) {
      let units = r.ue('pic_size_in_map_units_minus1') + 1;
      const bits = ceilLog2(groups + 1);
      if (units * bits > r.bitsLeft) {
        ctx.report('error', 'table-count-exceeds-nal', `pic_size_in_map_units_minus1 + 1 = ${units} entries of ${bits} bits do not fit in the NAL unit`, r.pos - 1);
        units = Math.floor(r.bitsLeft / Math.max(1, bits));
      }
      r.table('slice_group_id', units, (i) => r.u(bits, `slice_group_id[${i}]`));
    }
  }
  const numRefIdxL0DefaultActiveMinus1 = ctx.ue('num_ref_idx_l0_default_active_minus1', 31);
  const numRefIdxL1DefaultActiveMinus1 = ctx.ue('num_ref_idx_l1_default_active_minus1', 31);
  const weightedPred = r.flag('weighted_pred_flag');
  const weightedBipredIdc = r.u(2, 'weighted_bipred_idc', WEIGHTED_BIPRED);
  const qpMin = -(26 + 6 * ((sps?.bitDepthLuma ?? 8) - 8));
  ctx.se('pic_init_qp_minus26', qpMin, 25);
  ctx.se('pic_init_qs_minus26', -26, 25);
  ctx.se('chroma_qp_index_offset', -12, 12);
  const deblockingFilterControlPresent = r.flag('deblocking_filter_control_present_flag');
  r.flag('constrained_intra_pred_flag');
  const redundantPicCntPresent = r.flag('redundant_pic_cnt_present_flag');
  let transform8x8Mode = false;
  if (r.cursor.moreRbspData()) {
    transform8x8Mode = r.flag('transform_8x8_mode_flag');
    if (r.flag('pic_scaling_matrix_present_flag')) {
      const chroma444 = sps?.chromaFormatIdc === 3;
      readScalingMatrix(ctx, 'pic_scaling_list_present_flag', 6 + (chroma444 ? 6 : 2) * (transform8x8Mode ? 1 : 0));
    }
    ctx.se('second_chroma_qp_index_offset', -12, 12);
  }
  ctx.trailingBits();
  return {
    id,
    spsId,
    entropyCodingMode,
    bottomFieldPicOrderInFramePresent,
    numSliceGroupsMinus1,
    sliceGroupMapType,
    sliceGroupChangeRateMinus1,
    numRefIdxL0DefaultActiveMinus1,
    numRefIdxL1DefaultActiveMinus1,
    weightedPred,
    weightedBipredIdc,
    deblockingFilterControlPresent,
    redundantPicCntPresent,
    transform8x8Mode,
  };
}
