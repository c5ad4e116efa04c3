import type { NalContext } from './nal-context.js';

/** A loop that ends on a code value can still run on garbage: this bounds it (32 references + the end code). */
const MAX_LOOP = 66;

const MODIFICATION_OF_PIC_NUMS = {
  0: 'subtract from predicted picture number',
  1: 'add to predicted picture number',
  2: 'long-term picture',
  3: 'end of list',
} as const;

const MMCO = {
  0: 'end',
  1: 'mark short-term unused',
  2: 'mark long-term unused',
  3: 'short-term to long-term',
  4: 'set max long-term index',
  5: 'mark all unused (reset)',
  6: 'current to long-term',
} as const;

function modificationList(ctx: NalContext, list: 0 | 1): void {
  const r = ctx.r;
  if (!r.flag(`ref_pic_list_modification_flag_l${list}`)) return;
  for (let i = 0; ; i++) {
    if (i >= MAX_LOOP) {
      ctx.report('error', 'loop-without-end', `ref_pic_list_modification l${list} has no end code within ${MAX_LOOP} entries`, r.pos);
      return;
    }
    const idc = ctx.ue(`modification_of_pic_nums_idc[${list}][${i}]`, 3, MODIFICATION_OF_PIC_NUMS);
    if (idc === 0 || idc === 1) r.ue(`abs_diff_pic_num_minus1[${list}][${i}]`);
    else if (idc === 2) r.ue(`long_term_pic_num[${list}][${i}]`);
    else return;
  }
}

/** ref_pic_list_modification() (H.264 7.3.3.1). */
export function readRefPicListModification(ctx: NalContext, sliceType: number): void {
  ctx.r.group('ref_pic_list_modification', () => {
    if (sliceType !== 2 && sliceType !== 4) modificationList(ctx, 0);
    if (sliceType === 1) modificationList(ctx, 1);
  });
}

function weights(ctx: NalContext, list: 0 | 1, count: number, chromaArrayType: number): void {
  const r = ctx.r;
  for (let i = 0; i < count; i++) {
    if (r.flag(`luma_weight_l${list}_flag[${i}]`)) {
      ctx.se(`luma_weight_l${list}[${i}]`, -128, 127);
      ctx.se(`luma_offset_l${list}[${i}]`, -128, 127);
    }
    if (chromaArrayType !== 0 && r.flag(`chroma_weight_l${list}_flag[${i}]`)) {
      for (let j = 0; j < 2; j++) {
        ctx.se(`chroma_weight_l${list}[${i}][${j}]`, -128, 127);
        ctx.se(`chroma_offset_l${list}[${i}][${j}]`, -128, 127);
      }
    }
  }
}

/** pred_weight_table() (H.264 7.3.3.2). */
export function readPredWeightTable(ctx: NalContext, sliceType: number, l0: number, l1: number, chromaArrayType: number): void {
  const r = ctx.r;
  r.group('pred_weight_table', () => {
    ctx.ue('luma_log2_weight_denom', 7);
    if (chromaArrayType !== 0) ctx.ue('chroma_log2_weight_denom', 7);
    weights(ctx, 0, l0, chromaArrayType);
    if (sliceType === 1) weights(ctx, 1, l1, chromaArrayType);
  });
}

/** dec_ref_pic_marking() (H.264 7.3.3.3). Returns true when memory_management_control_operation 5 occurs. */
export function readDecRefPicMarking(ctx: NalContext, idr: boolean): boolean {
  const r = ctx.r;
  return r.group('dec_ref_pic_marking', () => {
    if (idr) {
      r.flag('no_output_of_prior_pics_flag');
      r.flag('long_term_reference_flag');
      return false;
    }
    let mmco5 = false;
    if (!r.flag('adaptive_ref_pic_marking_mode_flag', { 0: 'sliding window', 1: 'adaptive' })) return false;
    for (let i = 0; ; i++) {
      if (i >= MAX_LOOP) {
        ctx.report('error', 'loop-without-end', `dec_ref_pic_marking has no end operation within ${MAX_LOOP} entries`, r.pos);
        return mmco5;
      }
      const op = ctx.ue(`memory_management_control_operation[${i}]`, 6, MMCO);
      if (op === 0) return mmco5;
      if (op === 5) mmco5 = true;
      if (op === 1 || op === 3) r.ue(`difference_of_pic_nums_minus1[${i}]`);
      if (op === 2) r.ue(`long_term_pic_num[${i}]`);
      if (op === 3 || op === 6) r.ue(`long_term_frame_idx[${i}]`);
      if (op === 4) r.ue(`max_long_term_frame_idx_plus1[${i}]`);
      if (op > 6) return mmco5;
    }
  });
}
