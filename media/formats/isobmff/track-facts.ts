import { aacCodecString, avcCodecString, hevcCodecString } from '../../codecs/codec-string.js';
import type { TrackKind } from '../../model/document-model.js';
import type { Node } from '../../model/types.js';
import { type AvcConfigData, type EsdsData, type HevcConfigData, type SampleEntryData, child, dataOf } from './box-data.js';

export interface CodecFacts {
  codecName: string;
  codec: string;
  width?: number;
  height?: number;
  sampleRate?: number;
  channels?: number;
}

const KIND_BY_HANDLER: Record<string, TrackKind> = { vide: 'video', soun: 'audio', text: 'text', sbtl: 'text', subt: 'text', clcp: 'text' };

export function trackKind(handler: string | undefined): TrackKind {
  return (handler && KIND_BY_HANDLER[handler]) || 'data';
}

/** Codec names as ffprobe gives them, by sample entry fourcc. */
const CODEC_NAMES: Record<string, string> = {
  avc1: 'h264', avc3: 'h264', hvc1: 'hevc', hev1: 'hevc', av01: 'av1', vp09: 'vp9', vp08: 'vp8',
  mp4a: 'aac', 'ac-3': 'ac3', 'ec-3': 'eac3', Opus: 'opus', fLaC: 'flac', '.mp3': 'mp3',
  mp4v: 'mpeg4', tx3g: 'mov_text', wvtt: 'webvtt', stpp: 'ttml',
};

/** MPEG-4 object type indications that are not AAC (ISO/IEC 14496-1 table 5). */
const OTI_CODEC: Record<number, string> = { 0x69: 'mp3', 0x6b: 'mp3', 0x20: 'mpeg4', 0xa5: 'ac3', 0xa6: 'eac3', 0xad: 'opus' };

/** What the first sample entry of an stsd says about the codec, preferring the codec configuration over the entry's own fields. */
export function codecFacts(entry: Node | undefined): CodecFacts {
  const e = dataOf<SampleEntryData>(entry);
  if (!entry || !e) return { codecName: 'none', codec: '' };
  const fourcc = e.originalFormat;
  const facts: CodecFacts = { codecName: CODEC_NAMES[fourcc] ?? fourcc.trim(), codec: fourcc.trim() };
  if (e.kind === 'visual') {
    if (e.width !== undefined) facts.width = e.width;
    if (e.height !== undefined) facts.height = e.height;
  }
  if (e.kind === 'audio') {
    if (e.sampleRate !== undefined) facts.sampleRate = e.sampleRate;
    if (e.channelCount !== undefined) facts.channels = e.channelCount;
  }
  const avcC = dataOf<AvcConfigData>(child(entry, 'avcC'));
  if (avcC) facts.codec = avcCodecString(avcC.profileIndication, avcC.profileCompatibility, avcC.levelIndication, fourcc);
  const hvcC = dataOf<HevcConfigData>(child(entry, 'hvcC'));
  if (hvcC) facts.codec = hevcCodecString(hvcC, fourcc);
  const esds = dataOf<EsdsData>(child(entry, 'esds') ?? child(child(entry, 'wave'), 'esds'));
  if (esds) {
    const asc = esds.audioConfig;
    // RFC 6381: the sample entry's own fourcc, then the object type (mp4v.20 is MPEG-4 Visual, never mp4a.20).
    facts.codec = fourcc === 'mp4a' ? aacCodecString(esds.objectTypeIndication, asc?.audioObjectType) : `${fourcc.trim()}.${esds.objectTypeIndication.toString(16).toUpperCase().padStart(2, '0')}`;
    const other = OTI_CODEC[esds.objectTypeIndication];
    if (other) facts.codecName = other;
    // The AudioSpecificConfig is the truth: mp4a entries say 2 channels even for mono.
    if (asc) {
      facts.sampleRate = asc.samplingFrequency;
      if (asc.channelConfiguration > 0) facts.channels = asc.channelConfiguration;
    }
  }
  return facts;
}
