/**
 * One adts_frame() (ISO/IEC 14496-3 1.A.3.2.1) as a node: the header, the first raw_data_block decoded as far
 * as raw-data-block.ts goes, the rest as byte ranges. The reader may map around MPEG-TS packet headers, so every
 * position is taken from the reader's map.
 */
import type { FieldReader } from '../../model/field-reader.js';
import { type Diagnostic, type Field, type Node, diagnostic, newNode } from '../../model/types.js';
import { type AdtsHeader, readAdtsHeader } from '../../codecs/aac/adts-header.js';
import { type RawDataBlock, readRawDataBlock } from '../../codecs/aac/raw-data-block.js';

export interface AdtsFrame {
  node: Node;
  header: AdtsHeader;
  block?: RawDataBlock;
  /** False when the data ends before aac_frame_length bytes. */
  complete: boolean;
}

/** Absolute byte where data bit `bit` of the reader lies. */
export function fileByte(r: FieldReader, bit: number): number {
  return Math.floor(r.map.fileBit(bit) / 8);
}

/** End (exclusive, in absolute bytes) of data bits [.., endBit). */
export function fileEnd(r: FieldReader, endBit: number, startBit: number): number {
  return endBit > startBit ? Math.ceil((r.map.fileBit(endBit - 1) + 1) / 8) : fileByte(r, startBit);
}

/** A field standing for data bits [fromBit, toBit) that are not decoded. */
export function spanField(r: FieldReader, name: string, fromBit: number, toBit: number, display: string): Field {
  const first = r.map.fileBit(fromBit);
  const last = toBit > fromBit ? r.map.fileBit(toBit - 1) + 1 : first;
  const own = toBit - fromBit;
  const field: Field = { name, bitOffset: first, bitLength: last - first, value: own % 8 === 0 ? `${own / 8} bytes` : `${own} bits`, display };
  if (last - first !== own) field.ownBits = own;
  return field;
}

/** A frame node begun at the reader's (byte-aligned) position, with its header read into its first child. */
export interface StartedFrame<H> {
  node: Node;
  headerNode: Node;
  startBit: number;
  start: number;
  header: H;
}

/**
 * Starts the frame node `name` and reads its header with `read` into a child node `headerName`, which ends where
 * reading stopped. Shared by the self-framed audio readers (ADTS, AC-3, MPEG audio).
 */
export function startFrame<H>(r: FieldReader, name: string, title: string, headerName: string, headerTitle: string, read: (out: Diagnostic[]) => H): StartedFrame<H> {
  const startBit = r.pos;
  const start = fileByte(r, startBit);
  const node = newNode('frame', name, start, start, title);
  const headerNode = newNode('header', headerName, start, start, headerTitle);
  node.children.push(headerNode);
  const outer = r.fields;
  r.fields = headerNode.fields;
  try {
    return { node, headerNode, startBit, start, header: read(headerNode.diagnostics) };
  } finally {
    r.fields = outer;
    headerNode.end = fileEnd(r, r.pos, startBit);
  }
}

/**
 * Reads the frame at the reader's (byte-aligned) position, up to the reader's limit.
 * The caller has checked the syncword; everything else is reported, not thrown.
 */
export function readAdtsFrame(r: FieldReader, title: string): AdtsFrame {
  const { node, startBit, start, header } = startFrame(r, 'adts_frame', title, 'adts_header', 'ADTS header', (out) => readAdtsHeader(r, out));
  const available = r.cursor.end - startBit;
  const frameBits = header.frameLength * 8;
  const complete = available >= frameBits;
  const endBit = startBit + Math.min(available, Math.max(frameBits, r.pos - startBit));
  node.end = fileEnd(r, endBit, startBit);
  if (header.frameLength < header.headerLength) return { node, header, complete: false };
  if (!complete) {
    node.diagnostics.push(diagnostic('error', 'adts-frame-truncated', `aac_frame_length is ${header.frameLength} bytes but only ${Math.floor(available / 8)} remain`, start, node.end));
  }
  const payloadBit = startBit + header.headerLength * 8;
  if (r.pos !== payloadBit || payloadBit >= endBit) return { node, header, complete };
  // The first block ends where the second starts (less its CRC), when the header says where that is.
  let blockEnd = endBit;
  const second = header.rawDataBlockPositions[0];
  if (second !== undefined && second >= 2) blockEnd = Math.min(endBit, payloadBit + (second - 2) * 8);
  const block = readBlock(r, header, payloadBit, blockEnd);
  node.children.push(block.node);
  if (r.recording && blockEnd < endBit) {
    const what = header.rawDataBlocks > 1 ? `${header.rawDataBlocks - 1} more raw_data_block(s) with their error checks (not decoded)` : 'adts_raw_data_block_error_check';
    node.fields.push(spanField(r, 'remaining_raw_data_blocks', blockEnd, endBit, what));
  }
  r.seek(endBit);
  return { node, header, block: block.data, complete };
}

function readBlock(r: FieldReader, header: AdtsHeader, fromBit: number, toBit: number): { node: Node; data: RawDataBlock } {
  const node = newNode('element', 'raw_data_block', fileByte(r, fromBit), fileEnd(r, toBit, fromBit), 'raw_data_block()');
  const saved = r.limit(toBit);
  const out: Diagnostic[] = [];
  try {
    const data = readRawDataBlock(r, {
      audioObjectType: header.audioObjectType,
      samplingFrequencyIndex: header.samplingFrequencyIndex,
      channelConfiguration: header.channelConfiguration,
    }, out);
    node.children.push(...data.nodes);
    return { node, data };
  } finally {
    r.restoreLimit(saved);
  }
}
