import { type NalContext, ceilLog2 } from '../avc/nal-context.js';
import { HEVC_SLICE_TYPES } from './names.js';
import type { HevcParameterSets, HevcSpsData } from './parameter-sets.js';

/** The start of slice_segment_header() that access units and picture order need. */
export interface HevcSliceData {
  firstSliceSegmentInPic: boolean;
  ppsId: number;
  dependent: boolean;
  sliceType?: number;
  /** Absent for IDR pictures (their POC is 0) and dependent slice segments. */
  picOrderCntLsb?: number;
  sps?: HevcSpsData;
}

/**
 * slice_segment_header() (H.265 7.3.6.1) up to slice_pic_order_cnt_lsb. The rest (reference picture
 * sets, weights, entry points) is not decoded: the caller shows it as one range.
 */
export function readHevcSliceStart(ctx: NalContext, store: HevcParameterSets, nalUnitType: number): HevcSliceData {
  const r = ctx.r;
  const first = r.flag('first_slice_segment_in_pic_flag');
  if (nalUnitType >= 16 && nalUnitType <= 23) r.flag('no_output_of_prior_pics_flag');
  const ppsAt = r.pos;
  const ppsId = ctx.ue('slice_pic_parameter_set_id', 63);
  const data: HevcSliceData = { firstSliceSegmentInPic: first, ppsId, dependent: false };
  const pps = store.pps.get(ppsId);
  const sps = pps && store.sps.get(pps.spsId);
  if (!pps || !sps) {
    ctx.report('error', 'unknown-parameter-set', `the slice refers to ${pps ? `SPS ${pps.spsId}` : `PPS ${ppsId}`}, not seen before it`, ppsAt);
    return data;
  }
  data.sps = sps;
  if (!first) {
    if (pps.dependentSliceSegmentsEnabled) data.dependent = r.flag('dependent_slice_segment_flag');
    const ctb = 2 ** sps.ctbLog2Size;
    const ctbs = Math.ceil(sps.picWidthInLumaSamples / ctb) * Math.ceil(sps.picHeightInLumaSamples / ctb);
    r.u(Math.min(ceilLog2(ctbs), 32), 'slice_segment_address');
  }
  if (data.dependent) return data;
  for (let i = 0; i < pps.numExtraSliceHeaderBits; i++) r.flag(`slice_reserved_flag[${i}]`);
  data.sliceType = ctx.ue('slice_type', 2, HEVC_SLICE_TYPES);
  if (pps.outputFlagPresent) r.flag('pic_output_flag');
  if (sps.separateColourPlane) r.u(2, 'colour_plane_id');
  if (nalUnitType !== 19 && nalUnitType !== 20) data.picOrderCntLsb = r.u(sps.log2MaxPicOrderCntLsb, 'slice_pic_order_cnt_lsb');
  return data;
}
