/**
 * Video PES payloads (H.264 and HEVC in Annex B byte-stream format, ISO/IEC 13818-1 2.14 / 2.17): split into
 * NAL units, each read by the codec's NAL reader at data coordinates and moved to its file bits.
 */
import type { Node, ParseOptions } from '../../model/types.js';
import { findAnnexBNalUnits } from '../../codecs/avc/nal-split.js';
import { readAvcNalUnit } from '../../codecs/avc/nal-unit.js';
import { AvcParameterSets } from '../../codecs/avc/parameter-sets.js';
import { readHevcNalUnit } from '../../codecs/hevc/nal-unit.js';
import { HevcParameterSets } from '../../codecs/hevc/parameter-sets.js';
import { InBandParameterSets } from '../../codecs/in-band-parameter-sets.js';
import { sameDescription } from '../../codecs/sample-description.js';
import type { SampleDescription } from '../../model/document-model.js';
import { type SegmentMap, relocate } from './segment-map.js';

export type VideoCodec = 'h264' | 'hevc';

/** Per-stream state: parameter sets persist from one PES to the next. */
export class VideoStream {
  readonly avc = new AvcParameterSets();
  readonly hevc = new HevcParameterSets();
  /** The parameter sets' bytes, for the sample descriptions a remux writes. */
  readonly inBand: InBandParameterSets;
  /** The sample descriptions so far, a new one where the parameter sets change; the last is current. */
  readonly descriptions: SampleDescription[] = [];
  constructor(readonly codec: VideoCodec) {
    this.inBand = new InBandParameterSets(codec);
  }

  /** After a PES whose parameter sets were new or changed: its description, if it differs from the current one. */
  describeChange(): void {
    const d = this.inBand.description();
    const last = this.descriptions[this.descriptions.length - 1];
    if (d && (!last || !sameDescription(last, d))) this.descriptions.push(d);
  }

  /** Index of the current description (0 before any). */
  get current(): number {
    return Math.max(0, this.descriptions.length - 1);
  }
}

export interface VideoPayload {
  nodes: Node[];
  keyframe: boolean;
  /** A parameter set in it was new or differed from the one of its id before. */
  parametersChanged: boolean;
}

/** HEVC IRAP pictures (BLA, IDR, CRA: nal_unit_type 16 to 23). */
const isHevcIrap = (type: number): boolean => type >= 16 && type <= 23;

/**
 * Reads the NAL units of `pes[payloadOffset ..]`. `map` maps the PES bytes to the file.
 * In bulk mode only parameter sets and slice headers are read (what track facts and keyframes need).
 */
export function readVideoPayload(stream: VideoStream, pes: Uint8Array, payloadOffset: number, map: SegmentMap, options: ParseOptions): VideoPayload {
  const { units, diagnostics } = findAnnexBNalUnits(pes.subarray(payloadOffset), payloadOffset);
  const nodes: Node[] = [];
  let keyframe = false;
  let parametersChanged = false;
  for (const u of units) {
    const bytes = pes.subarray(u.payloadStart, u.end);
    let node: Node;
    if (stream.codec === 'h264') {
      const type = bytes[0]! & 0x1f;
      if (type === 5) keyframe = true;
      node = readAvcNalUnit(bytes, u.payloadStart, options, stream.avc);
    } else {
      const type = (bytes[0]! >> 1) & 0x3f;
      if (isHevcIrap(type)) keyframe = true;
      node = readHevcNalUnit(bytes, u.payloadStart, options, stream.hevc);
    }
    if (stream.inBand.isParameterSet(node) && stream.inBand.note(node, bytes)) parametersChanged = true;
    relocate(node, map);
    nodes.push(node);
  }
  if (diagnostics.length > 0 && nodes[0]) {
    for (const d of diagnostics) {
      d.start = map.fileByte(d.start);
      d.end = Math.max(d.start, map.fileEnd(d.end));
    }
    nodes[0].diagnostics.push(...diagnostics);
  }
  return { nodes, keyframe, parametersChanged };
}
