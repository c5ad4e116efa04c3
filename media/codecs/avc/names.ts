/** H.264 enumerations (ITU-T H.264 Table 7-1, 7-6, A-1, E-1 ...). */

/** nal_unit_type: [short name for the tree, meaning]. */
export const AVC_NAL_TYPES = {
  0: ['unspecified', 'Unspecified'],
  1: ['slice', 'Coded slice of a non-IDR picture'],
  2: ['DPA', 'Coded slice data partition A'],
  3: ['DPB', 'Coded slice data partition B'],
  4: ['DPC', 'Coded slice data partition C'],
  5: ['IDR', 'Coded slice of an IDR picture'],
  6: ['SEI', 'Supplemental enhancement information'],
  7: ['SPS', 'Sequence parameter set'],
  8: ['PPS', 'Picture parameter set'],
  9: ['AUD', 'Access unit delimiter'],
  10: ['end of seq', 'End of sequence'],
  11: ['end of stream', 'End of stream'],
  12: ['filler', 'Filler data'],
  13: ['SPS ext', 'Sequence parameter set extension'],
  14: ['prefix', 'Prefix NAL unit'],
  15: ['subset SPS', 'Subset sequence parameter set'],
  16: ['DPS', 'Depth parameter set'],
  19: ['aux slice', 'Coded slice of an auxiliary coded picture without partitioning'],
  20: ['slice ext', 'Coded slice extension'],
  21: ['depth slice ext', 'Coded slice extension for a depth view component'],
} as const satisfies Record<number, readonly [string, string]>;

export function avcNalTypeName(type: number): readonly [string, string] {
  const known = (AVC_NAL_TYPES as Record<number, readonly [string, string]>)[type];
  if (known) return known;
  return type >= 24 ? ['unspecified', 'Unspecified'] : ['reserved', 'Reserved'];
}

export const NAL_REF_IDC = { 0: 'not used for reference', 1: 'reference (low)', 2: 'reference', 3: 'reference (highest)' } as const;

/** slice_type (Table 7-6); 5..9 say every slice of the picture has that type. */
export const SLICE_TYPES = { 0: 'P', 1: 'B', 2: 'I', 3: 'SP', 4: 'SI', 5: 'P (all)', 6: 'B (all)', 7: 'I (all)', 8: 'SP (all)', 9: 'SI (all)' } as const;

export const PRIMARY_PIC_TYPES = {
  0: 'I',
  1: 'I, P',
  2: 'I, P, B',
  3: 'SI',
  4: 'SI, SP',
  5: 'I, SI',
  6: 'I, SI, P, SP',
  7: 'I, SI, P, SP, B',
} as const;

export const CHROMA_FORMATS = { 0: 'monochrome', 1: '4:2:0', 2: '4:2:2', 3: '4:4:4' } as const;

/** aspect_ratio_idc (Table E-1): sample aspect ratios; 255 is Extended_SAR. */
export const SAMPLE_ASPECT_RATIOS: Readonly<Record<number, readonly [number, number]>> = {
  1: [1, 1], 2: [12, 11], 3: [10, 11], 4: [16, 11], 5: [40, 33], 6: [24, 11], 7: [20, 11], 8: [32, 11],
  9: [80, 33], 10: [18, 11], 11: [15, 11], 12: [64, 33], 13: [160, 99], 14: [4, 3], 15: [3, 2], 16: [2, 1],
};

export const VIDEO_FORMATS = { 0: 'component', 1: 'PAL', 2: 'NTSC', 3: 'SECAM', 4: 'MAC', 5: 'unspecified' } as const;

/** pic_struct (Table D-1): meaning and NumClockTS. */
export const PIC_STRUCTS: Readonly<Record<number, readonly [string, number]>> = {
  0: ['frame', 1], 1: ['top field', 1], 2: ['bottom field', 1], 3: ['top field, bottom field', 2],
  4: ['bottom field, top field', 2], 5: ['top, bottom, top repeated', 3], 6: ['bottom, top, bottom repeated', 3],
  7: ['frame doubling', 2], 8: ['frame tripling', 3],
};

/** SEI payloadType (Annex D). */
export const SEI_PAYLOAD_TYPES = {
  0: 'buffering_period', 1: 'pic_timing', 2: 'pan_scan_rect', 3: 'filler_payload', 4: 'user_data_registered_itu_t_t35',
  5: 'user_data_unregistered', 6: 'recovery_point', 7: 'dec_ref_pic_marking_repetition', 8: 'spare_pic',
  9: 'scene_info', 10: 'sub_seq_info', 11: 'sub_seq_layer_characteristics', 12: 'sub_seq_characteristics',
  13: 'full_frame_freeze', 14: 'full_frame_freeze_release', 15: 'full_frame_snapshot',
  16: 'progressive_refinement_segment_start', 17: 'progressive_refinement_segment_end',
  18: 'motion_constrained_slice_group_set', 19: 'film_grain_characteristics',
  20: 'deblocking_filter_display_preference', 21: 'stereo_video_info', 22: 'post_filter_hint', 23: 'tone_mapping_info',
  45: 'frame_packing_arrangement', 47: 'display_orientation', 137: 'mastering_display_colour_volume',
  144: 'content_light_level_info', 147: 'alternative_transfer_characteristics',
} as const;
