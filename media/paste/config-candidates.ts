/**
 * Decoder configuration records on their own: an avcC or hvcC body (ISO/IEC 14496-15) and an
 * AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1), read by the codecs' own readers. The checks are shared
 * with the FLV sequence headers, which carry the same records.
 */
import { OutOfData, BitstreamError } from '../bits/errors.js';
import { readAudioSpecificConfig } from '../codecs/aac/audio-specific-config.js';
import { AUDIO_OBJECT_TYPES, CHANNEL_CONFIGURATIONS } from '../codecs/aac/tables.js';
import { readAvcDecoderConfigurationRecord } from '../codecs/avc/decoder-config-record.js';
import type { AvcNalData } from '../codecs/avc/nal-unit.js';
import type { AudioConfigData, AvcConfigData, HevcConfigData } from '../codecs/config-data.js';
import type { ConfigResult } from '../codecs/config-result.js';
import { readHevcDecoderConfigurationRecord } from '../codecs/hevc/decoder-config-record.js';
import type { HevcNalData } from '../codecs/hevc/nal-unit.js';
import { FieldReader } from '../model/field-reader.js';
import { ANNOTATE, type Node, diagnostic, newNode } from '../model/types.js';
import { type Attempt, type Candidate, fail, firstProblem } from './candidate.js';

/** Reads a record over all the bytes into one node; a read past the end becomes a diagnostic on it. */
function recordNode<T>(bytes: Uint8Array, name: string, title: string, read: (r: FieldReader) => ConfigResult<T> | { data: T; diagnostics: ConfigResult<T>['diagnostics'] }): { node: Node; r: FieldReader; data?: T } {
  const node = newNode('descriptor', name, 0, bytes.length, title);
  const r = new FieldReader(bytes, ANNOTATE, undefined, node.fields);
  try {
    const res = read(r);
    node.diagnostics.push(...res.diagnostics);
    if ('nalNodes' in res) node.children.push(...res.nalNodes);
    return { node, r, data: res.data };
  } catch (e) {
    if (!(e instanceof OutOfData) && !(e instanceof BitstreamError)) throw e;
    node.diagnostics.push(diagnostic('error', 'record-truncated', `the bytes end before the record does (${e.message})`, r.absByte, bytes.length));
    return { node, r };
  }
}

/** NAL units of a record: each decoded cleanly and of the type its place says. */
export function checkRecordUnits(units: readonly Node[], typeOf: (n: Node) => number | undefined, expected: (n: Node) => number | undefined): string | undefined {
  for (const u of units) {
    const want = expected(u);
    const got = typeOf(u);
    if (want !== undefined && got !== want) return `the ${u.name} at byte ${u.start} has nal_unit_type ${got}, not ${want}`;
  }
  return firstProblem(units);
}

const avcTypeOf = (n: Node): number | undefined => (n.data as AvcNalData | undefined)?.nalUnitType;
const AVC_EXPECTED: Readonly<Record<string, number>> = { SPS: 7, PPS: 8, 'SPS-ext': 13 };

/** An AVCDecoderConfigurationRecord that proves itself: version 1, reserved bits set, SPS and PPS that parse, exact length. */
export function checkAvcRecord(node: Node, data: AvcConfigData | undefined, bytesLeft: number): string | undefined {
  if (!data) return firstProblem([node]) ?? 'the record could not be read';
  const own = firstProblem([{ ...node, children: [] }]);
  if (own) return own;
  if (bytesLeft > 0) return `${bytesLeft} bytes follow the record`;
  return checkAvcUnits(data, node.children);
}

/** The record's units: at least one SPS, each unit of its place's type and clean, the profile as the SPS says. */
export function checkAvcUnits(data: AvcConfigData, units: readonly Node[]): string | undefined {
  if (data.sps.length === 0) return 'the record holds no SPS';
  const problem = checkRecordUnits(units, avcTypeOf, (n) => AVC_EXPECTED[n.name]);
  if (problem) return problem;
  const sps = (units.find((c) => c.name === 'SPS')?.data as AvcNalData | undefined)?.sps;
  if (sps && sps.profileIdc !== data.profileIndication) return `AVCProfileIndication ${data.profileIndication} differs from the SPS profile_idc ${sps.profileIdc}`;
  return undefined;
}

const hevcTypeOf = (n: Node): number | undefined => (n.data as HevcNalData | undefined)?.nalUnitType;

