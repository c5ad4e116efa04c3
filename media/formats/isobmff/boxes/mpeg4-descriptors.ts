import { BitstreamError, OutOfData } from '../../../bits/errors.js';
import type { FieldReader } from '../../../model/field-reader.js';
import { type Node, newNode } from '../../../model/types.js';
import { readAudioSpecificConfig } from '../../../codecs/aac/audio-specific-config.js';
import { AAC_OBJECT_TYPE_INDICATIONS } from '../../../codecs/codec-string.js';
import type { EsdsData } from '../box-data.js';
import { reportOn } from '../box-scope.js';

/** Descriptor tags (ISO/IEC 14496-1 Table 1). */
export const DESCRIPTOR_TAGS = {
  0x01: 'ObjectDescriptor',
  0x02: 'InitialObjectDescriptor',
  0x03: 'ES_Descriptor',
  0x04: 'DecoderConfigDescriptor',
  0x05: 'DecoderSpecificInfo',
  0x06: 'SLConfigDescriptor',
  0x07: 'ContentIdentificationDescriptor',
  0x08: 'SupplementaryContentIdentificationDescriptor',
  0x09: 'IPI_DescrPointer',
  0x0a: 'IPMP_DescriptorPointer',
  0x0b: 'IPMP_Descriptor',
  0x0c: 'QoS_Descriptor',
  0x0d: 'RegistrationDescriptor',
  0x0e: 'ES_ID_Inc',
  0x0f: 'ES_ID_Ref',
  0x10: 'MP4_IOD',
  0x11: 'MP4_OD',
  0x13: 'ExtensionProfileLevelDescriptor',
  0x14: 'profileLevelIndicationIndexDescriptor',
} as const satisfies Record<number, string>;

/** objectTypeIndication (ISO/IEC 14496-1 Table 5, with the MP4RA registrations). */
export const OBJECT_TYPE_INDICATIONS = {
  0x01: 'Systems ISO/IEC 14496-1',
  0x02: 'Systems ISO/IEC 14496-1 (version 2)',
  0x03: 'Interaction Stream',
  0x05: 'AFX Stream',
  0x06: 'Font Data Stream',
  0x07: 'Synthesized Texture Stream',
  0x08: 'Streaming Text Stream',
  0x09: 'LASeR Stream',
  0x0a: 'Simple Aggregation Format (SAF) Stream',
  0x20: 'Visual ISO/IEC 14496-2 (MPEG-4 Visual)',
  0x21: 'Visual ITU-T H.264 | ISO/IEC 14496-10',
  0x22: 'Parameter Sets for ITU-T H.264 | ISO/IEC 14496-10',
  0x23: 'Visual ISO/IEC 23008-2 (HEVC)',
  0x40: 'Audio ISO/IEC 14496-3 (MPEG-4 Audio)',
  0x60: 'Visual ISO/IEC 13818-2 Simple Profile',
  0x61: 'Visual ISO/IEC 13818-2 Main Profile',
  0x62: 'Visual ISO/IEC 13818-2 SNR Profile',
  0x63: 'Visual ISO/IEC 13818-2 Spatial Profile',
  0x64: 'Visual ISO/IEC 13818-2 High Profile',
  0x65: 'Visual ISO/IEC 13818-2 422 Profile',
  0x66: 'Audio ISO/IEC 13818-7 Main Profile (MPEG-2 AAC Main)',
  0x67: 'Audio ISO/IEC 13818-7 LowComplexity Profile (MPEG-2 AAC LC)',
  0x68: 'Audio ISO/IEC 13818-7 Scalable Sampling Rate Profile (MPEG-2 AAC SSR)',
  0x69: 'Audio ISO/IEC 13818-3 (MPEG-2 Audio)',
  0x6a: 'Visual ISO/IEC 11172-2 (MPEG-1 Video)',
  0x6b: 'Audio ISO/IEC 11172-3 (MPEG-1 Audio)',
  0x6c: 'Visual ISO/IEC 10918-1 (JPEG)',
  0x6d: 'Portable Network Graphics',
  0x6e: 'Visual ISO/IEC 15444-1 (JPEG 2000)',
  0xa0: 'EVRC Voice',
  0xa1: 'SMV Voice',
  0xa2: '3GPP2 Compact Multimedia Format',
  0xa3: 'SMPTE VC-1 Video',
  0xa4: 'Dirac Video Coder',
  0xa5: 'AC-3',
  0xa6: 'Enhanced AC-3',
  0xa7: 'DRA Audio',
  0xa8: 'ITU G.719 Audio',
  0xa9: 'Core Substream (DTS)',
  0xaa: 'Core Substream + Extension Substream (DTS)',
  0xab: 'Extension Substream with Core (DTS)',
  0xac: 'Extension Substream, LBR only (DTS Express)',
  0xad: 'Opus',
  0xe1: '13K Voice',
  0xff: 'no object type specified',
} as const satisfies Record<number, string>;

