import type { FieldReader } from '../../model/field-reader.js';
import type { Node } from '../../model/types.js';
import type { AvcConfigData } from '../config-data.js';
import { avcCodecString } from '../codec-string.js';
import { type ConfigResult, DiagnosticList, bytesSince, readNalNode, readReserved } from '../config-result.js';
import { AVC_PROFILES, avcLevelName, avcProfileName, constraintFlagsText } from './profiles.js';
import { decodeAvcNalNodes } from './decode-nal-nodes.js';

const SPEC = 'ISO/IEC 14496-15 5.3.3.1';

/** Profiles whose record carries the chroma/bit-depth extension (ISO/IEC 14496-15 5.3.3.1.2). */
const HIGH_PROFILES_WITH_EXTENSION: ReadonlySet<number> = new Set([100, 110, 122, 144]);

const CHROMA_FORMATS = { 0: 'monochrome', 1: '4:2:0', 2: '4:2:2', 3: '4:4:4' } as const;

const bitDepth = (v: number): string => `${v + 8} bits`;

/**
 * Reads `count` parameter sets, each a 16-bit length and that many bytes, as `nal` nodes.
 * A count or a length that runs past the bytes stops the loop with a diagnostic: what was read stays.
 */
function readParameterSets(
  r: FieldReader,
  count: number,
  what: { countName: string; lengthName: string; unitName: string; node: string; title: string },
  out: Uint8Array[],
  nodes: Node[],
  diags: DiagnosticList,
): boolean {
  for (let i = 0; i < count; i++) {
    if (r.bytesLeft < 2) {
      diags.add('error', 'parameter-set-count-exceeds-record', `${what.countName} is ${count}, but the record ends after ${i}`, r.absByte, r.absByte + r.bytesLeft);
      return false;
    }
    const at = r.absByte;
    const length = r.u16(what.lengthName, (n) => `${n} bytes`);
    if (length > r.bytesLeft) {
      diags.add('error', 'parameter-set-length-exceeds-record', `${what.lengthName} ${length} runs ${length - r.bytesLeft} bytes past the end of the record`, at, r.absByte + r.bytesLeft);
      return false;
    }
    const { node, bytes } = readNalNode(r, length, what.node, what.unitName, what.title);
    out.push(bytes);
    nodes.push(node);
  }
  return true;
}

const SPS = { countName: 'numOfSequenceParameterSets', lengthName: 'sequenceParameterSetLength', unitName: 'sequenceParameterSetNALUnit', node: 'SPS', title: 'Sequence Parameter Set' };
const PPS = { countName: 'numOfPictureParameterSets', lengthName: 'pictureParameterSetLength', unitName: 'pictureParameterSetNALUnit', node: 'PPS', title: 'Picture Parameter Set' };
const SPS_EXT = { countName: 'numOfSequenceParameterSetExt', lengthName: 'sequenceParameterSetExtLength', unitName: 'sequenceParameterSetExtNALUnit', node: 'SPS-ext', title: 'Sequence Parameter Set Extension' };

/**
 * AVCDecoderConfigurationRecord (ISO/IEC 14496-15 5.3.3.1), read from the reader's position
 * (byte-aligned) to its limit: the body of an avcC box, or an FLV AVC sequence header after its
 * 5-byte tag header. Counts and lengths beyond the bytes end the record with a diagnostic;
 * a cut in the fixed 6-byte head throws OutOfData to the caller's framework.
 */
export function readAvcDecoderConfigurationRecord(r: FieldReader): ConfigResult<AvcConfigData> {
  const startBit = r.pos;
  const diags = new DiagnosticList();
  const nalNodes: Node[] = [];
  const data: AvcConfigData = { profileIndication: 0, profileCompatibility: 0, levelIndication: 0, lengthSize: 4, sps: [], pps: [], raw: new Uint8Array(0) };
  const finish = (): ConfigResult<AvcConfigData> => {
    data.raw = bytesSince(r, startBit);
    decodeAvcNalNodes(r, nalNodes);
    return { data, nalNodes, diagnostics: diags.items };
  };

  const versionAt = r.absByte;
  const version = r.u8('configurationVersion');
  const first = r.last;
  if (first) first.spec = SPEC;
  if (version !== 1) diags.add('warning', 'unknown-configuration-version', `configurationVersion ${version} is not 1; the fields may not mean what they say`, versionAt, versionAt + 1);
  const profile = r.u8('AVCProfileIndication', AVC_PROFILES);
  const compatibility = r.u8('profile_compatibility', constraintFlagsText);
  const level = r.u8('AVCLevelIndication', (v) => `level ${avcLevelName(v, profile, compatibility)}`);
  r.derive('profile', avcProfileName(profile, compatibility));
  r.derive('codec_string', avcCodecString(profile, compatibility, level));
  data.profileIndication = profile;
  data.profileCompatibility = compatibility;
  data.levelIndication = level;

  readReserved(r, 6, 0b111111, diags);
  const lengthAt = r.absByte;
  const lengthSizeMinusOne = r.u(2, 'lengthSizeMinusOne', (v) => `${v + 1}-byte NAL unit lengths`);
  data.lengthSize = lengthSizeMinusOne + 1;
  if (lengthSizeMinusOne === 2) diags.add('warning', 'invalid-nal-length-size', 'lengthSizeMinusOne 2 (3-byte lengths) is not allowed: only 1, 2 or 4 bytes', lengthAt, lengthAt + 1);
  readReserved(r, 3, 0b111, diags);
  const numSps = r.u(5, 'numOfSequenceParameterSets');
  if (!readParameterSets(r, numSps, SPS, data.sps, nalNodes, diags)) return finish();
  const numPps = r.u8('numOfPictureParameterSets');
  if (!readParameterSets(r, numPps, PPS, data.pps, nalNodes, diags)) return finish();

  // Writers before the 2010 edition end the record here even for High profiles.
  if (HIGH_PROFILES_WITH_EXTENSION.has(profile) && r.bytesLeft > 0) {
    if (r.bytesLeft < 4) {
      diags.add('warning', 'truncated-record-extension', `${r.bytesLeft} bytes after the PPS are too few for the High profile extension (4 bytes)`, r.absByte, r.absByte + r.bytesLeft);
      r.bytes(r.bytesLeft, 'extension', 'truncated');
      return finish();
    }
    readReserved(r, 6, 0b111111, diags);
    r.u(2, 'chroma_format', CHROMA_FORMATS);
    readReserved(r, 5, 0b11111, diags);
    r.u(3, 'bit_depth_luma_minus8', bitDepth);
    readReserved(r, 5, 0b11111, diags);
    r.u(3, 'bit_depth_chroma_minus8', bitDepth);
    const numExt = r.u8('numOfSequenceParameterSetExt');
    readParameterSets(r, numExt, SPS_EXT, [], nalNodes, diags);
  }
  return finish();
}
