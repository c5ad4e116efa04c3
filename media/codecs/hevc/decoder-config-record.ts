import type { FieldReader } from '../../model/field-reader.js';
import type { Node } from '../../model/types.js';
import type { HevcConfigData } from '../config-data.js';
import { hevcCodecString } from '../codec-string.js';
import { type ConfigResult, DiagnosticList, bytesSince, readNalNode, readReserved } from '../config-result.js';
import { decodeNalNodes } from '../avc/decode-nal-nodes.js';
import { HEVC_PROFILES } from './names.js';
import { readHevcNalUnit } from './nal-unit.js';
import { HevcParameterSets } from './parameter-sets.js';

const SPEC = 'ISO/IEC 14496-15 8.3.3.1';

/** The NAL unit types a record's arrays may hold (ITU-T H.265 Table 7-1). */
export const HEVC_CONFIG_NAL_TYPES = {
  32: 'VPS',
  33: 'SPS',
  34: 'PPS',
  39: 'SEI (prefix)',
  40: 'SEI (suffix)',
} as const satisfies Record<number, string>;

const NAL_NODE_NAMES: Record<number, { name: string; title: string }> = {
  32: { name: 'VPS', title: 'Video Parameter Set' },
  33: { name: 'SPS', title: 'Sequence Parameter Set' },
  34: { name: 'PPS', title: 'Picture Parameter Set' },
  39: { name: 'SEI', title: 'Supplemental Enhancement Information (prefix)' },
  40: { name: 'SEI', title: 'Supplemental Enhancement Information (suffix)' },
};

const PROFILE_SPACES = { 0: 'general (H.265 profiles)' } as const;
const TIERS = { 0: 'Main tier', 1: 'High tier' } as const;
const PARALLELISM = { 0: 'mixed or unknown', 1: 'slice-based', 2: 'tile-based', 3: 'wavefront-based' } as const;
const CHROMA_FORMATS = { 0: 'monochrome', 1: '4:2:0', 2: '4:2:2', 3: '4:4:4' } as const;
const CONSTANT_FRAME_RATE = { 0: 'may not be constant', 1: 'constant', 2: 'constant in each temporal layer' } as const;
/** The four named flags at the top of general_constraint_indicator_flags (H.265 7.4.4). */
const CONSTRAINT_NAMES = ['progressive_source', 'interlaced_source', 'non_packed_constraint', 'frame_only_constraint'] as const;

const bitDepth = (v: number): string => `${v + 8} bits`;

function compatibilityText(flags: number): string {
  const set: number[] = [];
  for (let j = 0; j < 32; j++) if ((flags >>> (31 - j)) & 1) set.push(j);
  return set.length > 0 ? `compatible with profiles ${set.join(', ')}` : 'none';
}

function constraintText(bytes: Uint8Array): string {
  const top = bytes[0] ?? 0;
  const set = CONSTRAINT_NAMES.filter((_, i) => (top >> (7 - i)) & 1);
  return set.length > 0 ? set.join(', ') : 'none of the named flags';
}

/**
 * HEVCDecoderConfigurationRecord (ISO/IEC 14496-15 8.3.3.1), from the reader's (byte-aligned)
 * position to its limit: the body of an hvcC box, or an enhanced-FLV HEVC sequence start.
 * NAL units become `nal` nodes; counts and lengths beyond the bytes stop the record with a diagnostic.
 */
