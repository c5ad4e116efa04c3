/** The FLV file header (FLV spec E.2) and PreviousTagSize0, as one node. */
import { OutOfData } from '../../bits/errors.js';
import { FieldReader } from '../../model/field-reader.js';
import { type Node, type ParseOptions, diagnostic, newNode, rangeField } from '../../model/types.js';
import type { FlvHeaderData } from './flv-tag-data.js';

export const FLV_HEADER_SIZE = 9;

/** 'FLV' and version 1: what probes accept. */
export function looksLikeFlv(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x46 && head[1] === 0x4c && head[2] === 0x56 && head[3] === 1;
}

/** DataOffset, read without recording, for the drivers' framing (9 when it is too small to be right). */
export function peekDataOffset(header: Uint8Array): number {
  const v = ((header[5]! << 24) >>> 0) + ((header[6]! << 16) | (header[7]! << 8) | header[8]!);
  return Math.max(v, FLV_HEADER_SIZE);
}

export interface HeaderInput {
  /** Up to 9 bytes (fewer only when the data ends first). */
  header: Uint8Array;
  /** Bytes between the 9-byte header and DataOffset that exist (not loaded: shown as a range). */
  extraAvailable: number;
  /** PreviousTagSize0 bytes that exist (0 to 4). */
  trailer: Uint8Array;
}

export function readFlvHeader(input: HeaderInput, options: ParseOptions): Node {
  const { header, extraAvailable, trailer } = input;
  const extraEnd = FLV_HEADER_SIZE + extraAvailable;
  const node = newNode('header', 'FLV header', 0, header.length < FLV_HEADER_SIZE ? header.length : extraEnd + trailer.length, 'FLV file header');
  const report = (severity: 'error' | 'warning' | 'info', code: string, message: string, s: number, e: number): void => {
    node.diagnostics.push(diagnostic(severity, code, message, s, e));
  };
  const r = FieldReader.at(header, 0, options);
  r.fields = node.fields;
  const data: FlvHeaderData = { version: 0, hasAudio: false, hasVideo: false, dataOffset: FLV_HEADER_SIZE };
  node.data = data;
  try {
    const signature = r.text(3, 'Signature');
    if (signature !== 'FLV') report('error', 'not-flv', `the signature is '${signature}', not 'FLV'`, 0, 3);
    data.version = r.u8('Version', (v) => (v === 1 ? 'FLV version 1' : 'unknown version'));
    if (data.version !== 1) report('warning', 'unknown-flv-version', `version ${data.version} is not 1`, 3, 4);
    r.u(5, 'TypeFlagsReserved', (v) => (v === 0 ? undefined : 'should be 0'));
    data.hasAudio = r.flag('TypeFlagsAudio', { 0: 'no audio tags announced', 1: 'audio tags present' });
    r.u(1, 'TypeFlagsReserved', (v) => (v === 0 ? undefined : 'should be 0'));
    data.hasVideo = r.flag('TypeFlagsVideo', { 0: 'no video tags announced', 1: 'video tags present' });
    const dataOffset = r.u32('DataOffset', (v) => `${v} bytes${v === FLV_HEADER_SIZE ? ' (header size, version 1)' : ''}`);
    data.dataOffset = Math.max(dataOffset, FLV_HEADER_SIZE);
    if (dataOffset < FLV_HEADER_SIZE) report('error', 'data-offset-too-small', `DataOffset ${dataOffset} is inside the 9-byte header; read as 9`, 5, 9);
  } catch (e) {
    if (!(e instanceof OutOfData)) throw e;
    report('error', 'truncated-header', `the data ends inside the 9-byte FLV header (${header.length} bytes)`, 0, header.length);
    return node;
  }
  if (extraAvailable > 0) {
    if (options.record) node.fields.push(rangeField('extra header bytes', FLV_HEADER_SIZE, extraEnd, 'between the header and DataOffset, not read'));
    report('info', 'extra-header-bytes', `${extraAvailable} bytes between the header and DataOffset are skipped`, FLV_HEADER_SIZE, extraEnd);
  }
  if (extraEnd < data.dataOffset) {
    report('error', 'data-offset-beyond-end', `DataOffset ${data.dataOffset} is past the end of the data`, FLV_HEADER_SIZE, extraEnd);
    return node;
  }
  if (trailer.length < 4) {
    if (trailer.length > 0 && options.record) node.fields.push(rangeField('PreviousTagSize0', extraEnd, extraEnd + trailer.length, 'cut off'));
    report('warning', 'previous-tag-size-missing', 'the data ends before PreviousTagSize0', extraEnd, extraEnd + trailer.length);
    return node;
  }
  const tr = FieldReader.at(trailer, extraEnd, options);
  tr.fields = node.fields;
  const size0 = tr.u32('PreviousTagSize0', (v) => (v === 0 ? 'always 0' : 'should be 0'));
  if (size0 !== 0) report('warning', 'previous-tag-size-mismatch', `PreviousTagSize0 is ${size0}; it should be 0`, extraEnd, extraEnd + 4);
  return node;
}
