import type { NalContext } from '../avc/nal-context.js';
import { CHROMA_FORMATS } from '../avc/names.js';
import { hevcCodecString } from '../codec-string.js';
import type { HevcSpsData } from './parameter-sets.js';
import { readProfileTierLevel } from './profile-tier-level.js';
import { readScalingListData, readStRefPicSet } from './sps-parts.js';
import { readHevcVui } from './vui.js';

const SUB_WIDTH_C = [1, 2, 2, 1] as const;
const SUB_HEIGHT_C = [1, 2, 1, 1] as const;

/** Sub-layer ordering info, shared by the VPS and the SPS (7.3.2.1, 7.3.2.2). */
export function readOrderingInfo(ctx: NalContext, prefix: 'vps' | 'sps', maxSubLayersMinus1: number): void {
  const r = ctx.r;
  const all = r.flag(`${prefix}_sub_layer_ordering_info_present_flag`);
  for (let i = all ? 0 : maxSubLayersMinus1; i <= maxSubLayersMinus1; i++) {
    ctx.ue(`${prefix}_max_dec_pic_buffering_minus1[${i}]`, 15);
    ctx.ue(`${prefix}_max_num_reorder_pics[${i}]`, 15);
    r.ue(`${prefix}_max_latency_increase_plus1[${i}]`);
  }
}

/** seq_parameter_set_rbsp() (H.265 7.3.2.2.1), after the NAL header. */
export function readHevcSps(ctx: NalContext): HevcSpsData {
  const r = ctx.r;
  const vpsId = r.u(4, 'sps_video_parameter_set_id');
  const maxSubLayersMinus1 = Math.min(r.u(3, 'sps_max_sub_layers_minus1'), 6);
  const temporalIdNesting = r.flag('sps_temporal_id_nesting_flag');
  const ptl = readProfileTierLevel(ctx, true, maxSubLayersMinus1);
  const id = ctx.ue('sps_seq_parameter_set_id', 15);
  const chromaFormatIdc = ctx.ue('chroma_format_idc', 3, CHROMA_FORMATS);
  const separateColourPlane = chromaFormatIdc === 3 ? r.flag('separate_colour_plane_flag') : false;
  const picWidth = r.ue('pic_width_in_luma_samples');
  const picHeight = r.ue('pic_height_in_luma_samples');
  const win = [0, 0, 0, 0];
  if (r.flag('conformance_window_flag')) {
    win[0] = r.ue('conf_win_left_offset');
    win[1] = r.ue('conf_win_right_offset');
    win[2] = r.ue('conf_win_top_offset');
    win[3] = r.ue('conf_win_bottom_offset');
  }
  const chromaArrayType = separateColourPlane ? 0 : Math.min(chromaFormatIdc, 3);
  const subW = SUB_WIDTH_C[chromaArrayType]!;
  const subH = SUB_HEIGHT_C[chromaArrayType]!;
  let width = picWidth - subW * (win[0]! + win[1]!);
  let height = picHeight - subH * (win[2]! + win[3]!);
  if (width <= 0 || height <= 0) {
    ctx.report('error', 'cropping-exceeds-picture', `the conformance window leaves ${width}x${height} of ${picWidth}x${picHeight}`, r.pos - 1);
    width = picWidth;
    height = picHeight;
  }
  const bitDepthLuma = ctx.ue('bit_depth_luma_minus8', 8) + 8;
  const bitDepthChroma = ctx.ue('bit_depth_chroma_minus8', 8) + 8;
  const log2MaxPicOrderCntLsb = Math.min(ctx.ue('log2_max_pic_order_cnt_lsb_minus4', 12), 12) + 4;
  readOrderingInfo(ctx, 'sps', maxSubLayersMinus1);
  const minCb = ctx.ue('log2_min_luma_coding_block_size_minus3', 3) + 3;
  const diffCb = ctx.ue('log2_diff_max_min_luma_coding_block_size', 3);
  ctx.ue('log2_min_luma_transform_block_size_minus2', 3);
  ctx.ue('log2_diff_max_min_luma_transform_block_size', 3);
  ctx.ue('max_transform_hierarchy_depth_inter', 4);
  ctx.ue('max_transform_hierarchy_depth_intra', 4);
  if (r.flag('scaling_list_enabled_flag') && r.flag('sps_scaling_list_data_present_flag')) readScalingListData(ctx);
  r.flag('amp_enabled_flag');
  r.flag('sample_adaptive_offset_enabled_flag');
  if (r.flag('pcm_enabled_flag')) {
    r.u(4, 'pcm_sample_bit_depth_luma_minus1');
    r.u(4, 'pcm_sample_bit_depth_chroma_minus1');
    r.ue('log2_min_pcm_luma_coding_block_size_minus3');
    r.ue('log2_diff_max_min_pcm_luma_coding_block_size');
    r.flag('pcm_loop_filter_disabled_flag');
  }
  const numSets = Math.min(ctx.ue('num_short_term_ref_pic_sets', 64), 64);
  const numDeltaPocs: number[] = [];
  for (let i = 0; i < numSets; i++) readStRefPicSet(ctx, i, numDeltaPocs);
  if (r.flag('long_term_ref_pics_present_flag')) {
    const n = Math.min(ctx.ue('num_long_term_ref_pics_sps', 32), 32);
    r.table('long_term_ref_pics_sps', n, (i) => {
      r.u(log2MaxPicOrderCntLsb, `lt_ref_pic_poc_lsb_sps[${i}]`);
      r.flag(`used_by_curr_pic_lt_sps_flag[${i}]`);
    });
  }
  r.flag('sps_temporal_mvp_enabled_flag');
  r.flag('strong_intra_smoothing_enabled_flag');
  const vui = r.flag('vui_parameters_present_flag') ? readHevcVui(ctx, maxSubLayersMinus1) : undefined;
  if (r.flag('sps_extension_present_flag')) readSpsExtensions(ctx);
  ctx.trailingBits();
  const codec = hevcCodecString(ptl);
  if (r.recording) {
    r.derive('profile', ptl.profileName);
    r.derive('level', ptl.levelName, ptl.generalTierFlag ? 'High tier' : 'Main tier');
    r.derive('codec', codec, 'RFC 6381 codec string');
    r.derive('chroma_format', CHROMA_FORMATS[chromaFormatIdc as 0 | 1 | 2 | 3] ?? String(chromaFormatIdc));
    r.derive('bit_depth', bitDepthLuma, bitDepthLuma === bitDepthChroma ? `${bitDepthLuma} bits` : `luma ${bitDepthLuma}, chroma ${bitDepthChroma} bits`);
    r.derive('width', width, `${width} pixels (pic_width_in_luma_samples minus the conformance window)`);
    r.derive('height', height, `${height} pixels (pic_height_in_luma_samples minus the conformance window)`);
  }
  const sps: HevcSpsData = {
    id, vpsId, maxSubLayersMinus1, ptl, chromaFormatIdc, separateColourPlane,
    picWidthInLumaSamples: picWidth, picHeightInLumaSamples: picHeight, width, height,
    bitDepthLuma, bitDepthChroma, log2MaxPicOrderCntLsb, ctbLog2Size: minCb + diffCb, numShortTermRefPicSets: numSets, codec,
    temporalIdNesting, minSpatialSegmentationIdc: vui?.minSpatialSegmentationIdc ?? 0,
  };
  if (vui?.timeScale && vui.numUnitsInTick) {
    sps.timeScale = vui.timeScale;
    sps.numUnitsInTick = vui.numUnitsInTick;
  }
  return sps;
}

