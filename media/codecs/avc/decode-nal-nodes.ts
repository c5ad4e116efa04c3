import type { FieldReader } from '../../model/field-reader.js';
import type { Node, ParseOptions } from '../../model/types.js';
import { readAvcNalUnit } from './nal-unit.js';
import { AvcParameterSets } from './parameter-sets.js';

/** Reads one NAL unit's syntax: the shape shared by the H.264 and HEVC decoders. */
export type NalDecoder<S> = (bytes: Uint8Array, absOffset: number, options: ParseOptions, store: S) => Node;

/**
 * Decodes, in place, `nal` nodes whose bytes were read by a configuration record (avcC, hvcC, an FLV
 * sequence header) from reader `r`. The unit's bytes field stays the node's first field and gets the
 * decoded syntax as its sub-fields; the node takes the decoder's data (SpsData ...) and diagnostics.
 * The record's parameter sets share `store`, so a PPS finds its SPS.
 */
export function decodeNalNodes<S>(r: FieldReader, nodes: readonly Node[], decode: NalDecoder<S>, store: S): void {
  for (const node of nodes) {
    const from = r.dataBitOfByte(node.start) / 8;
    const bytes = r.data.subarray(from, from + (node.end - node.start));
    const decoded = decode(bytes, node.start, r.options, store);
    const unit = node.fields[0];
    if (unit) {
      unit.fields = decoded.fields;
      if (decoded.title !== undefined) unit.display = decoded.title;
    }
    node.data = decoded.data;
    node.diagnostics.push(...decoded.diagnostics);
  }
}

/** decodeNalNodes for H.264 parameter sets. */
export function decodeAvcNalNodes(r: FieldReader, nodes: readonly Node[], store: AvcParameterSets = new AvcParameterSets()): void {
  decodeNalNodes(r, nodes, readAvcNalUnit, store);
}
