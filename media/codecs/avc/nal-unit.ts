import type { Rbsp } from '../../bits/rbsp.js';
import type { FieldReader } from '../../model/field-reader.js';
import { type Node, type ParseOptions, diagnostic, newNode } from '../../model/types.js';
import type { NalContext } from './nal-context.js';
import { readNalSyntax } from './nal-framing.js';
import { NAL_REF_IDC, PRIMARY_PIC_TYPES, avcNalTypeName } from './names.js';
import type { AvcParameterSets, PpsData, SpsData } from './parameter-sets.js';
import { readPps } from './pps.js';
import { avcSeiPayload, readSei } from './sei.js';
import { type SliceHeaderData, readSliceHeader } from './slice-header.js';
import { readSps } from './sps.js';

/** What a NAL unit node keeps on `node.data` for access-unit grouping, timing and remux. */
export interface AvcNalData {
  nalUnitType: number;
  nalRefIdc: number;
  sps?: SpsData;
  pps?: PpsData;
  slice?: SliceHeaderData;
}

function readBody(ctx: NalContext, store: AvcParameterSets, data: AvcNalData): void {
  const r = ctx.r;
  switch (data.nalUnitType) {
    case 7:
      data.sps = readSps(ctx);
      store.addSps(data.sps);
      return;
    case 8:
      data.pps = readPps(ctx, store);
      store.addPps(data.pps);
      return;
    case 6:
      readSei(ctx, avcSeiPayload(store));
      return;
    case 9:
      r.u(3, 'primary_pic_type', PRIMARY_PIC_TYPES);
      ctx.trailingBits();
      return;
    case 10:
    case 11:
      ctx.trailingData('unexpected_data');
      return;
    case 12: {
      let n = 0;
      while (r.bitsLeft >= 8 && r.cursor.data[r.pos >>> 3] === 0xff) {
        r.cursor.skip(8);
        n++;
      }
      if (r.recording && n > 0) r.fields.push({ name: 'ff_byte', bitOffset: r.map.fileBit(r.pos - n * 8), bitLength: r.map.fileBit(r.pos - 1) + 1 - r.map.fileBit(r.pos - n * 8), value: `${n} bytes`, display: `${n} filler bytes` });
      ctx.trailingBits();
      return;
    }
    case 1:
    case 5: {
      const slice = readSliceHeader(ctx, store, data.nalUnitType, data.nalRefIdc);
      if (slice) data.slice = slice;
      return;
    }
    default:
      if (r.bytesLeft > 0) r.bytes(r.bytesLeft, 'nal_unit_payload', 'not decoded');
  }
}

/**
 * Reads one H.264 NAL unit (7.3.1) whose bytes (header included) start at absolute byte `absOffset`.
 * `bytes` may be a prefix of the unit when `totalLength` says how long it really is (bulk readers
 * load only what a slice header needs). Parameter sets go into `store`; slices read from it.
 */
export function readAvcNalUnit(bytes: Uint8Array, absOffset: number, options: ParseOptions, store: AvcParameterSets, totalLength = bytes.length): Node {
  const end = absOffset + totalLength;
  const node = newNode('nal', 'NAL', absOffset, end);
  if (bytes.length === 0) {
    node.name = 'empty';
    node.diagnostics.push(diagnostic('error', 'empty-nal-unit', 'a NAL unit of zero bytes', absOffset, end));
    return node;
  }
  const type = bytes[0]! & 0x1f;
  const [short, title] = avcNalTypeName(type);
  node.name = short;
  node.title = title;
  const vcl = type === 1 || type === 5;
  const unit = { bytes, absOffset, totalLength };
  const newData = (): AvcNalData => ({ nalUnitType: type, nalRefIdc: (bytes[0]! >> 5) & 3 });
  readNalSyntax(node, unit, options, options.record || !vcl, newData, (ctx, data, rbsp) => {
    readHeader(ctx, type);
    readBody(ctx, store, data);
    if (vcl && data.slice && ctx.r.recording) sliceDataField(ctx.r, rbsp, end);
  });
  return node;
}

function readHeader(ctx: NalContext, type: number): void {
  const r = ctx.r;
  const at = r.pos;
  if (r.flag('forbidden_zero_bit')) ctx.report('error', 'forbidden-zero-bit-set', 'forbidden_zero_bit is 1: the NAL unit is damaged', at);
  const refIdc = r.u(2, 'nal_ref_idc', NAL_REF_IDC);
  r.u(5, 'nal_unit_type', (v) => avcNalTypeName(v)[1]);
  if (type === 5 && refIdc === 0) ctx.report('error', 'idr-not-reference', 'an IDR slice must have nal_ref_idc > 0', at);
  if ((type === 6 || type === 9 || type === 10 || type === 11 || type === 12) && refIdc !== 0) {
    ctx.report('warning', 'nal-ref-idc-not-zero', `nal_ref_idc must be 0 for nal_unit_type ${type}`, at);
  }
  if (type === 14 || type === 20 || type === 21) r.bytes(3, 'nal_unit_header_extension', 'SVC / MVC / 3D-AVC extension, not decoded');
}

/** The coded macroblocks after the slice header: one field spanning the rest of the unit. */
function sliceDataField(r: FieldReader, rbsp: Rbsp, end: number): void {
  const from = r.map.fileBit(r.pos);
  const bytes = rbsp.data.length - Math.ceil(r.pos / 8);
  r.fields.push({ name: 'slice_data', bitOffset: from, bitLength: end * 8 - from, value: `${Math.max(0, bytes)} bytes`, display: 'coded macroblocks, not decoded' });
}