export function readHevcDecoderConfigurationRecord(r: FieldReader): ConfigResult<HevcConfigData> {
  const startBit = r.pos;
  const diags = new DiagnosticList();
  const nalNodes: Node[] = [];

  const versionAt = r.absByte;
  const version = r.u8('configurationVersion');
  const first = r.last;
  if (first) first.spec = SPEC;
  if (version !== 1) diags.add('warning', 'unknown-configuration-version', `configurationVersion ${version} is not 1; the fields may not mean what they say`, versionAt, versionAt + 1);
  const generalProfileSpace = r.u(2, 'general_profile_space', PROFILE_SPACES);
  const generalTierFlag = r.u(1, 'general_tier_flag', TIERS);
  const generalProfileIdc = r.u(5, 'general_profile_idc', HEVC_PROFILES);
  const generalProfileCompatibilityFlags = r.u32('general_profile_compatibility_flags', compatibilityText);
  const constraints = r.bytes(6, 'general_constraint_indicator_flags');
  const constraintField = r.last;
  if (constraintField) constraintField.display = constraintText(constraints);
  const generalLevelIdc = r.u8('general_level_idc', (v) => `level ${(v / 30).toFixed(1)}`);
  const data: HevcConfigData = {
    generalProfileSpace,
    generalTierFlag,
    generalProfileIdc,
    generalProfileCompatibilityFlags,
    generalConstraintIndicatorFlags: constraints.slice(),
    generalLevelIdc,
    lengthSize: 4,
    arrays: [],
    raw: new Uint8Array(0),
  };
  r.derive('codec_string', hevcCodecString(data));

  readReserved(r, 4, 0b1111, diags);
  r.u(12, 'min_spatial_segmentation_idc', (v) => (v === 0 ? 'no limit signalled' : undefined));
  readReserved(r, 6, 0b111111, diags);
  r.u(2, 'parallelismType', PARALLELISM);
  readReserved(r, 6, 0b111111, diags);
  r.u(2, 'chromaFormat', CHROMA_FORMATS);
  readReserved(r, 5, 0b11111, diags);
  r.u(3, 'bitDepthLumaMinus8', bitDepth);
  readReserved(r, 5, 0b11111, diags);
  r.u(3, 'bitDepthChromaMinus8', bitDepth);
  r.u16('avgFrameRate', (v) => (v === 0 ? 'unspecified' : `${(v / 256).toFixed(3)} frames/s`));
  r.u(2, 'constantFrameRate', CONSTANT_FRAME_RATE);
  r.u(3, 'numTemporalLayers', (v) => (v === 0 ? 'unknown' : v === 1 ? 'not temporally scalable' : undefined));
  r.u(1, 'temporalIdNested');
  const lengthAt = r.absByte;
  const lengthSizeMinusOne = r.u(2, 'lengthSizeMinusOne', (v) => `${v + 1}-byte NAL unit lengths`);
  data.lengthSize = lengthSizeMinusOne + 1;
  if (lengthSizeMinusOne === 2) diags.add('warning', 'invalid-nal-length-size', 'lengthSizeMinusOne 2 (3-byte lengths) is not allowed: only 1, 2 or 4 bytes', lengthAt, lengthAt + 1);
  const numOfArrays = r.u8('numOfArrays');

  let complete = true;
  for (let j = 0; j < numOfArrays && complete; j++) {
    if (r.bytesLeft < 3) {
      diags.add('error', 'array-count-exceeds-record', `numOfArrays is ${numOfArrays}, but the record ends after ${j}`, r.absByte, r.absByte + r.bytesLeft);
      break;
    }
    complete = r.group(`arrays[${j}]`, () => readArray(r, data, nalNodes, diags), undefined, () => {
      const last = data.arrays[data.arrays.length - 1];
      if (!last) return undefined;
      const t = (HEVC_CONFIG_NAL_TYPES as Record<number, string>)[last.nalUnitType] ?? `type ${last.nalUnitType}`;
      return `${last.nalus.length} × ${t}`;
    });
  }
  data.raw = bytesSince(r, startBit);
  decodeNalNodes(r, nalNodes, readHevcNalUnit, new HevcParameterSets());
  return { data, nalNodes, diagnostics: diags.items };
}

/** One array of NAL units of one type; false when the record ran out in it. */
function readArray(r: FieldReader, data: HevcConfigData, nalNodes: Node[], diags: DiagnosticList): boolean {
  r.u(1, 'array_completeness', { 0: 'more of this type may be in the stream', 1: 'all of this type are in this array' });
  readReserved(r, 1, 0, diags);
  const nalUnitType = r.u(6, 'NAL_unit_type', HEVC_CONFIG_NAL_TYPES);
  const numNalus = r.u16('numNalus');
  const nalus: Uint8Array[] = [];
  data.arrays.push({ nalUnitType, nalus });
  const naming = NAL_NODE_NAMES[nalUnitType] ?? { name: `NAL ${nalUnitType}`, title: `NAL unit type ${nalUnitType}` };
  for (let i = 0; i < numNalus; i++) {
    if (r.bytesLeft < 2) {
      diags.add('error', 'nalu-count-exceeds-record', `numNalus is ${numNalus}, but the record ends after ${i}`, r.absByte, r.absByte + r.bytesLeft);
      return false;
    }
    const at = r.absByte;
    const length = r.u16('nalUnitLength', (n) => `${n} bytes`);
    if (length > r.bytesLeft) {
      diags.add('error', 'nalu-length-exceeds-record', `nalUnitLength ${length} runs ${length - r.bytesLeft} bytes past the end of the record`, at, r.absByte + r.bytesLeft);
      return false;
    }
    const { node, bytes } = readNalNode(r, length, naming.name, 'nalUnit', naming.title);
    nalus.push(bytes);
    nalNodes.push(node);
  }
  return true;
}
