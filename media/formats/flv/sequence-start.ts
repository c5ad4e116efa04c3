/**
 * Sequence headers (AAC/AVC sequence header, E-RTMP SequenceStart): the decoder configuration
 * record, read by the codec's own reader, as a field group of the tag with its NAL units as children.
 */
import { readAudioSpecificConfig } from '../../codecs/aac/audio-specific-config.js';
import { readAvcDecoderConfigurationRecord } from '../../codecs/avc/decoder-config-record.js';
import { type AvcNalData, readAvcNalUnit } from '../../codecs/avc/nal-unit.js';
import { AvcParameterSets } from '../../codecs/avc/parameter-sets.js';
import { readHevcDecoderConfigurationRecord } from '../../codecs/hevc/decoder-config-record.js';
import type { FieldReader } from '../../model/field-reader.js';
import type { Diagnostic, Node } from '../../model/types.js';
import type { FlvConfig, FlvMediaKind } from './flv-tag-data.js';
import type { TagScope } from './flv-tag.js';
import { readPayload, withinEnd } from './tag-payload.js';

/** Records Bitlens does not decode yet, by codec: shown as a named byte range. */
const OPAQUE_RECORDS: Readonly<Record<string, string>> = {
  av01: 'AV1CodecConfigurationRecord',
  vp09: 'VPCodecConfigurationRecord',
  vp08: 'VPCodecConfigurationRecord',
  Opus: 'OpusHead',
  fLaC: 'FLAC metadata blocks',
};

interface Decoded {
  diagnostics: Diagnostic[];
  nalNodes?: Node[];
}

/** Reads the configuration record from the reader's position to absolute byte `end`. */
export function readSequenceStart(r: FieldReader, scope: TagScope, kind: FlvMediaKind, trackId: number, codec: string, end: number): void {
  const config: FlvConfig = { kind, trackId, codec };
  const decoded = withinEnd(r, end, (): Decoded | undefined => {
    if (codec === 'mp4a') {
      const res = r.group('AudioSpecificConfig', () => readAudioSpecificConfig(r), undefined, (x) => `mp4a.40.${x.data.audioObjectType}`);
      config.audio = res.data;
      return res;
    }
    if (codec === 'avc1') {
      const res = r.group('AVCDecoderConfigurationRecord', () => readAvcDecoderConfigurationRecord(r));
      config.avc = res.data;
      decodeParameterSets(r, scope, res.nalNodes, config);
      return res;
    }
    if (codec === 'hvc1') {
      const res = r.group('HEVCDecoderConfigurationRecord', () => readHevcDecoderConfigurationRecord(r));
      config.hevc = res.data;
      return res;
    }
    return undefined;
  });
  if (decoded) {
    scope.node.diagnostics.push(...decoded.diagnostics);
    if (decoded.nalNodes) scope.node.children.push(...decoded.nalNodes);
    // Records are whole bytes; a config read to a bit position (AudioSpecificConfig) ends at its byte.
    const partial = (8 - (r.pos & 7)) & 7;
    if (partial > 0 && r.bitsLeft >= partial) r.skip(partial);
    scope.coveredTo = Math.max(scope.coveredTo, r.absByte);
    if (r.absByte < end) readPayload(r, scope, end, 'rest', 'after the configuration record');
  } else {
    readPayload(r, scope, end, OPAQUE_RECORDS[codec] ?? 'configuration', 'not decoded');
  }
  scope.data.configs.push(config);
}

/**
 * Decodes the SPS and PPS units the record holds (its nal nodes), so the tree shows their syntax
 * and the track gets its picture size from the SPS. Each node keeps its name; its fields become
 * the decoded syntax.
 */
function decodeParameterSets(r: FieldReader, scope: TagScope, nodes: Node[], config: FlvConfig): void {
  const store = new AvcParameterSets();
  const base = r.map.fileBit(0) / 8;
  for (const node of nodes) {
    const bytes = r.data.subarray(node.start - base, node.end - base);
    const decoded = readAvcNalUnit(bytes, node.start, scope.options, store);
    node.fields = decoded.fields;
    node.diagnostics.push(...decoded.diagnostics);
    node.data = decoded.data;
    const sps = (decoded.data as AvcNalData | undefined)?.sps;
    if (sps && !config.sps) config.sps = sps;
  }
}
