/** Names from ISO/IEC 13818-1 (and the DVB/ATSC registrations seen in practice) for MPEG-TS fields. */

export const TS_PACKET_SIZE = 188;
export const SYNC_BYTE = 0x47;

/**
 * Bytes before the sync byte in a packet of this size: 4 in BDAV M2TS (192, TP_extra_header), none in plain 188
 * and in 204-byte packets (188 followed by 16 Reed-Solomon parity bytes, DVB EN 300 468 / ISDB).
 */
export function tsPrefix(packetSize: number): number {
  return packetSize === 192 ? 4 : 0;
}
export const NULL_PID = 0x1fff;

/** PIDs with a fixed meaning (Table 2-3, and DVB SI on 0x10-0x14). */
export const FIXED_PIDS: Readonly<Record<number, string>> = {
  0x0000: 'PAT',
  0x0001: 'CAT',
  0x0002: 'TSDT',
  0x0003: 'IPMP control',
  0x0010: 'NIT (DVB)',
  0x0011: 'SDT/BAT (DVB)',
  0x0012: 'EIT (DVB)',
  0x0013: 'RST (DVB)',
  0x0014: 'TDT/TOT (DVB)',
  0x1ffb: 'ATSC PSIP',
  0x1fff: 'null packets',
};

/** stream_type (Table 2-34 and its amendments) -> [short name, meaning]. */
export const STREAM_TYPES: Readonly<Record<number, string>> = {
  0x01: 'MPEG-1 video (ISO/IEC 11172-2)',
  0x02: 'MPEG-2 video (ITU-T H.262)',
  0x03: 'MPEG-1 audio (ISO/IEC 11172-3)',
  0x04: 'MPEG-2 audio (ISO/IEC 13818-3)',
  0x05: 'private sections (ITU-T H.222.0)',
  0x06: 'PES private data (DVB subtitles, AC-3, teletext ...)',
  0x07: 'MHEG',
  0x08: 'DSM-CC',
  0x0a: 'DSM-CC multi-protocol encapsulation',
  0x0b: 'DSM-CC U-N messages',
  0x0c: 'DSM-CC stream descriptors',
  0x0d: 'DSM-CC sections',
  0x0f: 'AAC audio with ADTS transport syntax (ISO/IEC 13818-7)',
  0x10: 'MPEG-4 visual (ISO/IEC 14496-2)',
  0x11: 'MPEG-4 audio with LATM transport syntax (ISO/IEC 14496-3)',
  0x12: 'MPEG-4 SL-packetized stream in PES',
  0x13: 'MPEG-4 SL-packetized stream in sections',
  0x15: 'metadata in PES',
  0x1b: 'H.264 / AVC video (ITU-T H.264)',
  0x1c: 'MPEG-4 audio without additional transport syntax',
  0x24: 'HEVC video (ITU-T H.265)',
  0x42: 'AVS video',
  0x80: 'PCM audio (Blu-ray) / DigiCipher II video',
  0x81: 'AC-3 audio (ATSC)',
  0x82: 'DTS audio',
  0x86: 'SCTE-35 splice information',
  0x87: 'E-AC-3 audio (ATSC)',
};

export function streamTypeName(type: number): string {
  return STREAM_TYPES[type] ?? (type >= 0x80 ? 'user private' : 'reserved');
}

/** stream_id of a PES packet (Table 2-22). */
export function streamIdName(id: number): string {
  if (id >= 0xc0 && id <= 0xdf) return `audio stream ${id & 0x1f}`;
  if (id >= 0xe0 && id <= 0xef) return `video stream ${id & 0x0f}`;
  const named: Record<number, string> = {
    0xbc: 'program_stream_map', 0xbd: 'private_stream_1', 0xbe: 'padding_stream', 0xbf: 'private_stream_2',
    0xf0: 'ECM_stream', 0xf1: 'EMM_stream', 0xf2: 'DSMCC_stream', 0xf3: 'ISO/IEC 13522 stream', 0xf8: 'ITU-T H.222.1 type E',
    0xfc: 'metadata_stream', 0xfd: 'extended_stream_id', 0xff: 'program_stream_directory',
  };
  return named[id] ?? 'reserved data stream';
}

/** PES packets whose header has no optional fields after PES_packet_length (2.4.3.6). */
export function pesHasOptionalHeader(streamId: number): boolean {
  return ![0xbc, 0xbe, 0xbf, 0xf0, 0xf1, 0xf2, 0xf8, 0xff].includes(streamId);
}

/** table_id (Table 2-31, DVB EN 300 468 Table 2). */
export const TABLE_IDS: Readonly<Record<number, string>> = {
  0x00: 'program_association_section',
  0x01: 'conditional_access_section',
  0x02: 'TS_program_map_section',
  0x03: 'TS_description_section',
  0x40: 'network_information_section (actual)',
  0x41: 'network_information_section (other)',
  0x42: 'service_description_section (actual)',
  0x46: 'service_description_section (other)',
  0x4a: 'bouquet_association_section',
  0x4e: 'event_information_section (actual, present/following)',
  0x70: 'time_date_section',
  0x73: 'time_offset_section',
  0xfc: 'splice_info_section (SCTE-35)',
  0xff: 'stuffing (forbidden as table_id)',
};

/** descriptor_tag (Table 2-45, DVB and ATSC registrations). */
export const DESCRIPTOR_TAGS: Readonly<Record<number, string>> = {
  0x02: 'video_stream_descriptor',
  0x03: 'audio_stream_descriptor',
  0x05: 'registration_descriptor',
  0x06: 'data_stream_alignment_descriptor',
  0x09: 'CA_descriptor',
  0x0a: 'ISO_639_language_descriptor',
  0x0e: 'maximum_bitrate_descriptor',
  0x1c: 'MPEG-4_audio_descriptor',
  0x26: 'metadata_descriptor',
  0x28: 'AVC_video_descriptor',
  0x2a: 'AVC_timing_and_HRD_descriptor',
  0x2b: 'MPEG-2_AAC_audio_descriptor',
  0x38: 'HEVC_video_descriptor',
  0x48: 'service_descriptor (DVB)',
  0x52: 'stream_identifier_descriptor (DVB)',
  0x56: 'teletext_descriptor (DVB)',
  0x59: 'subtitling_descriptor (DVB)',
  0x6a: 'AC-3_descriptor (DVB)',
  0x7a: 'enhanced_AC-3_descriptor (DVB)',
  0x7c: 'AAC_descriptor (DVB)',
  0x81: 'AC-3_audio_descriptor (ATSC)',
};

export const SCRAMBLING_CONTROL = { 0: 'not scrambled', 1: 'user-defined', 2: 'user-defined (even key)', 3: 'user-defined (odd key)' } as const;
export const ADAPTATION_FIELD_CONTROL = { 0: 'reserved', 1: 'payload only', 2: 'adaptation field only', 3: 'adaptation field, then payload' } as const;

export const hex = (v: number, digits = 4): string => `0x${v.toString(16).toUpperCase().padStart(digits, '0')}`;
