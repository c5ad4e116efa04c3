import type { NalContext } from './nal-context.js';
import { PIC_STRUCTS } from './names.js';
import type { AvcParameterSets, HrdData } from './parameter-sets.js';

/** Reads the rest of a payload as bytes, with an info diagnostic saying why it was not decoded. */
export function payloadBytes(ctx: NalContext, name: string, why?: string): void {
  const r = ctx.r;
  const n = r.bytesLeft;
  if (n <= 0) return;
  const at = r.pos;
  if ((r.pos & 7) !== 0) {
    r.skip(r.bitsLeft, name);
  } else {
    r.bytes(n, name);
  }
  if (why !== undefined) ctx.report('info', 'sei-payload-not-decoded', why, at);
}

function initialDelays(ctx: NalContext, hrd: HrdData, which: string): void {
  const r = ctx.r;
  const n = hrd.initialCpbRemovalDelayLength;
  r.table(`${which}_SchedSelIdx`, hrd.cpbCntMinus1 + 1, (i) => {
    r.u(n, `initial_cpb_removal_delay[${i}]`);
    r.u(n, `initial_cpb_removal_delay_offset[${i}]`);
  });
}

/** buffering_period() (H.264 D.1.2): field widths come from the SPS it names. */
export function readBufferingPeriod(ctx: NalContext, store: AvcParameterSets): void {
  const id = ctx.ue('seq_parameter_set_id', 31);
  const sps = store.sps.get(id);
  if (!sps) {
    payloadBytes(ctx, 'payload_byte', `SPS ${id} is not known, so the delay field widths are not either`);
    return;
  }
  if (sps.vui?.nalHrd) initialDelays(ctx, sps.vui.nalHrd, 'nal');
  if (sps.vui?.vclHrd) initialDelays(ctx, sps.vui.vclHrd, 'vcl');
}

const CT_TYPES = { 0: 'progressive', 1: 'interlaced', 2: 'unknown' } as const;

/** pic_timing() (H.264 D.1.3): which fields exist depends on the active SPS's VUI. */
export function readPicTiming(ctx: NalContext, store: AvcParameterSets): void {
  const r = ctx.r;
  const sps = store.active;
  if (!sps) {
    payloadBytes(ctx, 'payload_byte', 'no SPS is known yet, so the pic_timing syntax cannot be read');
    return;
  }
  const hrd = sps.vui?.nalHrd ?? sps.vui?.vclHrd;
  if (hrd) {
    r.u(hrd.cpbRemovalDelayLength, 'cpb_removal_delay');
    r.u(hrd.dpbOutputDelayLength, 'dpb_output_delay');
  }
  if (!sps.vui?.picStructPresent) return;
  const picStruct = r.u(4, 'pic_struct', (v) => PIC_STRUCTS[v]?.[0] ?? 'reserved');
  const clocks = PIC_STRUCTS[picStruct]?.[1] ?? 0;
  const timeOffsetLength = hrd?.timeOffsetLength ?? 24;
  for (let i = 0; i < clocks; i++) {
    if (!r.flag(`clock_timestamp_flag[${i}]`)) continue;
    r.group(`clock_timestamp[${i}]`, () => {
      r.u(2, 'ct_type', CT_TYPES);
      r.flag('nuit_field_based_flag');
      r.u(5, 'counting_type');
      const full = r.flag('full_timestamp_flag');
      r.flag('discontinuity_flag');
      r.flag('cnt_dropped_flag');
      r.u8('n_frames');
      if (full) {
        r.u(6, 'seconds_value');
        r.u(6, 'minutes_value');
        r.u(5, 'hours_value');
      } else if (r.flag('seconds_flag')) {
        r.u(6, 'seconds_value');
        if (r.flag('minutes_flag')) {
          r.u(6, 'minutes_value');
          if (r.flag('hours_flag')) r.u(5, 'hours_value');
        }
      }
      if (timeOffsetLength > 0) r.i(timeOffsetLength, 'time_offset');
    });
  }
}

/** recovery_point() (H.264 D.1.8). */
export function readRecoveryPoint(ctx: NalContext): void {
  const r = ctx.r;
  r.ue('recovery_frame_cnt');
  r.flag('exact_match_flag');
  r.flag('broken_link_flag');
  r.u(2, 'changing_slice_group_idc');
}

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Text when the bytes are printable ASCII (a trailing NUL allowed), else undefined. */
export function printable(bytes: Uint8Array): string | undefined {
  let n = bytes.length;
  while (n > 0 && bytes[n - 1] === 0) n--;
  if (n === 0) return undefined;
  let s = '';
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if ((b < 0x20 || b > 0x7e) && b !== 0x09 && b !== 0x0a && b !== 0x0d) return undefined;
    s += String.fromCharCode(b);
  }
  return s;
}

/** user_data_unregistered() (H.264 D.1.7): x264 and other encoders write their settings here as text. */
export function readUserDataUnregistered(ctx: NalContext): void {
  const r = ctx.r;
  const uuid = hex(r.bytes(16, 'uuid_iso_iec_11578'));
  ctx.show(`${uuid.slice(0, 8)}-${uuid.slice(8, 12)}-${uuid.slice(12, 16)}-${uuid.slice(16, 20)}-${uuid.slice(20)}`);
  const n = r.bytesLeft;
  if (n <= 0) return;
  const payload = r.bytes(n, 'user_data_payload_byte');
  ctx.show(printable(payload));
}
