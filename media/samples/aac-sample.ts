/**
 * A raw AAC access unit (an MP4, FLV or Smooth Streaming sample: no ADTS header) expanded into the
 * syntax elements of its raw_data_block(), read with the stream's AudioSpecificConfig as context.
 */
import type { RawAacContext } from '../codecs/aac/ics-info.js';
import { readRawDataBlock } from '../codecs/aac/raw-data-block.js';
import type { AudioConfigData } from '../codecs/config-data.js';
import { FieldReader } from '../model/field-reader.js';
import { type Diagnostic, type Node, type ParseOptions, diagnostic } from '../model/types.js';

/** Object types whose access units are a raw_data_block() (ISO/IEC 14496-3 4.4.2.1); ER types are not. */
const RAW_DATA_BLOCK_TYPES: ReadonlySet<number> = new Set([1, 2, 3, 4, 6, 7]);

export interface AacSampleResult {
  nodes: Node[];
  diagnostics: Diagnostic[];
}

/** The element readers' context from an AudioSpecificConfig: HE-AAC's core is what the elements code. */
export function rawAacContextOf(asc: AudioConfigData | undefined): RawAacContext {
  if (!asc) return { audioObjectType: 2 };
  const ctx: RawAacContext = { audioObjectType: asc.coreAudioObjectType ?? asc.audioObjectType, channelConfiguration: asc.channelConfiguration };
  if (asc.samplingFrequency > 0) ctx.samplingFrequency = asc.samplingFrequency;
  return ctx;
}

/** Reads the elements of the access unit `bytes` at absolute byte `offset`. */
export function expandAacSample(bytes: Uint8Array, offset: number, asc: AudioConfigData | undefined, options: ParseOptions): AacSampleResult {
  const ctx = rawAacContextOf(asc);
  const diagnostics: Diagnostic[] = [];
  const aot = ctx.audioObjectType ?? 2;
  if (!RAW_DATA_BLOCK_TYPES.has(aot)) {
    diagnostics.push(diagnostic('info', 'aac-elements-not-read', `audio object type ${aot} does not code its access units as raw_data_block()`, offset, offset + bytes.length));
    return { nodes: [], diagnostics };
  }
  if (!asc) diagnostics.push(diagnostic('warning', 'no-audio-specific-config', 'no AudioSpecificConfig for this sample: read as AAC LC with an unknown rate', offset, offset + bytes.length));
  const r = FieldReader.at(bytes, offset, options);
  // Element diagnostics are kept on their element nodes; the block's own list is not needed twice.
  const block = readRawDataBlock(r, ctx, []);
  checkChannelLayout(block.nodes, ctx.channelConfiguration);
  return { nodes: block.nodes, diagnostics };
}

/** Validation: the first channel element matches channel_configuration (ISO/IEC 14496-3 Table 1.19: a CPE for stereo, an SCE first otherwise). */
function checkChannelLayout(nodes: readonly Node[], config: number | undefined): void {
  if (config === undefined || config < 1 || config > 7) return;
  const first = nodes.find((n) => n.name === 'SCE' || n.name === 'CPE' || n.name === 'LFE');
  if (!first) return;
  const expected = config === 2 ? 'CPE' : 'SCE';
  if (first.name !== expected) {
    first.diagnostics.push(diagnostic('warning', 'aac-element-vs-channel-configuration', `the first channel element is ${first.name}, but channel_configuration ${config} starts with ${expected}`, first.start, first.start + 1));
  }
}
