import { type Node, type ParseOptions, diagnostic, newNode } from '../../model/types.js';
import type { NalContext } from '../avc/nal-context.js';
import { readNalSyntax } from '../avc/nal-framing.js';
import { readSei } from '../avc/sei.js';
import { payloadBytes, readUserDataUnregistered } from '../avc/sei-payloads.js';
import { readUserDataRegistered } from '../avc/sei-t35.js';
import { hevcNalTypeName } from './names.js';
import type { HevcParameterSets, HevcPpsData, HevcSpsData, HevcVpsData } from './parameter-sets.js';
import { type HevcSliceData, readHevcSliceStart } from './slice-header.js';
import { readHevcSps } from './sps.js';
import { readHevcPps, readHevcVps } from './vps-pps.js';

export interface HevcNalData {
  nalUnitType: number;
  nuhLayerId: number;
  temporalId: number;
  vps?: HevcVpsData;
  sps?: HevcSpsData;
  pps?: HevcPpsData;
  slice?: HevcSliceData;
}

const SEI_NAMES: Readonly<Record<number, string>> = {
  0: 'buffering_period', 1: 'pic_timing', 4: 'user_data_registered_itu_t_t35', 5: 'user_data_unregistered',
  6: 'recovery_point', 129: 'active_parameter_sets', 132: 'decoded_picture_hash', 137: 'mastering_display_colour_volume',
  144: 'content_light_level_info', 147: 'alternative_transfer_characteristics',
};

const PIC_TYPES = { 0: 'I', 1: 'P, I', 2: 'B, P, I' } as const;

/** HEVC payloads Bitlens decodes (D.2); the rest are shown as bytes. */
function readHevcSeiPayload(ctx: NalContext, type: number): void {
  const r = ctx.r;
  if (type === 4) return readUserDataRegistered(ctx);
  if (type === 5) return readUserDataUnregistered(ctx);
  if (type === 6) {
    r.se('recovery_poc_cnt');
    r.flag('exact_match_flag');
    r.flag('broken_link_flag');
    return;
  }
  payloadBytes(ctx, 'reserved_sei_message_payload_byte');
}

function readBody(ctx: NalContext, store: HevcParameterSets, data: HevcNalData, end: number): void {
  const r = ctx.r;
  const type = data.nalUnitType;
  if (type === 32) {
    data.vps = readHevcVps(ctx);
    store.vps.set(data.vps.id, data.vps);
  } else if (type === 33) {
    data.sps = readHevcSps(ctx);
    store.sps.set(data.sps.id, data.sps);
  } else if (type === 34) {
    data.pps = readHevcPps(ctx, store);
    store.pps.set(data.pps.id, data.pps);
  } else if (type === 35) {
    r.u(3, 'pic_type', PIC_TYPES);
    ctx.trailingBits();
  } else if (type === 39 || type === 40) {
    readSei(ctx, readHevcSeiPayload, SEI_NAMES);
  } else if (type <= 31) {
    data.slice = readHevcSliceStart(ctx, store, type);
    if (r.recording) {
      const from = r.map.fileBit(r.pos);
      r.fields.push({ name: 'rest_of_slice_segment', bitOffset: from, bitLength: end * 8 - from, value: `${Math.max(0, r.bytesLeft)} bytes`, display: 'rest of slice_segment_header() and slice_segment_data(), not decoded' });
    }
  } else if (type === 36 || type === 37) {
    ctx.trailingData('unexpected_data');
  } else if (r.bytesLeft > 0) {
    r.bytes(r.bytesLeft, 'nal_unit_payload', 'not decoded');
  }
}

/**
 * Reads one HEVC NAL unit (H.265 7.3.1) whose bytes (header included) start at `absOffset`;
 * `bytes` may be a prefix of a slice when `totalLength` gives its real size.
 */
export function readHevcNalUnit(bytes: Uint8Array, absOffset: number, options: ParseOptions, store: HevcParameterSets, totalLength = bytes.length): Node {
  const end = absOffset + totalLength;
  const node = newNode('nal', 'NAL', absOffset, end);
  if (bytes.length < 2) {
    node.name = bytes.length === 0 ? 'empty' : 'truncated';
    node.diagnostics.push(diagnostic('error', bytes.length === 0 ? 'empty-nal-unit' : 'truncated-nal-unit', 'an HEVC NAL unit needs a 2-byte header', absOffset, end));
    return node;
  }
  const type = (bytes[0]! >> 1) & 0x3f;
  const [short, title] = hevcNalTypeName(type);
  node.name = short;
  node.title = title;
  const unit = { bytes, absOffset, totalLength };
  const newData = (): HevcNalData => ({ nalUnitType: type, nuhLayerId: ((bytes[0]! & 1) << 5) | (bytes[1]! >> 3), temporalId: (bytes[1]! & 7) - 1 });
  readNalSyntax(node, unit, options, options.record || type > 31, newData, (ctx, data) => {
    const r = ctx.r;
    const at = r.pos;
    if (r.flag('forbidden_zero_bit')) ctx.report('error', 'forbidden-zero-bit-set', 'forbidden_zero_bit is 1: the NAL unit is damaged', at);
    r.u(6, 'nal_unit_type', (v) => hevcNalTypeName(v)[1]);
    r.u(6, 'nuh_layer_id');
    const tidAt = r.pos;
    const tid = r.u(3, 'nuh_temporal_id_plus1', (v) => `TemporalId ${v - 1}`);
    if (tid === 0) ctx.report('error', 'value-out-of-range', 'nuh_temporal_id_plus1 must not be 0', tidAt);
    readBody(ctx, store, data, end);
  });
  return node;
}