/** sps_extension_present_flag and the range extension (7.3.2.2.2); other extensions are shown as bits. */
function readSpsExtensions(ctx: NalContext): void {
  const r = ctx.r;
  const range = r.flag('sps_range_extension_flag');
  const multilayer = r.flag('sps_multilayer_extension_flag');
  const threeD = r.flag('sps_3d_extension_flag');
  const scc = r.flag('sps_scc_extension_flag');
  const four = r.u(4, 'sps_extension_4bits');
  if (range) {
    r.group('sps_range_extension', () => {
      for (const name of ['transform_skip_rotation_enabled_flag', 'transform_skip_context_enabled_flag', 'implicit_rdpcm_enabled_flag', 'explicit_rdpcm_enabled_flag', 'extended_precision_processing_flag', 'intra_smoothing_disabled_flag', 'high_precision_offsets_enabled_flag', 'persistent_rice_adaptation_enabled_flag', 'cabac_bypass_alignment_enabled_flag']) {
        r.flag(name);
      }
    });
  }
  if (multilayer || threeD || scc || four) {
    // Everything up to rbsp_trailing_bits belongs to extensions Bitlens does not decode.
    let last = r.cursor.end - 1;
    while (last > r.pos && ((r.cursor.data[last >>> 3]! >>> (7 - (last & 7))) & 1) === 0) last--;
    if (last > r.pos) r.skip(last - r.pos, 'sps_extension_data');
  }
}
