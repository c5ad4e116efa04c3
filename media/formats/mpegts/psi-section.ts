/**
 * PSI sections (ISO/IEC 13818-1 2.4.4): the common header, CRC_32 (verified), and the bodies of the PAT,
 * the PMT and DVB's SDT. Other tables show their header and their bytes.
 */
import { FieldReader } from '../../model/field-reader.js';
import { type Diagnostic, type Node, type ParseOptions, diagnostic, newNode } from '../../model/types.js';
import { OutOfData } from '../../bits/errors.js';
import { crc32Mpeg } from './crc32-mpeg.js';
import { type DescriptorInfo, readDescriptors } from './descriptors.js';
import type { SegmentMap } from './segment-map.js';
import { TABLE_IDS, hex, streamTypeName } from './ts-names.js';

export interface PatData { kind: 'pat'; transportStreamId: number; programs: Array<{ programNumber: number; pid: number }> }
export interface PmtStream { streamType: number; pid: number; descriptors: DescriptorInfo[] }
export interface PmtData {
  kind: 'pmt';
  programNumber: number;
  version: number;
  pcrPid: number;
  /** The program's registration format_identifier ('HDMV' on Blu-ray, 'CUEI' with SCTE-35): it changes what stream_types mean. */
  registration?: string;
  streams: PmtStream[];
}
export type SectionData = PatData | PmtData | { kind: 'other'; tableId: number };

export interface Section {
  node: Node;
  data: SectionData;
  crcOk: boolean;
}

/** Reads one whole section (`bytes` = table_id .. CRC_32) whose bytes lie in the file where `map` says. */
export function readSection(bytes: Uint8Array, map: SegmentMap, options: ParseOptions, pid: number): Section {
  const start = map.fileByte(0);
  const node = newNode('element', 'section', start, map.fileEnd(bytes.length));
  const r = new FieldReader(bytes, options, map, node.fields);
  const out = node.diagnostics;
  const tableId = r.u8('table_id', (v) => TABLE_IDS[v] ?? (v >= 0x80 && v <= 0xfe ? 'user private' : 'reserved'));
  node.name = tableId === 0 ? 'PAT' : tableId === 2 ? 'PMT' : tableId === 0x42 || tableId === 0x46 ? 'SDT' : `table ${hex(tableId, 2)}`;
  node.title = `${TABLE_IDS[tableId] ?? 'section'} on PID ${hex(pid)}`;
  const syntax = r.flag('section_syntax_indicator', { 0: 'short form', 1: 'long form with CRC_32' });
  r.flag(tableId < 3 ? "'0'" : 'private_indicator');
  r.u(2, 'reserved');
  const sectionLength = r.u(12, 'section_length', (v) => `${v} bytes after this field`);
  let data: SectionData = { kind: 'other', tableId };
  let crcOk = true;
  const total = 3 + sectionLength;
  if (tableId < 3 && sectionLength > 1021) out.push(diagnostic('error', 'psi-section-length-too-large', `section_length ${sectionLength} exceeds 1021`, start + 1, start + 3));
  if (!syntax) {
    if (r.bytesLeft > 0) r.bytes(r.bytesLeft, 'section_data');
    return { node, data, crcOk };
  }
  if (sectionLength < 9) {
    out.push(diagnostic('error', 'psi-section-too-short', `section_length ${sectionLength} cannot hold the long-form header and CRC_32`, start + 1, start + 3));
    return { node, data, crcOk: false };
  }
  const bodyEnd = (total - 4) * 8;
  const saved = r.limit(bodyEnd);
  try {
    const ext = r.u16(tableId === 2 ? 'program_number' : tableId === 0 || tableId === 0x42 ? 'transport_stream_id' : 'table_id_extension');
    r.u(2, 'reserved');
    const version = r.u(5, 'version_number');
    r.flag('current_next_indicator', { 0: 'not yet applicable', 1: 'currently applicable' });
    r.u8('section_number');
    r.u8('last_section_number');
    if (tableId === 0) data = readPat(r, ext);
    else if (tableId === 2) data = readPmt(r, ext, version, out);
    else if (tableId === 0x42 || tableId === 0x46) readSdt(r, out);
    if (r.pos < bodyEnd) r.bytes((bodyEnd - r.pos) / 8, tableId < 3 || tableId === 0x42 || tableId === 0x46 ? 'trailing_bytes' : 'section_data');
  } catch (e) {
    if (!(e instanceof OutOfData)) throw e;
    out.push(diagnostic('error', 'psi-section-truncated', 'the section body runs past section_length', start, node.end));
  } finally {
    r.restoreLimit(saved);
  }
  r.seek(bodyEnd);
  if (bytes.length < total) {
    out.push(diagnostic('error', 'psi-section-cut-off', `the section ends ${total - bytes.length} bytes before its CRC_32 does`, start, node.end));
    return { node, data, crcOk: false };
  }
  const computed = crc32Mpeg(bytes.subarray(0, total));
  crcOk = computed === 0;
  r.u32('CRC_32', () => (crcOk ? 'verified' : 'mismatch'));
  if (!crcOk) {
    const crcAt = map.fileByte(total - 4);
    out.push(diagnostic('error', 'psi-crc-mismatch', `CRC_32 does not match the section's bytes`, crcAt, map.fileEnd(total)));
  }
  return { node, data, crcOk };
}

