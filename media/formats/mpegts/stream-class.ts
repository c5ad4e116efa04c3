/**
 * What each PMT entry is, from its stream_type and descriptors (ISO/IEC 13818-1 Table 2-34, ATSC A/52 Annex A,
 * DVB EN 300 468 and the registrations seen in practice), named as ffprobe names it. Every entry becomes a track,
 * decoded or not; `framing` says how its PES payloads become packets.
 */
import type { TrackKind } from '../../model/document-model.js';
import type { DescriptorInfo } from './descriptors.js';

export type Framing =
  /** Access units of H.264 / HEVC. */
  | 'h264' | 'hevc'
  /** Audio frames found by their own sync: ADTS, AC-3 and E-AC-3 syncframes, MPEG audio frames, LOAS. */
  | 'adts' | 'ac3' | 'mpeg-audio' | 'latm'
  /** One packet per PES packet (metadata, subtitles, and streams Bitlens does not decode). */
  | 'pes'
  /** One packet per section (SCTE-35 splice information is carried in sections, not PES). */
  | 'sections';

export interface StreamClass {
  framing: Framing;
  kind: TrackKind;
  /** ffprobe's codec_name; 'unknown' where ffprobe has none. */
  codecName: string;
}

const BY_STREAM_TYPE: Readonly<Record<number, StreamClass>> = {
  0x1b: { framing: 'h264', kind: 'video', codecName: 'h264' },
  0x24: { framing: 'hevc', kind: 'video', codecName: 'hevc' },
  0x0f: { framing: 'adts', kind: 'audio', codecName: 'aac' },
  0x81: { framing: 'ac3', kind: 'audio', codecName: 'ac3' },
  0x87: { framing: 'ac3', kind: 'audio', codecName: 'eac3' },
  0x86: { framing: 'sections', kind: 'data', codecName: 'scte_35' },
  0x01: { framing: 'pes', kind: 'video', codecName: 'mpeg1video' },
  0x02: { framing: 'pes', kind: 'video', codecName: 'mpeg2video' },
  // The layer (mp1, mp2, mp3) is known from the first frame header.
  0x03: { framing: 'mpeg-audio', kind: 'audio', codecName: 'mp3' },
  0x04: { framing: 'mpeg-audio', kind: 'audio', codecName: 'mp3' },
  0x10: { framing: 'pes', kind: 'video', codecName: 'mpeg4' },
  0x11: { framing: 'latm', kind: 'audio', codecName: 'aac_latm' },
  0x42: { framing: 'pes', kind: 'video', codecName: 'cavs' },
  0x82: { framing: 'pes', kind: 'audio', codecName: 'dts' },
};

/** Blu-ray's stream_types (programs registered as 'HDMV'), where 0x83 to 0x86 mean Dolby and DTS audio, not ATSC's. */
const HDMV_STREAM_TYPES: Readonly<Record<number, StreamClass>> = {
  0x80: { framing: 'pes', kind: 'audio', codecName: 'pcm_bluray' },
  0x81: { framing: 'ac3', kind: 'audio', codecName: 'ac3' },
  0x82: { framing: 'pes', kind: 'audio', codecName: 'dts' },
  0x83: { framing: 'pes', kind: 'audio', codecName: 'truehd' },
  0x84: { framing: 'ac3', kind: 'audio', codecName: 'eac3' },
  0x85: { framing: 'pes', kind: 'audio', codecName: 'dts' },
  0x86: { framing: 'pes', kind: 'audio', codecName: 'dts' },
  0x90: { framing: 'pes', kind: 'text', codecName: 'hdmv_pgs_subtitle' },
  0x92: { framing: 'pes', kind: 'text', codecName: 'hdmv_text_subtitle' },
  0xa1: { framing: 'ac3', kind: 'audio', codecName: 'eac3' },
  0xa2: { framing: 'pes', kind: 'audio', codecName: 'dts' },
};

/** Registration format identifiers that name the codec of a private stream. */
const BY_REGISTRATION: Readonly<Record<string, StreamClass>> = {
  'AC-3': { framing: 'ac3', kind: 'audio', codecName: 'ac3' },
  EAC3: { framing: 'ac3', kind: 'audio', codecName: 'eac3' },
  HEVC: { framing: 'hevc', kind: 'video', codecName: 'hevc' },
};

/** DVB descriptors of stream_type 0x06 (PES private data). */
const BY_DVB_DESCRIPTOR: Readonly<Record<number, StreamClass>> = {
  0x6a: { framing: 'ac3', kind: 'audio', codecName: 'ac3' },
  0x7a: { framing: 'ac3', kind: 'audio', codecName: 'eac3' },
  0x59: { framing: 'pes', kind: 'text', codecName: 'dvb_subtitle' },
  0x56: { framing: 'pes', kind: 'text', codecName: 'dvb_teletext' },
};

/** ADTS found in a stream declared as MPEG audio (0x03/0x04): its bytes decide, as they do for ffmpeg. */
export const ADTS_CLASS: StreamClass = BY_STREAM_TYPE[0x0f]!;

const UNKNOWN: StreamClass = { framing: 'pes', kind: 'data', codecName: 'unknown' };
const TIMED_ID3: StreamClass = { framing: 'pes', kind: 'data', codecName: 'timed_id3' };

/** `programRegistration`: the PMT's program-level registration format_identifier, if any. */
export function classifyStream(streamType: number, descriptors: readonly DescriptorInfo[], programRegistration?: string): StreamClass {
  const blurayType = programRegistration === 'HDMV' || programRegistration === 'HDPR' ? HDMV_STREAM_TYPES[streamType] : undefined;
  if (blurayType) return blurayType;
  const known = BY_STREAM_TYPE[streamType];
  if (known) return known;
  if (streamType === 0x15) return descriptors.some((d) => d.metadataFormat === 'ID3 ' || d.formatIdentifier === 'ID3 ') ? TIMED_ID3 : UNKNOWN;
  if (streamType === 0x06) {
    for (const d of descriptors) {
      const dvb = BY_DVB_DESCRIPTOR[d.tag];
      if (dvb) return dvb;
    }
  }
  if (streamType === 0x06 || streamType >= 0x80) {
    for (const d of descriptors) {
      const registered = d.formatIdentifier === undefined ? undefined : BY_REGISTRATION[d.formatIdentifier];
      if (registered) return registered;
    }
  }
  return UNKNOWN;
}