/** streamType (ISO/IEC 14496-1 Table 6). */
export const STREAM_TYPES = {
  0x01: 'ObjectDescriptorStream',
  0x02: 'ClockReferenceStream',
  0x03: 'SceneDescriptionStream',
  0x04: 'VisualStream',
  0x05: 'AudioStream',
  0x06: 'MPEG7Stream',
  0x07: 'IPMPStream',
  0x08: 'ObjectContentInfoStream',
  0x09: 'MPEGJStream',
  0x0a: 'Interaction Stream',
  0x0b: 'IPMPToolStream',
  0x0c: 'FontDataStream',
  0x0d: 'StreamingText',
} as const satisfies Record<number, string>;

/** Object types whose DecoderSpecificInfo is an AudioSpecificConfig (MPEG-4 Audio and MPEG-2 AAC). */

const SL_PREDEFINED = { 0: 'custom', 1: 'null SL packet header', 2: 'reserved for use in MP4 files' } as const;

/** Real files nest three deep (ES, DecoderConfig, DecoderSpecificInfo); deeper is malformed. */
const MAX_DESCRIPTOR_DEPTH = 16;

/** What the descriptors of one esds fill in as they are read. */
export interface DescriptorContext {
  esds?: EsdsData;
  /** objectTypeIndication of the enclosing DecoderConfigDescriptor. */
  objectTypeIndication?: number;
}

const tagName = (tag: number): string => (DESCRIPTOR_TAGS as Record<number, string>)[tag] ?? (tag >= 0xc0 && tag <= 0xfe ? 'user private descriptor' : 'reserved tag');

/** sizeOfInstance (ISO/IEC 14496-1 8.3.3): 1 to 4 bytes of 7 bits, the top bit saying another byte follows. */
function readExpandableSize(r: FieldReader): number {
  return r.group('sizeOfInstance', () => {
    let size = 0;
    for (let i = 0; i < 4; i++) {
      const next = r.flag('nextByte');
      size = size * 128 + r.u(7, 'sizeOfInstance');
      if (!next) break;
    }
    return size;
  }, (size) => size, (size) => `${size} bytes`);
}

/** Reads descriptors from the reader's position to absolute byte `end`, appending nodes to `into`. */
export function readDescriptors(r: FieldReader, end: number, into: Node[], ctx: DescriptorContext, depth = 0): void {
  while (r.absByte < end) {
    if (end - r.absByte < 2) {
      const at = r.absByte;
      const node = newNode('bytes', 'trailing bytes', at, end);
      const outer = r.fields;
      r.fields = node.fields;
      r.bytes(end - at, 'data');
      r.fields = outer;
      reportOn(node, 'warning', 'trailing-bytes', 'one byte is too few for a descriptor (tag and size)');
      into.push(node);
      return;
    }
    into.push(readDescriptor(r, end, ctx, depth));
  }
}

/** One descriptor: tag, expandable size, then its body, clamped to its parent's end. */
export function readDescriptor(r: FieldReader, parentEnd: number, ctx: DescriptorContext, depth: number): Node {
  const start = r.absByte;
  const node = newNode('descriptor', '?', start, parentEnd);
  const outer = r.fields;
  r.fields = node.fields;
  const saved = r.limit(r.dataBitOfByte(parentEnd));
  try {
    const tag = r.u8('tag', tagName);
    node.name = tagName(tag);
    const size = readExpandableSize(r);
    const bodyStart = r.absByte;
    let end = bodyStart + size;
    if (end > parentEnd) {
      reportOn(node, 'error', 'descriptor-overflows-parent', `sizeOfInstance ${size} runs ${end - parentEnd} bytes past the end of its parent; read up to the parent's end`, start, parentEnd);
      end = parentEnd;
    }
    node.end = end;
    r.limit(r.dataBitOfByte(end));
    if (depth >= MAX_DESCRIPTOR_DEPTH) {
      reportOn(node, 'error', 'nesting-too-deep', `descriptors nested more than ${MAX_DESCRIPTOR_DEPTH} deep are not read`);
    } else {
      readBody(r, node, tag, end, ctx, depth);
    }
    const rest = end - r.absByte;
    if (rest > 0) {
      const at = r.absByte;
      r.bytes(rest, 'unparsed');
      reportOn(node, 'warning', 'unparsed-bytes', `${rest} bytes at the end of ${node.name} were not expected by its syntax`, at, end);
    }
  } catch (e) {
    if (!(e instanceof OutOfData) && !(e instanceof BitstreamError)) throw e;
    reportOn(node, 'error', 'truncated-descriptor', `the descriptor ends before its fields do (${e.message})`, start, node.end);
  } finally {
    r.restoreLimit(saved);
    r.fields = outer;
  }
  r.seek(r.dataBitOfByte(node.end));
  return node;
}

