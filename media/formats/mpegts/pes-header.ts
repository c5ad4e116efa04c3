/** PES_packet() header (ISO/IEC 13818-1 2.4.3.6, Table 2-21), up to the first PES_packet_data_byte. */
import type { FieldReader } from '../../model/field-reader.js';
import { type Diagnostic, diagnostic } from '../../model/types.js';
import { OutOfData } from '../../bits/errors.js';
import { pesHasOptionalHeader, streamIdName } from './ts-names.js';
import { marker, readSplitTimestamp } from './timestamp.js';

export interface PesHeader {
  streamId: number;
  /** PES_packet_length: bytes after this field; 0 = unbounded (video). */
  packetLength: number;
  pts?: number;
  dts?: number;
  dataAlignment: boolean;
  /** Bytes from packet_start_code_prefix to the first data byte. */
  headerLength: number;
}

const TRICK_MODES = { 0: 'fast forward', 1: 'slow motion', 2: 'freeze frame', 3: 'fast reverse', 4: 'slow reverse' } as const;

/** Reads the header at the reader's position (byte 0 of the PES packet). OutOfData propagates when the PES is cut inside it. */
export function readPesHeader(r: FieldReader, out: Diagnostic[]): PesHeader {
  const at = r.absByte;
  const prefix = r.u24('packet_start_code_prefix');
  if (prefix !== 1) out.push(diagnostic('error', 'pes-bad-start-code', `packet_start_code_prefix is 0x${prefix.toString(16).padStart(6, '0')}, not 0x000001`, at, at + 3));
  const streamId = r.u8('stream_id', streamIdName);
  const packetLength = r.u16('PES_packet_length', (v) => (v === 0 ? 'unbounded (allowed for video in transport streams)' : `${v} bytes follow`));
  const header: PesHeader = { streamId, packetLength, dataAlignment: false, headerLength: 6 };
  if (!pesHasOptionalHeader(streamId)) return header;
  const bitsAt = r.absByte;
  const fixed = r.u(2, "'10'");
  if (fixed !== 2) out.push(diagnostic('error', 'pes-bad-marker', `the bits after PES_packet_length are ${fixed.toString(2).padStart(2, '0')}, not '10'`, bitsAt, bitsAt + 1));
  r.u(2, 'PES_scrambling_control', { 0: 'not scrambled' });
  r.flag('PES_priority');
  header.dataAlignment = r.flag('data_alignment_indicator');
  r.flag('copyright');
  r.flag('original_or_copy', { 0: 'copy', 1: 'original' });
  const ptsDtsFlagsAt = r.absByte;
  const ptsDtsFlags = r.u(2, 'PTS_DTS_flags', { 0: 'no PTS or DTS', 1: 'forbidden', 2: 'PTS only', 3: 'PTS and DTS' });
  if (ptsDtsFlags === 1) out.push(diagnostic('error', 'pes-forbidden-pts-dts-flags', "PTS_DTS_flags '01' is forbidden", ptsDtsFlagsAt, ptsDtsFlagsAt + 1));
  const escrFlag = r.flag('ESCR_flag');
  const esRateFlag = r.flag('ES_rate_flag');
  const trickModeFlag = r.flag('DSM_trick_mode_flag');
  const copyInfoFlag = r.flag('additional_copy_info_flag');
  const crcFlag = r.flag('PES_CRC_flag');
  const extensionFlag = r.flag('PES_extension_flag');
  const dataLength = r.u8('PES_header_data_length', (v) => `${v} bytes of optional fields and stuffing`);
  header.headerLength = 9 + dataLength;
  const end = r.pos + dataLength * 8;
  const saved = r.limit(end);
  try {
    if (ptsDtsFlags >= 2) {
      r.u(4, ptsDtsFlags === 3 ? "'0011'" : "'0010'");
      header.pts = readSplitTimestamp(r, 'PTS', out);
    }
    if (ptsDtsFlags === 3) {
      r.u(4, "'0001'");
      header.dts = readSplitTimestamp(r, 'DTS', out);
    }
    if (escrFlag) readEscr(r, out);
    if (esRateFlag) {
      marker(r, out);
      r.u(22, 'ES_rate', (v) => `${v * 50} bytes/s`);
      marker(r, out);
    }
    if (trickModeFlag) {
      r.u(3, 'trick_mode_control', TRICK_MODES);
      r.u(5, 'trick_mode_bits');
    }
    if (copyInfoFlag) {
      marker(r, out);
      r.u(7, 'additional_copy_info');
    }
    if (crcFlag) r.u16('previous_PES_packet_CRC');
    if (extensionFlag) readPesExtension(r);
  } catch (e) {
    // The flags ask for more than PES_header_data_length holds (or the PES ends): report and go on at the data.
    if (!(e instanceof OutOfData) || r.cursor.end < end) throw e;
    out.push(diagnostic('error', 'pes-header-fields-overflow', `the flags need more than the ${dataLength} bytes PES_header_data_length gives`, at, at + 9 + dataLength));
    r.seek(end);
  } finally {
    r.restoreLimit(saved);
  }
  if (r.pos < end) r.bytes((end - r.pos) / 8, 'stuffing_byte');
  return header;
}

function readEscr(r: FieldReader, out: Diagnostic[]): void {
  r.group('ESCR', () => {
    r.u(2, 'reserved');
    const base = readSplitTimestamp(r, 'ESCR_base', out);
    r.u(9, 'ESCR_extension');
    marker(r, out);
    return base;
  });
}

function readPesExtension(r: FieldReader): void {
  r.group('PES_extension', () => {
    const privateFlag = r.flag('PES_private_data_flag');
    const packFlag = r.flag('pack_header_field_flag');
    const counterFlag = r.flag('program_packet_sequence_counter_flag');
    const pstdFlag = r.flag('P-STD_buffer_flag');
    r.u(3, 'reserved');
    const ext2 = r.flag('PES_extension_flag_2');
    if (privateFlag) r.bytes(16, 'PES_private_data');
    if (packFlag) {
      const n = r.u8('pack_field_length');
      r.bytes(Math.min(n, r.bytesLeft), 'pack_header');
    }
    if (counterFlag) {
      r.u(1, 'marker_bit');
      r.u(7, 'program_packet_sequence_counter');
      r.u(1, 'marker_bit');
      r.u(1, 'MPEG1_MPEG2_identifier');
      r.u(6, 'original_stuff_length');
    }
    if (pstdFlag) {
      r.u(2, "'01'");
      r.u(1, 'P-STD_buffer_scale');
      r.u(13, 'P-STD_buffer_size');
    }
    if (ext2) {
      r.u(1, 'marker_bit');
      const n = r.u(7, 'PES_extension_field_length');
      r.bytes(Math.min(n, r.bytesLeft), 'PES_extension_field_data');
    }
  });
}
