import { type NalContext } from './nal-context.js';
import { SLICE_TYPES } from './names.js';
import type { AvcParameterSets, PpsData, SpsData } from './parameter-sets.js';
import { readDecRefPicMarking, readPredWeightTable, readRefPicListModification } from './slice-header-parts.js';

/** What access-unit grouping (7.4.1.2.4) and picture order counts (8.2.1) need from a slice header. */
export interface SliceHeaderData {
  nalUnitType: number;
  nalRefIdc: number;
  idr: boolean;
  firstMbInSlice: number;
  /** slice_type % 5: 0 P, 1 B, 2 I, 3 SP, 4 SI. */
  sliceType: number;
  ppsId: number;
  frameNum: number;
  fieldPic: boolean;
  bottomField: boolean;
  idrPicId: number;
  picOrderCntLsb: number;
  deltaPicOrderCntBottom: number;
  deltaPicOrderCnt0: number;
  deltaPicOrderCnt1: number;
  redundantPicCnt: number;
  /** memory_management_control_operation 5 occurred (resets frame numbers and POC). */
  mmco5: boolean;
  sps: SpsData;
  pps: PpsData;
}

/**
 * slice_header() (H.264 7.3.3), then the cabac_alignment_one_bit that starts CABAC slice data.
 * Returns undefined when the PPS or SPS it refers to has not been seen (the rest cannot be parsed).
 */
export function readSliceHeader(ctx: NalContext, store: AvcParameterSets, nalUnitType: number, nalRefIdc: number): SliceHeaderData | undefined {
  const r = ctx.r;
  const idr = nalUnitType === 5;
  const firstMbInSlice = r.ue('first_mb_in_slice');
  const rawType = ctx.ue('slice_type', 9, SLICE_TYPES);
  const sliceType = rawType % 5;
  const ppsAt = r.pos;
  const ppsId = ctx.ue('pic_parameter_set_id', 255);
  const pps = store.pps.get(ppsId);
  const sps = pps && store.sps.get(pps.spsId);
  if (!pps || !sps) {
    const what = pps ? `SPS ${pps.spsId}` : `PPS ${ppsId}`;
    ctx.report('error', 'unknown-parameter-set', `the slice refers to ${what}, not seen before it; the rest of the header cannot be read`, ppsAt);
    return undefined;
  }
  store.active = sps;
  if (sps.separateColourPlane) r.u(2, 'colour_plane_id', { 0: 'Y', 1: 'Cb', 2: 'Cr' });
  const frameNum = r.u(sps.log2MaxFrameNum, 'frame_num');
  let fieldPic = false;
  let bottomField = false;
  if (!sps.frameMbsOnly) {
    fieldPic = r.flag('field_pic_flag', { 0: 'frame', 1: 'field' });
    if (fieldPic) bottomField = r.flag('bottom_field_flag', { 0: 'top field', 1: 'bottom field' });
  }
  const idrPicId = idr ? ctx.ue('idr_pic_id', 65535) : 0;
  let picOrderCntLsb = 0;
  let deltaPicOrderCntBottom = 0;
  let deltaPicOrderCnt0 = 0;
  let deltaPicOrderCnt1 = 0;
  const bottomPresent = pps.bottomFieldPicOrderInFramePresent && !fieldPic;
  if (sps.picOrderCntType === 0) {
    picOrderCntLsb = r.u(sps.log2MaxPicOrderCntLsb, 'pic_order_cnt_lsb');
    if (bottomPresent) deltaPicOrderCntBottom = r.se('delta_pic_order_cnt_bottom');
  }
  if (sps.picOrderCntType === 1 && !sps.deltaPicOrderAlwaysZero) {
    deltaPicOrderCnt0 = r.se('delta_pic_order_cnt[0]');
    if (bottomPresent) deltaPicOrderCnt1 = r.se('delta_pic_order_cnt[1]');
  }
  const redundantPicCnt = pps.redundantPicCntPresent ? ctx.ue('redundant_pic_cnt', 127) : 0;
  if (sliceType === 1) r.flag('direct_spatial_mv_pred_flag', { 0: 'temporal', 1: 'spatial' });
  let l0 = pps.numRefIdxL0DefaultActiveMinus1 + 1;
  let l1 = pps.numRefIdxL1DefaultActiveMinus1 + 1;
  if (sliceType === 0 || sliceType === 3 || sliceType === 1) {
    if (r.flag('num_ref_idx_active_override_flag')) {
      const max = fieldPic ? 31 : 15;
      l0 = Math.min(ctx.ue('num_ref_idx_l0_active_minus1', max), 31) + 1;
      if (sliceType === 1) l1 = Math.min(ctx.ue('num_ref_idx_l1_active_minus1', max), 31) + 1;
    }
  }
  readRefPicListModification(ctx, sliceType);
  const weighted = (pps.weightedPred && (sliceType === 0 || sliceType === 3)) || (pps.weightedBipredIdc === 1 && sliceType === 1);
  if (weighted) readPredWeightTable(ctx, sliceType, l0, l1, sps.chromaArrayType);
  const mmco5 = nalRefIdc !== 0 ? readDecRefPicMarking(ctx, idr) : false;
  if (pps.entropyCodingMode && sliceType !== 2 && sliceType !== 4) ctx.ue('cabac_init_idc', 2);
  r.se('slice_qp_delta');
  if (sliceType === 3 || sliceType === 4) {
    if (sliceType === 3) r.flag('sp_for_switch_flag');
    r.se('slice_qs_delta');
  }
  if (pps.deblockingFilterControlPresent) {
    const idc = ctx.ue('disable_deblocking_filter_idc', 6, { 0: 'filter on', 1: 'filter off', 2: 'on, not across slice edges' });
    if (idc !== 1) {
      ctx.se('slice_alpha_c0_offset_div2', -6, 6);
      ctx.se('slice_beta_offset_div2', -6, 6);
    }
  }
  if (pps.numSliceGroupsMinus1 > 0 && pps.sliceGroupMapType >= 3 && pps.sliceGroupMapType <= 5) {
    const units = sps.picWidthInMbs * sps.picHeightInMapUnits;
    const bits = Math.ceil(Math.log2(units / (pps.sliceGroupChangeRateMinus1 + 1) + 1));
    r.u(Math.min(bits, 32), 'slice_group_change_cycle');
  }
  // slice_data() starts here; with CABAC it is first aligned with ones (7.3.4).
  if (pps.entropyCodingMode) while ((r.pos & 7) !== 0) ctx.fixed(1, 'cabac_alignment_one_bit', 1);
  return {
    nalUnitType,
    nalRefIdc,
    idr,
    firstMbInSlice,
    sliceType,
    ppsId,
    frameNum,
    fieldPic,
    bottomField,
    idrPicId,
    picOrderCntLsb,
    deltaPicOrderCntBottom,
    deltaPicOrderCnt0,
    deltaPicOrderCnt1,
    redundantPicCnt,
    mmco5,
    sps,
    pps,
  };
}
