/**
 * The fast road from an FLV file to fragmented MP4, for big files (`bitlens remux`, `npm run bench`):
 * tag headers are read straight from large chunks, payloads go to the writer as views of those chunks,
 * and no tree is built. The FLV document reader (media/formats/flv) remains the reference: this road
 * takes only what it fully understands (legacy AVC/AAC tags, E-RTMP avc1/hvc1 single-track video) and
 * throws FlvFastPathUnsupported otherwise, so the caller falls back to the document road.
 * Every packet is kept, including the ones whose time goes back or barely advances.
 */
import { readAudioSpecificConfig } from '../codecs/aac/audio-specific-config.js';
import { BitstreamError, OutOfData } from '../bits/errors.js';
import { readAvcDecoderConfigurationRecord } from '../codecs/avc/decoder-config-record.js';
import { type AvcNalData, readAvcNalUnit } from '../codecs/avc/nal-unit.js';
import { AvcParameterSets } from '../codecs/avc/parameter-sets.js';
import { readHevcDecoderConfigurationRecord } from '../codecs/hevc/decoder-config-record.js';
import { aacDescription, avcDescription, hevcDescription, sameDescription } from '../codecs/sample-description.js';
import type { SampleDescription } from '../model/document-model.js';
import { FieldReader } from '../model/field-reader.js';
import { BULK } from '../model/types.js';
import type { ByteSource } from '../source/byte-source.js';
import { FragmentedMp4Writer, type WriterOptions } from './fragmented-mp4-writer.js';
import type { Mp4Segment, RemuxSample, RemuxTrack } from './types.js';

export class FlvFastPathUnsupported extends Error {}

const CHUNK_BYTES = 2 << 20;
/** Tags read before the track set is fixed, when the header's flags are not met sooner. */
const PROBE_TAGS = 2000;
const TAG_HEADER = 11;

interface FastTrack {
  kind: 'video' | 'audio';
  descriptions: SampleDescription[];
}


/** Reads FLV tags; samples go to `emit` as views of the chunk they were found in. */
export class FlvTagWalker {
  readonly tracks: FastTrack[] = [];
  /** 0 = video, 1 = audio: the index in `tracks`, -1 before its first sequence header. */
  private readonly slot = [-1, -1];
  tags = 0;
  private readonly current: RemuxSample = { track: 0, dts: 0, pts: 0, duration: 0, keyframe: false, description: 0, data: new Uint8Array(0) };

  constructor(private readonly emit: (p: RemuxSample) => void) {}

