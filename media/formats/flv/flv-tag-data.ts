/**
 * What FLV tag parsers keep on their nodes (`node.data`): the facts the packet table, the track list
 * and remux need, so later stages never read the tree's fields back.
 */
import type { AmfValue } from '../amf/amf-value.js';
import type { SpsData } from '../../codecs/avc/parameter-sets.js';
import type { AudioConfigData, AvcConfigData, HevcConfigData } from '../isobmff/box-data.js';

export type FlvMediaKind = 'video' | 'audio';

/** One coded frame (or audio access unit) as ffprobe -show_packets reports it; times in ms. */
export interface FlvPacket {
  kind: FlvMediaKind;
  /** E-RTMP track id (0 for legacy tags and the default track). */
  trackId: number;
  /** Codec key: a FourCC (`avc1`, `mp4a`) or a legacy id mapped to one (see flv-tables.ts). */
  codec: string;
  dts: number;
  pts: number;
  /** Absolute offset of the codec payload (after the codec's header bytes in the tag). */
  offset: number;
  size: number;
  keyframe: boolean;
}

/** A sequence header (decoder configuration) found in a tag. */
export interface FlvConfig {
  kind: FlvMediaKind;
  trackId: number;
  codec: string;
  avc?: AvcConfigData;
  /** The first SPS of an AVC record, decoded (picture size, VUI timing). */
  sps?: SpsData;
  hevc?: HevcConfigData;
  audio?: AudioConfigData;
}

/** A track a tag speaks of, with the facts its legacy header gives (used when no config says better). */
export interface FlvStreamRef {
  kind: FlvMediaKind;
  trackId: number;
  codec: string;
  /** Legacy audio header: SoundRate in Hz and channel count from SoundType. */
  soundRate?: number;
  soundChannels?: number;
}

export interface FlvTagData {
  tagType: number;
  dataSize: number;
  /** Timestamp and TimestampExtended combined, as a signed 32-bit millisecond count. */
  timestamp: number;
  streamId: number;
  /** True when every byte of the tag (body and PreviousTagSize) is in the source. */
  complete: boolean;
  streams: FlvStreamRef[];
  packets: FlvPacket[];
  configs: FlvConfig[];
  /** Script data: the name (onMetaData ...) and the values. */
  script?: { name: string; values: AmfValue[] };
}

/** Data kept on the FLV header node. */
export interface FlvHeaderData {
  version: number;
  hasAudio: boolean;
  hasVideo: boolean;
  dataOffset: number;
}

export function newTagData(tagType: number, dataSize: number, timestamp: number, streamId: number, complete: boolean): FlvTagData {
  return { tagType, dataSize, timestamp, streamId, complete, streams: [], packets: [], configs: [] };
}

/** Key of a track across tags: kind and E-RTMP track id. */
export function trackKey(kind: FlvMediaKind, trackId: number): string {
  return `${kind}:${trackId}`;
}
