/**
 * A length-prefixed video sample (ISO/IEC 14496-15 5.3.2 / 8.3.2: MP4 and FLV alike) expanded into
 * its NAL units. Each unit node spans its NALUnitLength field and its bytes; the unit's syntax is
 * read by the codec's own NAL reader, at its absolute bits in the file.
 */
import { splitLengthPrefixed } from '../codecs/avc/nal-split.js';
import { readAvcNalUnit } from '../codecs/avc/nal-unit.js';
import type { AvcParameterSets } from '../codecs/avc/parameter-sets.js';
import { readHevcNalUnit } from '../codecs/hevc/nal-unit.js';
import type { HevcParameterSets } from '../codecs/hevc/parameter-sets.js';
import { FieldReader } from '../model/field-reader.js';
import type { Diagnostic, Node, ParseOptions } from '../model/types.js';

export type NalStore = { codec: 'h264'; sets: AvcParameterSets } | { codec: 'hevc'; sets: HevcParameterSets };

export interface NalSampleResult {
  nodes: Node[];
  /** Problems of the sample's framing that no single unit owns (bytes after the last unit). */
  diagnostics: Diagnostic[];
}

/**
 * Splits `bytes` (one sample, starting at absolute byte `offset`) into NAL units and reads each.
 * Parameter sets found in the sample go into `store`, so slices after them in the sample see them.
 */
export function expandNalSample(bytes: Uint8Array, offset: number, lengthSize: number, store: NalStore, options: ParseOptions): NalSampleResult {
  const split = splitLengthPrefixed(bytes, offset, lengthSize);
  const r = FieldReader.at(bytes, offset, options);
  const nodes: Node[] = [];
  for (const span of split.units) {
    const from = span.payloadStart - offset;
    const unit = bytes.subarray(from, span.end - offset);
    const node = store.codec === 'h264' ? readAvcNalUnit(unit, span.payloadStart, options, store.sets) : readHevcNalUnit(unit, span.payloadStart, options, store.sets);
    node.start = span.start;
    if (options.record) {
      r.fields = [];
      r.seek((span.start - offset) * 8);
      r.u(lengthSize * 8, 'NALUnitLength', (v) => `${v} bytes of NAL unit follow`);
      node.fields.unshift(...r.fields);
    }
    nodes.push(node);
  }
  // A framing problem belongs to the unit whose length field it is about, else to the sample.
  const loose: Diagnostic[] = [];
  for (const d of split.diagnostics) {
    const owner = nodes.find((n) => n.start === d.start);
    if (owner) owner.diagnostics.unshift(d);
    else loose.push(d);
  }
  return { nodes, diagnostics: loose };
}
