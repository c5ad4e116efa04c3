/**
 * The decoded values box parsers keep on their nodes (`node.data`) for the sample index and remux.
 * Tables are typed arrays: a one-hour file's quarter-million samples cost a few megabytes.
 */
import type { Node } from '../../model/types.js';

export interface FileTypeData { majorBrand: string; compatibleBrands: string[] }
export interface MvhdData { timescale: number; duration: number; nextTrackId: number }
export interface TkhdData { trackId: number; duration: number; width: number; height: number; flags: number }
export interface ElstData { entries: Array<{ segmentDuration: number; mediaTime: number; mediaRate: number }> }
export interface MdhdData { timescale: number; duration: number; language: string }
export interface HdlrData { handlerType: string; name: string }

export interface SttsData { counts: Uint32Array; deltas: Uint32Array }
/** Offsets are read as signed 32-bit for both versions (writers put negative values in version 0 too). */
export interface CttsData { counts: Uint32Array; offsets: Int32Array }
export interface StssData { samples: Uint32Array }
export interface StscData { firstChunk: Uint32Array; samplesPerChunk: Uint32Array; sampleDescriptionIndex: Uint32Array }
/** stsz and stz2: `sizes` is absent when every sample has `sampleSize`. `countAt`: absolute byte of sample_count. */
export interface StszData { sampleSize: number; count: number; countAt: number; sizes?: Uint32Array }
/** stco and co64. */
export interface ChunkOffsetData { offsets: Uint32Array | Float64Array }
/** One sgpd entry: the decoded fields of a grouping type Bitlens knows (roll/prol, rap , sync, seig), else its bytes. */
export interface SampleGroupEntryData {
  rollDistance?: number;
  numLeadingSamplesKnown?: boolean;
  numLeadingSamples?: number;
  nalUnitType?: number;
  isProtected?: number;
  perSampleIvSize?: number;
  kid?: Uint8Array;
  constantIv?: Uint8Array;
  cryptByteBlock?: number;
  skipByteBlock?: number;
  bytes?: Uint8Array;
}
export interface SgpdData { groupingType: string; defaultSampleDescriptionIndex?: number; entries: SampleGroupEntryData[] }
/** sbgp: runs of sample_count samples mapped to a 1-based sgpd entry (0 = none; above 0x10000 = the fragment's own sgpd). */
export interface SbgpData { groupingType: string; groupingTypeParameter?: number; sampleCounts: Uint32Array; groupDescriptionIndices: Uint32Array }
export interface SaioData { auxInfoType?: string; auxInfoTypeParameter?: number; offsets: Float64Array }
/** saiz: `sizes` is absent when every sample has `defaultSampleInfoSize`. */
export interface SaizData { auxInfoType?: string; auxInfoTypeParameter?: number; defaultSampleInfoSize: number; sampleCount: number; sizes?: Uint8Array }

/** A sample entry in stsd (avc1, hvc1, mp4a, encv, enca ...). Its config boxes are its children. */
export interface SampleEntryData {
  format: string;
  /** The original format for encrypted entries (from sinf/frma), else `format`. */
  originalFormat: string;
  kind: 'visual' | 'audio' | 'other';
  dataReferenceIndex: number;
  width?: number;
  height?: number;
  channelCount?: number;
  sampleRate?: number;
}

// Codec configuration records live with their codecs; boxes and FLV tags both carry them.
export type { AudioConfigData, AvcConfigData, HevcConfigData } from '../../codecs/config-data.js';
import type { AudioConfigData } from '../../codecs/config-data.js';

/** esds: the MPEG-4 ES descriptor, with the decoded DecoderSpecificInfo for audio. */
export interface EsdsData {
  objectTypeIndication: number;
  streamType: number;
  bufferSizeDB: number;
  maxBitrate: number;
  avgBitrate: number;
  audioConfig?: AudioConfigData;
  decoderSpecificInfo?: Uint8Array;
}

