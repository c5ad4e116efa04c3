/**
 * Opens one packet of a document on demand: reads only that packet's bytes and expands them into
 * NAL units (H.264, HEVC) or raw AAC elements, every field at its absolute bits in the file.
 */
import type { MediaDocument } from '../model/document-model.js';
import { type Field, type Node, type ParseOptions, diagnostic, newNode, rangeField } from '../model/types.js';
import { SampleUnreadable } from '../model/sample-unreadable.js';
import type { ByteSource } from '../source/byte-source.js';
import { samplingIndexOf } from '../codecs/aac/ics-info.js';
import { expandAacSample, rawAacContextOf } from './aac-sample.js';
import { flvSampleContext } from './flv-sample-context.js';
import { isIsoBmffDocument, isoSampleContext } from './iso-sample-context.js';
import { expandNalSample } from './nal-sample.js';
import { type SampleContext, avcStoreOf, hevcStoreOf, nalLengthSize } from './sample-context.js';

/** What the sample's container says about its codec and configuration, or undefined for formats without samples to open. */
export function sampleContext(doc: MediaDocument, packetIndex: number): SampleContext | undefined {
  if (isIsoBmffDocument(doc)) return isoSampleContext(doc, packetIndex);
  if (doc.format === 'flv') return flvSampleContext(doc, packetIndex);
  return undefined;
}

export async function expandSample(doc: MediaDocument, source: ByteSource, packetIndex: number, options: ParseOptions): Promise<Node> {
  const p = doc.packets;
  if (!Number.isInteger(packetIndex) || packetIndex < 0 || packetIndex >= p.count) {
    throw new RangeError(`packet ${packetIndex} does not exist (the document has ${p.count})`);
  }
  const offset = p.offset[packetIndex]!;
  const size = p.size[packetIndex]!;
  const ctx = sampleContext(doc, packetIndex);
  const track = doc.tracks[p.track[packetIndex]!];
  const node = newNode('sample', `sample ${packetIndex}`, offset, offset + size, `${track?.kind ?? 'track'} sample, track ${track?.id ?? '?'} (${track?.codecName ?? ctx?.label ?? '?'})`);
  node.fields.push(...timingFields(doc, packetIndex, options));
  const expand = doc.samples?.expand;
  if (!ctx && expand) {
    // The packet's bytes are spread over the file (MPEG-TS): its format opens it, fields at their file bits.
    try {
      node.children.push(...(await expand(packetIndex, source, options)));
    } catch (e) {
      // Damage in the file, not a failure to open: the sample shows why it cannot be read.
      if (!(e instanceof SampleUnreadable)) throw e;
      node.diagnostics.push(diagnostic('error', 'sample-unreadable', e.message, e.at, Math.max(e.at, node.end)));
    }
    node.end = Math.max(node.end, ...node.children.map((c) => c.end));
    return node;
  }
  const bytes = await source.read(offset, size);
  if (bytes.length < size) {
    node.diagnostics.push(diagnostic('error', 'sample-beyond-source', `the sample ends ${size - bytes.length} bytes beyond the end of the file`, offset + bytes.length, offset + size));
  }
  if (ctx) {
    expandBytes(node, bytes, offset, ctx, options);
  } else {
    node.diagnostics.push(diagnostic('info', 'sample-not-expanded', `packets of ${doc.format} documents are not expanded on demand (MP4, fMP4, ISMV, FLV and MPEG-TS samples are)`, offset, offset + size));
    if (options.record && size > 0) node.fields.push(rangeField('sample_data', offset, offset + size, 'not decoded'));
  }
  return node;
}

