import type { NalContext } from '../avc/nal-context.js';

/** scaling_list_data() (H.265 7.3.4). */
export function readScalingListData(ctx: NalContext): void {
  const r = ctx.r;
  r.group('scaling_list_data', () => {
    for (let sizeId = 0; sizeId < 4; sizeId++) {
      for (let matrixId = 0; matrixId < 6; matrixId += sizeId === 3 ? 3 : 1) {
        const at = `[${sizeId}][${matrixId}]`;
        if (!r.flag(`scaling_list_pred_mode_flag${at}`)) {
          r.ue(`scaling_list_pred_matrix_id_delta${at}`);
          continue;
        }
        const coefNum = Math.min(64, 1 << (4 + (sizeId << 1)));
        if (sizeId > 1) ctx.se(`scaling_list_dc_coef_minus8[${sizeId - 2}][${matrixId}]`, -7, 247);
        r.group(`ScalingList${at}`, () => {
          for (let i = 0; i < coefNum; i++) ctx.se(`scaling_list_delta_coef[${i}]`, -128, 127);
        });
      }
    }
  });
}

/**
 * st_ref_pic_set(stRpsIdx) (H.265 7.3.7) as found in an SPS. `numDeltaPocs` holds NumDeltaPocs of the
 * sets read so far; the new set's count is appended (a predicted set counts the entries it keeps).
 */
export function readStRefPicSet(ctx: NalContext, idx: number, numDeltaPocs: number[]): void {
  const r = ctx.r;
  r.group(`st_ref_pic_set[${idx}]`, () => {
    const inter = idx !== 0 ? r.flag('inter_ref_pic_set_prediction_flag') : false;
    if (inter) {
      r.u(1, 'delta_rps_sign', { 0: '+', 1: '-' });
      r.ue('abs_delta_rps_minus1');
      const refCount = numDeltaPocs[idx - 1] ?? 0;
      let count = 0;
      for (let j = 0; j <= refCount; j++) {
        const used = r.flag(`used_by_curr_pic_flag[${j}]`);
        const useDelta = used ? true : r.flag(`use_delta_flag[${j}]`);
        if (used || useDelta) count++;
      }
      numDeltaPocs.push(count);
      return;
    }
    const neg = ctx.ue('num_negative_pics', 16);
    const pos = ctx.ue('num_positive_pics', 16);
    const negCount = Math.min(neg, 16);
    const posCount = Math.min(pos, 16);
    for (let i = 0; i < negCount; i++) {
      r.ue(`delta_poc_s0_minus1[${i}]`);
      r.flag(`used_by_curr_pic_s0_flag[${i}]`);
    }
    for (let i = 0; i < posCount; i++) {
      r.ue(`delta_poc_s1_minus1[${i}]`);
      r.flag(`used_by_curr_pic_s1_flag[${i}]`);
    }
    numDeltaPocs.push(negCount + posCount);
  });
}