export interface TrexData { trackId: number; defaultSampleDescriptionIndex: number; defaultSampleDuration: number; defaultSampleSize: number; defaultSampleFlags: number }
export interface MfhdData { sequenceNumber: number }
export interface TfhdData {
  trackId: number;
  flags: number;
  baseDataOffset?: number;
  sampleDescriptionIndex?: number;
  defaultSampleDuration?: number;
  defaultSampleSize?: number;
  defaultSampleFlags?: number;
  /** flags & 0x020000 */
  defaultBaseIsMoof: boolean;
  /** flags & 0x010000 */
  durationIsEmpty: boolean;
}
export interface TfdtData { baseMediaDecodeTime: number }
/** trun: per-sample columns are present only when their flag is set. */
export interface TrunData {
  flags: number;
  sampleCount: number;
  /** Absolute byte of the sample_count field (where a count the file cannot hold is reported). */
  countAt: number;
  dataOffset?: number;
  firstSampleFlags?: number;
  durations?: Uint32Array;
  sizes?: Uint32Array;
  sampleFlags?: Uint32Array;
  compositionOffsets?: Int32Array;
}
/** PIFF tfxd: fragment absolute time and duration, read as signed (encoders wrap negative start times). */
export interface TfxdData { absoluteTime: number; duration: number }
/** PIFF tfrf: the times of fragments that follow this one (live lookahead), signed like tfxd. */
export interface TfrfData { entries: Array<{ absoluteTime: number; duration: number }> }
/** mehd: the presentation's duration in the movie timescale, fragments included. */
export interface MehdData { fragmentDuration: number }
/** sidx (ISO/IEC 14496-12 8.16.3): reference_count is 16 bits, so the references are plain objects. */
export interface SidxData {
  referenceId: number;
  timescale: number;
  earliestPresentationTime: number;
  firstOffset: number;
  references: Array<{ referenceType: number; referencedSize: number; subsegmentDuration: number; startsWithSap: boolean; sapType: number; sapDeltaTime: number }>;
}
/** tfra (8.8.10): one row per random access sample of a track. traf/trun/sample numbers are 1-based. */
export interface TfraData {
  trackId: number;
  times: Float64Array;
  moofOffsets: Float64Array;
  trafNumbers: Uint32Array;
  trunNumbers: Uint32Array;
  sampleNumbers: Uint32Array;
}
/** mfro (8.8.11): the size of the enclosing mfra, so a reader can find it from the end of the file. */
export interface MfroData { size: number }
/** emsg (ISO/IEC 23009-1 5.10.3.3). Version 0 carries presentationTimeDelta, version 1 presentationTime. */
export interface EmsgData {
  schemeIdUri: string;
  value: string;
  timescale: number;
  presentationTimeDelta?: number;
  presentationTime?: number;
  eventDuration: number;
  id: number;
  messageData: Uint8Array;
}
export interface TencData {
  isProtected: number;
  perSampleIvSize: number;
  kid: Uint8Array;
  /** Pattern encryption (tenc version 1, cens/cbcs): encrypted and clear 16-byte blocks. */
  cryptByteBlock?: number;
  skipByteBlock?: number;
  /** The IV shared by all samples when perSampleIvSize is 0 (cbcs). */
  constantIv?: Uint8Array;
}
/** frma (ISO/IEC 14496-12 8.12.2): the sample entry format before encryption. */
export interface FrmaData { dataFormat: string }
/** schm (8.12.5): the protection scheme, e.g. `cenc`, `cbcs`, `piff`. */
export interface SchmData { schemeType: string; schemeVersion: number; schemeUri?: string }
/** pssh (ISO/IEC 23001-7 8.1) and the PIFF Protection System Specific Header: data for one DRM system. */
export interface PsshData { systemId: string; kids: Uint8Array[]; data: Uint8Array }
/**
 * senc (ISO/IEC 23001-7 7.2) and the PIFF Sample Encryption Box: per-sample IVs and subsample maps.
 * `ivSize` is what the entries were read with (from tenc, or guessed when no tenc was seen).
 */
export interface SencData {
  ivSize: number;
  ivs: Uint8Array[];
  /** Per sample, [BytesOfClearData, BytesOfProtectedData] pairs; absent when flags & 2 is clear. */
  subsamples?: Array<Array<[number, number]>>;
}

/** The kept data of a node, typed by the caller who knows the box type. */
export function dataOf<T>(node: Node | undefined): T | undefined {
  return node?.data as T | undefined;
}

/** First child box of the given type. */
export function child(node: Node | undefined, type: string): Node | undefined {
  return node?.children.find((c) => c.name === type);
}

export function childrenOf(node: Node | undefined, type: string): Node[] {
  return node ? node.children.filter((c) => c.name === type) : [];
}

/** Follows a path of box types from a node: `path(trak, 'mdia', 'minf', 'stbl')`. */
export function path(node: Node | undefined, ...types: string[]): Node | undefined {
  let n = node;
  for (const t of types) n = child(n, t);
  return n;
}
