/**
 * H.264 and HEVC NAL units as pasted: an Annex B byte stream (start codes), length-prefixed units (an MP4
 * or FLV sample), or one unit alone. A header alone accepts almost any byte, so each unit must decode with
 * the codec's reader without a complaint, have a defined type, and the units must tile the bytes exactly.
 */
import { type NalSpan, findAnnexBNalUnits, splitLengthPrefixed } from '../codecs/avc/nal-split.js';
import { readAvcNalUnit } from '../codecs/avc/nal-unit.js';
import { AvcParameterSets } from '../codecs/avc/parameter-sets.js';
import { readHevcNalUnit } from '../codecs/hevc/nal-unit.js';
import { HevcParameterSets } from '../codecs/hevc/parameter-sets.js';
import { ANNOTATE, type Diagnostic, type Field, type Node } from '../model/types.js';
import { type Candidate, fail, firstProblem } from './candidate.js';

/** What the checks need to know of a codec. */
export interface NalCodec {
  name: string;
  /** nal_unit_type from the first header byte. */
  typeOf(first: number): number;
  /** Types that exist in ordinary streams (reserved, unspecified and rarely used extensions are not evidence). */
  known: ReadonlySet<number>;
  /** Coded slices: their headers need the PPS and SPS, which a paste may not hold. */
  vcl: ReadonlySet<number>;
  /** Types that can stand alone in a paste: their syntax ends in rbsp_trailing_bits that must land on the last byte. */
  alone: ReadonlySet<number>;
  /** A reader bound to one parameter-set store, shared by the units of one paste. */
  reader(): (bytes: Uint8Array, absOffset: number) => Node;
}

export const H264: NalCodec = {
  name: 'H.264',
  typeOf: (b) => b & 0x1f,
  known: new Set([1, 5, 6, 7, 8, 9, 10, 11, 12]),
  vcl: new Set([1, 5]),
  alone: new Set([6, 7, 8, 9]),
  reader() {
    const store = new AvcParameterSets();
    return (bytes, at) => readAvcNalUnit(bytes, at, ANNOTATE, store);
  },
};

export const HEVC: NalCodec = {
  name: 'HEVC',
  typeOf: (b) => (b >> 1) & 0x3f,
  known: new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 17, 18, 19, 20, 21, 32, 33, 34, 35, 36, 37, 38, 39, 40]),
  vcl: new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 17, 18, 19, 20, 21]),
  alone: new Set([32, 33, 34, 35, 39, 40]),
  reader() {
    const store = new HevcParameterSets();
    return (bytes, at) => readHevcNalUnit(bytes, at, ANNOTATE, store);
  },
};

/** A slice whose parameter sets are not in the paste is still a slice: that complaint alone is allowed. */
const SLICE_ALLOWED: ReadonlySet<string> = new Set(['unknown-parameter-set']);

/** The framing in front of a unit as fields of its node, and the node stretched over them. */
function frame(node: Node, span: NalSpan, framing: 'annexb' | number): void {
  const fields: Field[] = [];
  if (framing === 'annexb') {
    if (span.payloadStart - span.start === 4) fields.push({ name: 'zero_byte', bitOffset: span.start * 8, bitLength: 8, value: 0 });
    fields.push({ name: 'start_code_prefix_one_3bytes', bitOffset: (span.payloadStart - 3) * 8, bitLength: 24, value: 1, display: '00 00 01' });
  } else {
    fields.push({ name: 'NALUnitLength', bitOffset: span.start * 8, bitLength: framing * 8, value: span.end - span.payloadStart, display: `${span.end - span.payloadStart} bytes` });
  }
  node.fields.unshift(...fields);
  node.start = span.start;
}

/**
 * Decodes units and checks each: a defined type, forbidden_zero_bit 0 and no complaint from its reader.
 * With `slicesAlone`, a slice may lack its parameter sets: only strong framing (start codes, 4-byte
 * lengths) allows that, since a slice header read without them checks little. Returns the nodes and the first failure.
 */