function readBody(r: FieldReader, node: Node, tag: number, end: number, ctx: DescriptorContext, depth: number): void {
  switch (tag) {
    case 0x03:
      readEsDescriptor(r);
      readDescriptors(r, end, node.children, ctx, depth + 1);
      return;
    case 0x04:
      readDecoderConfig(r, ctx);
      readDescriptors(r, end, node.children, { ...ctx, objectTypeIndication: ctx.esds?.objectTypeIndication }, depth + 1);
      return;
    case 0x05:
      readDecoderSpecificInfo(r, node, end, ctx);
      return;
    case 0x06:
      readSlConfig(r);
      return;
    case 0x0e:
      r.u32('Track_ID');
      return;
    case 0x0f:
      r.u16('ref_index');
      return;
    case 0x14:
      r.u8('profileLevelIndicationIndex');
      return;
    default:
      if (end > r.absByte) r.bytes(end - r.absByte, 'data', 'not decoded');
  }
}

/** ES_Descriptor (7.2.6.5). */
function readEsDescriptor(r: FieldReader): void {
  r.u16('ES_ID');
  const streamDependenceFlag = r.flag('streamDependenceFlag');
  const urlFlag = r.flag('URL_Flag');
  const ocrStreamFlag = r.flag('OCRstreamFlag');
  r.u(5, 'streamPriority');
  if (streamDependenceFlag) r.u16('dependsOn_ES_ID');
  if (urlFlag) {
    const length = r.u8('URLlength');
    r.text(length, 'URLstring');
  }
  if (ocrStreamFlag) r.u16('OCR_ES_Id');
}

/** DecoderConfigDescriptor (7.2.6.6). */
function readDecoderConfig(r: FieldReader, ctx: DescriptorContext): void {
  const objectTypeIndication = r.u8('objectTypeIndication', OBJECT_TYPE_INDICATIONS);
  const streamType = r.u(6, 'streamType', STREAM_TYPES);
  r.flag('upStream');
  r.u(1, 'reserved');
  const bufferSizeDB = r.u24('bufferSizeDB', (v) => `${v} bytes`);
  const maxBitrate = r.u32('maxBitrate', (v) => `${v} bit/s`);
  const avgBitrate = r.u32('avgBitrate', (v) => (v === 0 ? 'variable bitrate' : `${v} bit/s`));
  ctx.esds = { objectTypeIndication, streamType, bufferSizeDB, maxBitrate, avgBitrate };
}

/** DecoderSpecificInfo (7.2.6.7): an AudioSpecificConfig for MPEG-4 Audio and MPEG-2 AAC, else bytes. */
function readDecoderSpecificInfo(r: FieldReader, node: Node, end: number, ctx: DescriptorContext): void {
  const bodyStart = r.pos >>> 3;
  const bytes = r.data.subarray(bodyStart, bodyStart + (end - r.absByte));
  if (ctx.esds) ctx.esds.decoderSpecificInfo = bytes;
  const oti = ctx.objectTypeIndication;
  if (oti === undefined || !AAC_OBJECT_TYPE_INDICATIONS.has(oti)) {
    if (bytes.length > 0) r.bytes(bytes.length, 'data', 'decoder specific info, not decoded');
    return;
  }
  node.title = 'AudioSpecificConfig';
  const { data, diagnostics } = readAudioSpecificConfig(r);
  node.diagnostics.push(...diagnostics);
  if (ctx.esds) ctx.esds.audioConfig = data;
  const misalign = r.pos & 7;
  if (misalign !== 0 && r.bitsLeft >= 8 - misalign) r.skip(8 - misalign, 'padding_bits');
}

/** SLConfigDescriptor (7.3.2.3). */
function readSlConfig(r: FieldReader): void {
  const predefined = r.u8('predefined', SL_PREDEFINED);
  if (predefined !== 0) return;
  r.flag('useAccessUnitStartFlag');
  r.flag('useAccessUnitEndFlag');
  r.flag('useRandomAccessPointFlag');
  r.flag('hasRandomAccessUnitsOnlyFlag');
  r.flag('usePaddingFlag');
  const useTimeStampsFlag = r.flag('useTimeStampsFlag');
  r.flag('useIdleFlag');
  const durationFlag = r.flag('durationFlag');
  r.u32('timeStampResolution', (v) => `${v} Hz`);
  r.u32('OCRResolution', (v) => `${v} Hz`);
  const timeStampLength = r.u8('timeStampLength', (v) => `${v} bits`);
  r.u8('OCRLength', (v) => `${v} bits`);
  r.u8('AU_Length', (v) => `${v} bits`);
  r.u8('instantBitrateLength', (v) => `${v} bits`);
  r.u(4, 'degradationPriorityLength');
  r.u(5, 'AU_seqNumLength');
  r.u(5, 'packetSeqNumLength');
  r.u(2, 'reserved');
  if (durationFlag) {
    r.u32('timeScale');
    r.u16('accessUnitDuration');
    r.u16('compositionUnitDuration');
  }
  if (!useTimeStampsFlag && timeStampLength > 0) {
    // timeStampLength is at most 64 by the syntax; a larger value is read as 64 bits.
    const n = Math.min(timeStampLength, 64);
    r.u64('startDecodingTimeStamp', n);
    r.u64('startCompositionTimeStamp', n);
  }
}