  /** Walks the complete tags of `bytes`; returns how many bytes they take. */
  walk(bytes: Uint8Array): number {
    let at = 0;
    const n = bytes.length;
    while (at + TAG_HEADER <= n) {
      const tagType = bytes[at]! & 0x1f;
      const dataSize = (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!;
      const body = at + TAG_HEADER;
      const end = body + dataSize;
      if (end + 4 > n) break;
      if (bytes[at]! & 0x20) throw new FlvFastPathUnsupported('an encrypted (Filter) tag');
      // Timestamp (24 bits) and TimestampExtended (upper 8): a signed 32-bit millisecond count.
      const dts = (bytes[at + 7]! << 24) | (bytes[at + 4]! << 16) | (bytes[at + 5]! << 8) | bytes[at + 6]!;
      if (tagType === 9 && dataSize > 0) this.video(bytes, body, end, dts);
      else if (tagType === 8 && dataSize > 0) this.audio(bytes, body, end, dts);
      this.tags++;
      at = end + 4; // PreviousTagSize
    }
    return at;
  }

  private video(b: Uint8Array, at: number, end: number, dts: number): void {
    const first = b[at]!;
    const frameType = (first >> 4) & 7;
    if (first & 0x80) {
      // E-RTMP: videoPacketType, then the FourCC.
      const packetType = first & 0x0f;
      if ((frameType === 5 && packetType !== 4) || end - at < 5) return; // command frame
      const fourcc = String.fromCharCode(b[at + 1]!, b[at + 2]!, b[at + 3]!, b[at + 4]!);
      if (fourcc !== 'avc1' && fourcc !== 'hvc1') throw new FlvFastPathUnsupported(`E-RTMP video '${fourcc}'`);
      if (packetType === 0) this.config(0, fourcc, b.subarray(at + 5, end));
      else if (packetType === 1 && end - at > 8) this.sample(0, dts, dts + si24(b, at + 5), frameType === 1, b, at + 8, end);
      else if (packetType === 3) this.sample(0, dts, dts, frameType === 1, b, at + 5, end);
      else if (packetType !== 2 && packetType !== 4) throw new FlvFastPathUnsupported(`E-RTMP videoPacketType ${packetType}`);
      return;
    }
    const codecId = first & 0x0f;
    if (codecId !== 7) throw new FlvFastPathUnsupported(`video CodecID ${codecId}`);
    if (frameType === 5 || end - at < 5) return;
    const packetType = b[at + 1]!;
    if (packetType === 0) this.config(0, 'avc1', b.subarray(at + 5, end));
    else if (packetType === 1) this.sample(0, dts, dts + si24(b, at + 2), frameType === 1, b, at + 5, end);
  }

  private audio(b: Uint8Array, at: number, end: number, dts: number): void {
    const format = b[at]! >> 4;
    if (format !== 10) throw new FlvFastPathUnsupported(`SoundFormat ${format}`);
    if (end - at < 2) return;
    if (b[at + 1] === 0) this.config(1, 'mp4a', b.subarray(at + 2, end));
    else if (b[at + 1] === 1) this.sample(1, dts, dts, true, b, at + 2, end);
  }

  private config(kindSlot: number, codec: string, record: Uint8Array): void {
    const d = describe(codec, record);
    if (!d) return;
    let t = this.slot[kindSlot]!;
    if (t < 0) {
      t = this.tracks.length;
      this.slot[kindSlot] = t;
      this.tracks.push({ kind: kindSlot === 0 ? 'video' : 'audio', descriptions: [] });
    }
    const list = this.tracks[t]!.descriptions;
    const last = list[list.length - 1];
    if (!last || !sameDescription(last, d)) list.push(d);
  }

  private sample(kindSlot: number, dts: number, pts: number, keyframe: boolean, b: Uint8Array, start: number, end: number): void {
    const t = this.slot[kindSlot]!;
    if (t < 0 || end <= start) return; // no sequence header yet (nothing could decode it), or empty
    // One object reused for every sample: the writer copies what it keeps.
    const p = this.current;
    p.track = t;
    p.dts = dts;
    p.pts = pts;
    p.keyframe = keyframe;
    p.description = this.tracks[t]!.descriptions.length - 1;
    p.data = new Uint8Array(b.buffer, b.byteOffset + start, end - start); // faster than subarray (no species lookup)
    this.emit(p);
  }
}

function si24(b: Uint8Array, at: number): number {
  return ((b[at]! << 16) | (b[at + 1]! << 8) | b[at + 2]!) << 8 >> 8;
}

/**
 * A sequence header as a sample description (the record bytes copied, not views of the chunk). One that
 * cannot be read (cut short, damaged) leaves the file to the document road, which shows what is wrong with it.
 */
function describe(codec: string, record: Uint8Array): SampleDescription | undefined {
  try {
    return readDescription(codec, record);
  } catch (e) {
    if (e instanceof OutOfData || e instanceof BitstreamError) throw new FlvFastPathUnsupported(`a ${codec} sequence header that cannot be read`);
    throw e;
  }
}

function readDescription(codec: string, record: Uint8Array): SampleDescription | undefined {
  const bytes = record.slice();
  const r = new FieldReader(bytes, BULK);
  if (codec === 'mp4a') return aacDescription(readAudioSpecificConfig(r).data);
  if (codec === 'avc1') {
    const avc = readAvcDecoderConfigurationRecord(r).data;
    const spsBytes = avc.sps[0];
    const sps = spsBytes ? (readAvcNalUnit(spsBytes, 0, BULK, new AvcParameterSets()).data as AvcNalData | undefined)?.sps : undefined;
    return avcDescription(avc, { width: sps?.width, height: sps?.height });
  }
  return hevcDescription(readHevcDecoderConfigurationRecord(r).data, {});
}

export interface FlvFastResult {
  tracks: RemuxTrack[];
  /** Samples written, per track. */
  samples: number[];
}

/** Where an FLV file's tags start and which tracks its header announces (13 bytes: header + PreviousTagSize0). */
export function flvTagsStart(head: Uint8Array): { start: number; audio: boolean; video: boolean } {
  if (head.length < 13 || head[0] !== 0x46 || head[1] !== 0x4c || head[2] !== 0x56) throw new FlvFastPathUnsupported('not an FLV header');
  const dataOffset = ((head[5]! << 24) | (head[6]! << 16) | (head[7]! << 8) | head[8]!) >>> 0;
  return { start: dataOffset + 4, audio: (head[4]! & 4) !== 0, video: (head[4]! & 1) !== 0 };
}

/** Bytes of the tag at the start of `bytes` (header, body, PreviousTagSize), or undefined when its header is cut. */
export function flvTagBytes(bytes: Uint8Array): number | undefined {
  return bytes.length >= 4 ? TAG_HEADER + ((bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) + 4 : undefined;
}

/**
 * The fast road without I/O: the caller reads the file in chunks that start at a tag (the first at
 * `flvTagsStart(head).start`, each next one where the previous walk stopped) and hands them to
 * `walk`; segments go to `sink` synchronously as they complete. A chunk must stay unchanged until the
 * segments holding its payloads have been written (samples wait in the writer until their fragment
 * is cut): `holds` tells when a buffer may be read into again. The track set is fixed once the header's audio and video flags are met (or after
 * PROBE_TAGS tags); a track that shows up later throws FlvFastPathUnsupported.
 */
export class FlvFastRemux {
  private writer: FragmentedMp4Writer | undefined;
  private fixedTracks = 0;
  private readonly early: RemuxSample[] = [];
  private readonly walker: FlvTagWalker;
  private readonly wantAudio: boolean;
  private readonly wantVideo: boolean;

  constructor(
    head: Uint8Array,
    private readonly sink: (segment: Mp4Segment) => void,
    private readonly options: WriterOptions = {},
  ) {
    const { audio, video } = flvTagsStart(head);
    this.wantAudio = audio;
    this.wantVideo = video;
    this.walker = new FlvTagWalker((p) => {
      const writer = this.writer;
      if (!writer) {
        this.early.push({ ...p });
        return;
      }
      if (p.track >= this.fixedTracks) throw new FlvFastPathUnsupported('a track that starts late');
      const segments = writer.push(p);
      for (let i = 0; i < segments.length; i++) this.sink(segments[i]!);
    });
  }

  /** Walks the complete tags at the start of `bytes`; returns how many bytes they take. */
  walk(bytes: Uint8Array): number {
    const used = this.walker.walk(bytes);
    if (!this.writer) {
      const seen = new Set(this.walker.tracks.map((t) => t.kind));
      if ((seen.has('audio') || !this.wantAudio) && (seen.has('video') || !this.wantVideo) && seen.size > 0) this.start();
      else if (this.walker.tags >= PROBE_TAGS) this.start();
    }
    return used;
  }

  /**
   * Whether a sample not written yet is a view of `buffer`. A caller that reuses its read buffers
   * asks this (after writing the segments it was given) before reading into one again.
   */
  holds(buffer: ArrayBufferLike): boolean {
    for (const p of this.early) if (p.data.buffer === buffer) return true;
    return this.writer?.holds(buffer) ?? false;
  }

  /** Writes what is pending (the last fragment, the index). */
  finish(): FlvFastResult {
    if (!this.writer) this.start();
    const writer = this.writer!;
    for (const s of writer.flush()) this.sink(s);
    return { tracks: writer.tracks.slice(), samples: writer.sampleCounts() };
  }

  private start(): void {
    const tracks: RemuxTrack[] = this.walker.tracks.map((t, i) => ({ id: i + 1, kind: t.kind, timescale: 1000, descriptions: t.descriptions }));
    if (tracks.length === 0) throw new FlvFastPathUnsupported('no AVC, HEVC or AAC sequence header');
    this.fixedTracks = tracks.length;
    // The first generation takes each track's first configuration; later ones come as samples name them.
    const early = this.early;
    const minDts = early.length > 0 ? Math.min(...early.map((p) => p.dts)) : 0;
    if (minDts < 0) for (const t of tracks) t.shift = -minDts;
    const writer = new FragmentedMp4Writer(tracks, this.options);
    this.writer = writer;
    this.sink({ type: 'init', generation: 0, data: writer.init(), mimeType: writer.mimeType() });
    for (const p of early) for (const s of writer.push(p)) this.sink(s);
    early.length = 0;
  }
}

/**
 * Remuxes an FLV source to `sink` (a ByteSource, read chunk by chunk; each read starts at the tag
 * where the previous walk stopped). The CLI drives FlvFastRemux itself with synchronous reads.
 */
export async function remuxFlvFast(source: ByteSource, sink: (segment: Mp4Segment) => void | Promise<void>, options: WriterOptions & { onProgress?: (done: number, total: number) => void } = {}): Promise<FlvFastResult> {
  const size = source.size;
  let out: Mp4Segment[] = [];
  const head = await source.read(0, Math.min(size, 13));
  const remux = new FlvFastRemux(head, (s) => void out.push(s), options);
  const drain = async (): Promise<void> => {
    const segments = out;
    out = [];
    for (const s of segments) await sink(s);
  };
  let at = flvTagsStart(head).start;
  let chunkBytes = CHUNK_BYTES;
  while (at < size) {
    const chunk = await source.read(at, Math.min(chunkBytes, size - at));
    if (chunk.length === 0) break;
    const used = remux.walk(chunk);
    at += used;
    await drain();
    options.onProgress?.(at, size);
    if (used > 0) {
      chunkBytes = CHUNK_BYTES;
      continue;
    }
    // A tag longer than the chunk: read it whole next time, unless the file ends inside it (a cut file).
    if (at + chunk.length >= size) break;
    chunkBytes = Math.max(CHUNK_BYTES, flvTagBytes(chunk) ?? CHUNK_BYTES);
  }
  const result = remux.finish();
  await drain();
  return result;
}