export function checkHevcRecord(node: Node, data: HevcConfigData | undefined, bytesLeft: number): string | undefined {
  if (!data) return firstProblem([node]) ?? 'the record could not be read';
  const own = firstProblem([{ ...node, children: [] }]);
  if (own) return own;
  if (!data.arrays.some((a) => a.nalUnitType === 33 && a.nalus.length > 0)) return 'the record holds no SPS';
  if (bytesLeft > 0) return `${bytesLeft} bytes follow the record`;
  // Each array holds one type: its units' headers must say so.
  const expected = new Map<Node, number>();
  let k = 0;
  for (const a of data.arrays) for (let i = 0; i < a.nalus.length; i++) expected.set(node.children[k++]!, a.nalUnitType);
  return checkRecordUnits(node.children, hevcTypeOf, (n) => expected.get(n));
}

/**
 * An AudioSpecificConfig that proves itself: a known object type, a known sampling rate, a defined channel
 * configuration, no complaints, and fewer than 8 bits left over, all zero (the byte's padding).
 */
export function checkAsc(data: AudioConfigData | undefined, node: Node, r: FieldReader): string | undefined {
  if (!data) return firstProblem([node]) ?? 'the config could not be read';
  const problem = firstProblem([node]) ?? checkAscValues(data);
  if (problem) return problem;
  const left = r.bitsLeft;
  if (left >= 8) return `${Math.floor(left / 8)} bytes follow the config`;
  if (left > 0 && r.cursor.bits(left) !== 0) return 'the padding bits after the config are not zero';
  return undefined;
}

/** The values of a config that plays: a defined object type, a rate AAC uses, a defined channel layout. */
export function checkAscValues(data: AudioConfigData): string | undefined {
  const aot = data.audioObjectType;
  if (aot === 0 || aot === 31 || (AUDIO_OBJECT_TYPES as Record<number, string>)[aot] === undefined) return `audioObjectType ${aot} is not a defined object type`;
  if (data.samplingFrequency < 7350 || data.samplingFrequency > 96000) return `sampling frequency ${data.samplingFrequency} Hz is not a rate AAC uses`;
  if ((CHANNEL_CONFIGURATIONS as Record<number, string>)[data.channelConfiguration] === undefined) return `channelConfiguration ${data.channelConfiguration} is reserved`;
  return undefined;
}

function configAttempt(node: Node, problem: string | undefined, what: string): Attempt {
  return problem ? fail(problem, [node]) : { ok: true, reason: what, tree: [node] };
}

export const avccCandidate: Candidate = {
  type: 'avcc',
  variant: 'AVCDecoderConfigurationRecord',
  strength: 80,
  run(bytes) {
    const { node, r, data } = recordNode(bytes, 'avcC', 'AVCDecoderConfigurationRecord', readAvcDecoderConfigurationRecord);
    const problem = checkAvcRecord(node, data, r.bytesLeft);
    return configAttempt(node, problem, `an avcC with ${data?.sps.length ?? 0} SPS and ${data?.pps.length ?? 0} PPS, every unit decoded`);
  },
};

export const hvccCandidate: Candidate = {
  type: 'hvcc',
  variant: 'HEVCDecoderConfigurationRecord',
  strength: 80,
  run(bytes) {
    const { node, r, data } = recordNode(bytes, 'hvcC', 'HEVCDecoderConfigurationRecord', readHevcDecoderConfigurationRecord);
    const problem = checkHevcRecord(node, data, r.bytesLeft);
    return configAttempt(node, problem, `an hvcC with ${data?.arrays.length ?? 0} NAL unit arrays, every unit decoded`);
  },
};

export const ascCandidate: Candidate = {
  type: 'asc',
  variant: 'AudioSpecificConfig',
  strength: 40,
  run(bytes) {
    // A config is a few bytes; a PCE (channelConfiguration 0) makes it longer, never this long.
    if (bytes.length > 64) return fail(`${bytes.length} bytes are far more than an AudioSpecificConfig holds`);
    const { node, r, data } = recordNode(bytes, 'AudioSpecificConfig', 'AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1)', readAudioSpecificConfig);
    const problem = checkAsc(data, node, r);
    return configAttempt(node, problem, data ? `${(AUDIO_OBJECT_TYPES as Record<number, string>)[data.audioObjectType] ?? data.audioObjectType}, ${data.samplingFrequency} Hz, channelConfiguration ${data.channelConfiguration}` : '');
  },
};
