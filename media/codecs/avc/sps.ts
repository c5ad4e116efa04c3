import { type NalContext } from './nal-context.js';
import { CHROMA_FORMATS } from './names.js';
import type { SpsData, VuiData } from './parameter-sets.js';
import { avcCodecString } from '../codec-string.js';
import { HIGH_PROFILES, avcLevelName, avcProfileName } from './profiles.js';
import { readScalingMatrix } from './scaling-list.js';
import { readVui } from './vui.js';

/** SubWidthC, SubHeightC by chroma_format_idc (Table 6-1). */
const SUB_WIDTH_C = [1, 2, 2, 1] as const;
const SUB_HEIGHT_C = [1, 2, 1, 1] as const;

/** seq_parameter_set_data() (H.264 7.3.2.1.1), read after the NAL header. */
export function readSps(ctx: NalContext): SpsData {
  const r = ctx.r;
  const profileIdc = r.u8('profile_idc');
  const profileField = r.last;
  let constraintByte = 0;
  for (let i = 0; i <= 5; i++) constraintByte |= (r.flag(`constraint_set${i}_flag`) ? 1 : 0) << (7 - i);
  constraintByte |= ctx.fixed(2, 'reserved_zero_2bits', 0);
  const levelIdc = r.u8('level_idc');
  const profileName = avcProfileName(profileIdc, constraintByte);
  const levelName = avcLevelName(levelIdc, profileIdc, constraintByte);
  if (profileField) profileField.display = profileName;
  ctx.show(`level ${levelName}`);
  const id = ctx.ue('seq_parameter_set_id', 31);

  let chromaFormatIdc = 1;
  let separateColourPlane = false;
  let bitDepthLuma = 8;
  let bitDepthChroma = 8;
  if (HIGH_PROFILES.has(profileIdc)) {
    chromaFormatIdc = ctx.ue('chroma_format_idc', 3, CHROMA_FORMATS);
    if (chromaFormatIdc === 3) separateColourPlane = r.flag('separate_colour_plane_flag');
    bitDepthLuma = ctx.ue('bit_depth_luma_minus8', 6) + 8;
    bitDepthChroma = ctx.ue('bit_depth_chroma_minus8', 6) + 8;
    r.flag('qpprime_y_zero_transform_bypass_flag');
    if (r.flag('seq_scaling_matrix_present_flag')) readScalingMatrix(ctx, 'seq_scaling_list_present_flag', chromaFormatIdc !== 3 ? 8 : 12);
  }
  const chromaArrayType = separateColourPlane ? 0 : Math.min(chromaFormatIdc, 3);

  // Out-of-range sizes are reported, then clamped so that slices can still be read.
  const log2MaxFrameNum = Math.min(ctx.ue('log2_max_frame_num_minus4', 12), 12) + 4;
  const picOrderCntType = ctx.ue('pic_order_cnt_type', 2);
  let log2MaxPicOrderCntLsb = 4;
  let deltaPicOrderAlwaysZero = false;
  let offsetForNonRefPic = 0;
  let offsetForTopToBottomField = 0;
  const offsetForRefFrame: number[] = [];
  if (picOrderCntType === 0) {
    log2MaxPicOrderCntLsb = Math.min(ctx.ue('log2_max_pic_order_cnt_lsb_minus4', 12), 12) + 4;
  } else if (picOrderCntType === 1) {
    deltaPicOrderAlwaysZero = r.flag('delta_pic_order_always_zero_flag');
    offsetForNonRefPic = ctx.se('offset_for_non_ref_pic', -(2 ** 31) + 1, 2 ** 31 - 1);
    offsetForTopToBottomField = ctx.se('offset_for_top_to_bottom_field', -(2 ** 31) + 1, 2 ** 31 - 1);
    let cycle = ctx.ue('num_ref_frames_in_pic_order_cnt_cycle', 255);
    if (cycle > 255) cycle = 255;
    r.table('offset_for_ref_frame', cycle, (i) => {
      offsetForRefFrame.push(r.se(`offset_for_ref_frame[${i}]`));
    });
  }
  const maxNumRefFrames = ctx.ue('max_num_ref_frames', 16);
  r.flag('gaps_in_frame_num_value_allowed_flag');
  const widthMbs = r.ue('pic_width_in_mbs_minus1') + 1;
  const heightMapUnits = r.ue('pic_height_in_map_units_minus1') + 1;
  const frameMbsOnly = r.flag('frame_mbs_only_flag', { 0: 'fields or frames', 1: 'frames only' });
  if (!frameMbsOnly) r.flag('mb_adaptive_frame_field_flag');
  r.flag('direct_8x8_inference_flag');
  const crop = [0, 0, 0, 0];
  if (r.flag('frame_cropping_flag')) {
    crop[0] = r.ue('frame_crop_left_offset');
    crop[1] = r.ue('frame_crop_right_offset');
    crop[2] = r.ue('frame_crop_top_offset');
    crop[3] = r.ue('frame_crop_bottom_offset');
  }
  const frameHeightInMbs = (frameMbsOnly ? 1 : 2) * heightMapUnits;
  const cropUnitX = chromaArrayType === 0 ? 1 : SUB_WIDTH_C[chromaArrayType]!;
  const cropUnitY = (chromaArrayType === 0 ? 1 : SUB_HEIGHT_C[chromaArrayType]!) * (frameMbsOnly ? 1 : 2);
  let width = widthMbs * 16 - cropUnitX * (crop[0]! + crop[1]!);
  let height = frameHeightInMbs * 16 - cropUnitY * (crop[2]! + crop[3]!);
  if (width <= 0 || height <= 0) {
    ctx.report('error', 'cropping-exceeds-picture', `the cropping offsets leave ${width}x${height} of a ${widthMbs * 16}x${frameHeightInMbs * 16} picture`, r.pos - 1);
    width = widthMbs * 16;
    height = frameHeightInMbs * 16;
  }
  let vui: VuiData | undefined;
  if (r.flag('vui_parameters_present_flag')) vui = readVui(ctx);
  ctx.trailingBits();

  const codec = avcCodecString(profileIdc, constraintByte, levelIdc);
  if (r.recording) {
    r.derive('profile', profileName);
    r.derive('level', levelName);
    r.derive('codec', codec, 'RFC 6381 codec string');
    r.derive('chroma_format', CHROMA_FORMATS[chromaFormatIdc as 0 | 1 | 2 | 3] ?? String(chromaFormatIdc));
    r.derive('bit_depth', bitDepthLuma, bitDepthLuma === bitDepthChroma ? `${bitDepthLuma} bits` : `luma ${bitDepthLuma}, chroma ${bitDepthChroma} bits`);
    r.derive('width', width, `${width} pixels (16 * PicWidthInMbs minus cropping)`);
    r.derive('height', height, `${height} pixels (16 * FrameHeightInMbs minus cropping)`);
  }
  return {
    profileIdc,
    constraintByte,
    levelIdc,
    id,
    chromaFormatIdc,
    separateColourPlane,
    chromaArrayType,
    bitDepthLuma,
    bitDepthChroma,
    log2MaxFrameNum,
    picOrderCntType,
    log2MaxPicOrderCntLsb,
    deltaPicOrderAlwaysZero,
    offsetForNonRefPic,
    offsetForTopToBottomField,
    offsetForRefFrame,
    maxNumRefFrames,
    frameMbsOnly,
    picWidthInMbs: widthMbs,
    picHeightInMapUnits: heightMapUnits,
    width,
    height,
    ...(vui ? { vui } : {}),
    profileName,
    levelName,
    codec,
  };
}