/** Decode and presentation time and the keyframe flag, as facts of the packet table (derived: they are not in these bytes). */
function timingFields(doc: MediaDocument, i: number, options: ParseOptions): Field[] {
  if (!options.record) return [];
  const p = doc.packets;
  const at = p.offset[i]! * 8;
  const timescale = doc.tracks[p.track[i]!]?.timescale ?? 0;
  const seconds = (t: number): string | undefined => (timescale > 0 ? `${(t / timescale).toFixed(6)} s` : undefined);
  const fact = (name: string, value: number | boolean, display?: string): Field => {
    const f: Field = { name, bitOffset: at, bitLength: 0, value, derived: true };
    if (display !== undefined) f.display = display;
    return f;
  };
  return [fact('dts', p.dts[i]!, seconds(p.dts[i]!)), fact('pts', p.pts[i]!, seconds(p.pts[i]!)), fact('keyframe', p.keyframe[i] === 1)];
}

/** Expands bytes already read: the part the on-demand and the bulk paths share. */
export function expandBytes(node: Node, bytes: Uint8Array, offset: number, ctx: SampleContext, options: ParseOptions): void {
  const codec = ctx.codec;
  if (codec === 'h264' || codec === 'hevc') {
    const lengthSize = nalLengthSize(ctx);
    if (lengthSize === undefined) {
      node.diagnostics.push(diagnostic('error', 'no-decoder-configuration', `no ${codec === 'h264' ? 'avcC' : 'hvcC'} or sequence header for this sample: its NAL unit length size is unknown`, offset, offset + bytes.length));
      return;
    }
    contextFields(node, ctx, options);
    const store = codec === 'h264' ? { codec, sets: avcStoreOf(ctx.avc) } as const : { codec, sets: hevcStoreOf(ctx.hevc) } as const;
    const result = expandNalSample(bytes, offset, lengthSize, store, options);
    node.children.push(...result.nodes);
    node.diagnostics.push(...result.diagnostics);
  } else if (codec === 'aac') {
    contextFields(node, ctx, options);
    const result = expandAacSample(bytes, offset, ctx.audio, options);
    node.children.push(...result.nodes);
    node.diagnostics.push(...result.diagnostics);
  } else {
    node.diagnostics.push(diagnostic('info', 'sample-not-expanded', `${ctx.label} samples are not expanded (H.264, HEVC and AAC are)`, offset, offset + bytes.length));
    if (options.record && bytes.length > 0) node.fields.push(rangeField('sample_data', offset, offset + bytes.length, 'not decoded'));
  }
}

/** The configuration the sample was read with, shown as derived facts pointing at where they came from. */
function contextFields(node: Node, ctx: SampleContext, options: ParseOptions): void {
  if (!options.record) return;
  const at = node.start * 8;
  const where = ctx.source ? `from the ${ctx.source.name} @${ctx.source.start}` : 'no configuration found';
  const fact = (name: string, value: number, display: string): void => {
    node.fields.push({ name, bitOffset: at, bitLength: 0, value, derived: true, display });
  };
  const lengthSize = nalLengthSize(ctx);
  if (lengthSize !== undefined) fact('NALUnitLength_size', lengthSize, `${lengthSize} bytes, ${where}`);
  if (ctx.avc) fact('parameter_sets', ctx.avc.sps.length + ctx.avc.pps.length, `${ctx.avc.sps.length} SPS, ${ctx.avc.pps.length} PPS ${where}`);
  if (ctx.hevc) fact('parameter_sets', ctx.hevc.arrays.reduce((n, a) => n + a.nalus.length, 0), `VPS/SPS/PPS ${where}`);
  if (ctx.codec === 'aac') {
    const raw = rawAacContextOf(ctx.audio);
    fact('audioObjectType', raw.audioObjectType ?? 2, ctx.audio ? `AudioSpecificConfig ${where}` : 'assumed AAC LC (no AudioSpecificConfig)');
    if (ctx.audio) {
      const index = samplingIndexOf(raw);
      if (index !== undefined) fact('samplingFrequencyIndex', index, `${ctx.audio.samplingFrequency} Hz: its scale factor band tables, ${where}`);
      fact('channelConfiguration', ctx.audio.channelConfiguration, `${where}`);
    }
  }
}