export function decodeUnits(bytes: Uint8Array, spans: readonly NalSpan[], codec: NalCodec, framing: 'annexb' | number | 'none', slicesAlone = true): { nodes: Node[]; problem?: string } {
  const read = codec.reader();
  const nodes: Node[] = [];
  let problem: string | undefined;
  for (const span of spans) {
    const unit = bytes.subarray(span.payloadStart, span.end);
    const node = read(unit, span.payloadStart);
    if (framing !== 'none') frame(node, span, framing);
    nodes.push(node);
    if (problem) continue;
    const first = unit[0] ?? 0;
    const type = codec.typeOf(first);
    if (first & 0x80) problem = `forbidden_zero_bit is 1 in the unit at byte ${span.payloadStart}`;
    else if (!codec.known.has(type)) problem = `nal_unit_type ${type} at byte ${span.payloadStart} is not a type ${codec.name} streams use`;
    else problem = firstProblem([node], slicesAlone && codec.vcl.has(type) ? SLICE_ALLOWED : undefined);
  }
  const result: { nodes: Node[]; problem?: string } = { nodes };
  if (problem) result.problem = problem;
  return result;
}

function describe(nodes: readonly Node[]): string {
  const names = nodes.slice(0, 8).map((n) => n.name).join(', ');
  return `${nodes.length} NAL unit${nodes.length === 1 ? '' : 's'} (${names}${nodes.length > 8 ? ', …' : ''})`;
}

function splitProblem(diagnostics: readonly Diagnostic[]): string | undefined {
  const d = diagnostics[0];
  return d ? `${d.code} at byte ${d.start}: ${d.message}` : undefined;
}

function annexB(codec: NalCodec): Candidate {
  return {
    type: 'nal',
    variant: `${codec.name} Annex B (start codes)`,
    strength: 70,
    run(bytes) {
      if (!(bytes[0] === 0 && bytes[1] === 0 && (bytes[2] === 1 || (bytes[2] === 0 && bytes[3] === 1)))) return fail('the bytes do not begin with a start code (00 00 01 or 00 00 00 01)');
      const split = findAnnexBNalUnits(bytes);
      const broken = splitProblem(split.diagnostics);
      const { nodes, problem } = decodeUnits(bytes, split.units, codec, 'annexb');
      if (broken ?? problem) return fail((broken ?? problem)!, nodes);
      return { ok: true, reason: describe(nodes), tree: nodes };
    },
  };
}

function lengthPrefixed(codec: NalCodec, lengthSize: number): Candidate {
  return {
    type: 'nal',
    variant: `${codec.name} with ${lengthSize}-byte lengths`,
    // Shorter length fields prove less: a 1-byte length is any byte.
    strength: 40 + lengthSize * 6,
    run(bytes) {
      const split = splitLengthPrefixed(bytes, 0, lengthSize);
      const broken = splitProblem(split.diagnostics);
      if (broken) return fail(broken);
      if (split.units.length === 0) return fail('no NAL units');
      const { nodes, problem } = decodeUnits(bytes, split.units, codec, lengthSize, lengthSize === 4);
      if (problem) return fail(problem, nodes);
      return { ok: true, reason: describe(nodes), tree: nodes };
    },
  };
}

function single(codec: NalCodec): Candidate {
  return {
    type: 'nal',
    variant: `one ${codec.name} NAL unit`,
    strength: 50,
    run(bytes) {
      if (bytes.length < 2) return fail('too short for a NAL unit with its syntax');
      const type = codec.typeOf(bytes[0]!);
      if (!codec.alone.has(type)) {
        const why = codec.vcl.has(type) ? 'a slice cannot be checked without its SPS and PPS' : 'only parameter sets, SEI and delimiters can be checked alone';
        return fail(`nal_unit_type ${type}: ${why}`);
      }
      const { nodes, problem } = decodeUnits(bytes, [{ start: 0, payloadStart: 0, end: bytes.length }], codec, 'none');
      if (problem) return fail(problem, nodes);
      return { ok: true, reason: describe(nodes), tree: nodes };
    },
  };
}

export const nalCandidates: Candidate[] = [
  annexB(H264), annexB(HEVC),
  lengthPrefixed(H264, 4), lengthPrefixed(HEVC, 4), lengthPrefixed(H264, 2), lengthPrefixed(HEVC, 2), lengthPrefixed(H264, 1), lengthPrefixed(HEVC, 1),
  single(H264), single(HEVC),
];
