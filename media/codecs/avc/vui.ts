import type { NalContext } from './nal-context.js';
import { SAMPLE_ASPECT_RATIOS } from './names.js';
import type { HrdData, VuiData } from './parameter-sets.js';
import { readVuiSignalInfo } from './video-signal.js';

/** hrd_parameters() (H.264 E.1.2). */
export function readHrd(ctx: NalContext, name: string): HrdData {
  const r = ctx.r;
  return r.group(name, () => {
    let cpbCnt = ctx.ue('cpb_cnt_minus1', 31);
    const bitRateScale = r.u(4, 'bit_rate_scale');
    const cpbSizeScale = r.u(4, 'cpb_size_scale');
    // Each entry takes at least 3 bits: a count the RBSP cannot hold is bounded before looping.
    const room = Math.floor(r.bitsLeft / 3);
    if (cpbCnt + 1 > room) cpbCnt = Math.max(0, room - 1);
    r.table('SchedSelIdx', cpbCnt + 1, (i) => {
      const br = r.ue(`bit_rate_value_minus1[${i}]`);
      ctx.show(`${(br + 1) * 2 ** (6 + bitRateScale)} bit/s`);
      const cs = r.ue(`cpb_size_value_minus1[${i}]`);
      ctx.show(`${(cs + 1) * 2 ** (4 + cpbSizeScale)} bits`);
      r.flag(`cbr_flag[${i}]`, { 0: 'variable bit rate', 1: 'constant bit rate' });
    });
    const initial = r.u(5, 'initial_cpb_removal_delay_length_minus1') + 1;
    const removal = r.u(5, 'cpb_removal_delay_length_minus1') + 1;
    const output = r.u(5, 'dpb_output_delay_length_minus1') + 1;
    const timeOffset = r.u(5, 'time_offset_length');
    return {
      cpbCntMinus1: cpbCnt,
      initialCpbRemovalDelayLength: initial,
      cpbRemovalDelayLength: removal,
      dpbOutputDelayLength: output,
      timeOffsetLength: timeOffset,
    };
  });
}

/** vui_parameters() (H.264 E.1.1). */
export function readVui(ctx: NalContext): VuiData {
  const r = ctx.r;
  return r.group('vui_parameters', () => {
    const vui: VuiData = { sarWidth: 0, sarHeight: 0, picStructPresent: false };
    if (r.flag('aspect_ratio_info_present_flag')) {
      const idc = r.u8('aspect_ratio_idc', (v) => (v === 255 ? 'Extended_SAR' : SAMPLE_ASPECT_RATIOS[v]?.join(':') ?? (v === 0 ? 'unspecified' : 'reserved')));
      if (idc === 255) {
        vui.sarWidth = r.u16('sar_width');
        vui.sarHeight = r.u16('sar_height');
      } else {
        const sar = SAMPLE_ASPECT_RATIOS[idc];
        if (sar) [vui.sarWidth, vui.sarHeight] = sar;
      }
    }
    readVuiSignalInfo(ctx, 'matrix_coefficients', { 0: 'limited range', 1: 'full range' });
    if (r.flag('timing_info_present_flag')) {
      let at = r.pos;
      const units = r.u32('num_units_in_tick');
      if (units === 0) ctx.report('error', 'value-out-of-range', 'num_units_in_tick must be greater than 0', at);
      at = r.pos;
      const scale = r.u32('time_scale');
      if (scale === 0) ctx.report('error', 'value-out-of-range', 'time_scale must be greater than 0', at);
      vui.numUnitsInTick = units;
      vui.timeScale = scale;
      vui.fixedFrameRate = r.flag('fixed_frame_rate_flag');
      if (units > 0 && scale > 0) {
        const fps = scale / (2 * units);
        r.derive('frame_rate', fps, `${Number(fps.toFixed(3))} frames/s (time_scale / (2 * num_units_in_tick))`);
      }
    }
    if (r.flag('nal_hrd_parameters_present_flag')) vui.nalHrd = readHrd(ctx, 'nal_hrd_parameters');
    if (r.flag('vcl_hrd_parameters_present_flag')) vui.vclHrd = readHrd(ctx, 'vcl_hrd_parameters');
    if (vui.nalHrd || vui.vclHrd) r.flag('low_delay_hrd_flag');
    vui.picStructPresent = r.flag('pic_struct_present_flag');
    if (r.flag('bitstream_restriction_flag')) {
      r.flag('motion_vectors_over_pic_boundaries_flag');
      ctx.ue('max_bytes_per_pic_denom', 16);
      ctx.ue('max_bits_per_mb_denom', 16);
      ctx.ue('log2_max_mv_length_horizontal', 15);
      ctx.ue('log2_max_mv_length_vertical', 15);
      vui.maxNumReorderFrames = ctx.ue('max_num_reorder_frames', 16);
      vui.maxDecFrameBuffering = ctx.ue('max_dec_frame_buffering', 16);
    }
    return vui;
  });
}