function readPat(r: FieldReader, transportStreamId: number): PatData {
  const programs: PatData['programs'] = [];
  const count = Math.floor(r.bytesLeft / 4);
  r.table('programs', count, () => {
    const programNumber = r.u16('program_number', (v) => (v === 0 ? 'network information' : undefined));
    r.u(3, 'reserved');
    const pid = r.u(13, programNumber === 0 ? 'network_PID' : 'program_map_PID', (v) => hex(v));
    programs.push({ programNumber, pid });
  });
  return { kind: 'pat', transportStreamId, programs };
}

function readPmt(r: FieldReader, programNumber: number, version: number, out: Diagnostic[]): PmtData {
  r.u(3, 'reserved');
  const pcrPid = r.u(13, 'PCR_PID', (v) => (v === 0x1fff ? 'no PCR' : hex(v)));
  r.u(4, 'reserved');
  const infoLength = r.u(12, 'program_info_length');
  const registration = readDescriptors(r, 'program_info', infoLength, out).find((d) => d.formatIdentifier !== undefined)?.formatIdentifier;
  const streams: PmtStream[] = [];
  // Each entry takes at least 5 bytes, so the loop is bounded by the section.
  while (r.bytesLeft >= 5) {
    r.group('stream', () => {
      const streamType = r.u8('stream_type', streamTypeName);
      r.u(3, 'reserved');
      const pid = r.u(13, 'elementary_PID', (v) => hex(v));
      r.u(4, 'reserved');
      const esInfoLength = r.u(12, 'ES_info_length');
      const descriptors = readDescriptors(r, 'ES_info', esInfoLength, out);
      streams.push({ streamType, pid, descriptors });
    });
    const s = streams[streams.length - 1]!;
    if (r.last) r.last.display = `PID ${hex(s.pid)}: ${streamTypeName(s.streamType)}`;
  }
  const pmt: PmtData = { kind: 'pmt', programNumber, version, pcrPid, streams };
  if (registration !== undefined) pmt.registration = registration;
  return pmt;
}

/** service_description_section (EN 300 468 5.2.3). */
function readSdt(r: FieldReader, out: Diagnostic[]): void {
  r.u16('original_network_id');
  r.u8('reserved_future_use');
  while (r.bytesLeft >= 5) {
    r.group('service', () => {
      r.u16('service_id');
      r.u(6, 'reserved_future_use');
      r.flag('EIT_schedule_flag');
      r.flag('EIT_present_following_flag');
      r.u(3, 'running_status', { 0: 'undefined', 1: 'not running', 2: 'starts in a few seconds', 3: 'pausing', 4: 'running', 5: 'service off-air' });
      r.flag('free_CA_mode', { 0: 'not scrambled', 1: 'may be scrambled' });
      const length = r.u(12, 'descriptors_loop_length');
      readDescriptors(r, 'descriptors', length, out);
    });
  }
}
