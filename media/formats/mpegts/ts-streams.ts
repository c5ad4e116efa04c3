/**
 * Elementary streams of a transport stream: what each PMT entry becomes (a track), and what each reassembled
 * PES packet gives (a node with its header and content, and packets for the packet table, as ffprobe counts them).
 */
import type { TrackInfo } from '../../model/document-model.js';
import { type Node, type ParseOptions, diagnostic, newNode } from '../../model/types.js';
import { OutOfData } from '../../bits/errors.js';
import { FieldReader } from '../../model/field-reader.js';
import type { AdtsHeader } from '../../codecs/aac/adts-header.js';
import type { Ac3Header } from '../../codecs/ac3/ac3-header.js';
import type { MpegAudioHeader } from '../../codecs/mpeg-audio/mpeg-audio-header.js';
import { spanField } from '../adts/adts-frame.js';
import { strongHeaderAt } from '../adts/adts-scan.js';
import { firstPictureCodingType } from '../../codecs/mpeg-video/picture-type.js';
import { type FrameFacts, type FramedPacket, readFramedPayload } from '../audio-frames/framed-payload.js';
import { AC3_SYNCFRAMES, ADTS_FRAMES, LOAS_FRAMES, MPEG_AUDIO_FRAMES } from '../audio-frames/frame-syntaxes.js';
import type { AudioConfigData } from '../../codecs/config-data.js';
import { addStable90k } from './stable-time.js';
import { VideoStream } from './es-video.js';
import { type AccessUnit, VideoAccessUnits } from './video-access-units.js';
import { readPesHeader } from './pes-header.js';
import type { SegmentMap } from './segment-map.js';
import type { TsPacketSink } from './ts-packet-sink.js';
import { ADTS_CLASS, type StreamClass, classifyStream } from './stream-class.js';
import type { PmtData, PmtStream } from './psi-section.js';
import type { TimestampWrap } from './timestamp-wrap.js';
import { hex, streamTypeName } from './ts-names.js';

export const TS_TIMESCALE = 90000;

export interface EsStream {
  pid: number;
  streamType: number;
  /** What the stream is and how its payloads become packets. */
  cls: StreamClass;
  /** Index in the document's tracks. */
  track: number;
  node: Node;
  video?: VideoStream;
  audio?: AdtsHeader;
  ac3?: Ac3Header;
  mpegAudio?: MpegAudioHeader;
  /** LATM: the first StreamMuxConfig's AudioSpecificConfig. */
  latm?: AudioConfigData;
  /** The sample rate frames without their own (LATM with useSameStreamMux) are timed by. */
  rate?: number;
  /** The program's PCR PID: sections are timed by its last PCR. */
  pcrPid: number;
  /** Shared by the streams of the transport stream: one reference for the 33-bit wrap. */
  wrap: TimestampWrap;
  pesCount: number;
  frames: number;
  samples: number;
  keyframes: number;
  lastDts?: number;
  lastDuration: number;
  minPts?: number;
  maxPts?: number;
  /** Video: PES payloads joined and split into access units. */
  units?: VideoAccessUnits;
  /** The TS packet grid, for positions of access units that start inside a PES. */
  grid?: { packetSize: number; gridBase: number };
}

export function newEsStream(entry: PmtStream, program: PmtData, track: number, wrap: TimestampWrap): EsStream {
  const { pid, streamType } = entry;
  const pcrPid = program.pcrPid;
  const cls = classifyStream(streamType, entry.descriptors, program.registration);
  const node = newNode('chunk', `PID ${hex(pid)}`, 0, 0, `${streamTypeName(streamType)}`);
  const s: EsStream = { pid, streamType, cls, track, node, pcrPid, wrap, pesCount: 0, frames: 0, samples: 0, keyframes: 0, lastDuration: 0 };
  if (cls.framing === 'h264' || cls.framing === 'hevc') s.video = new VideoStream(cls.framing);
  return s;
}

/** A reassembled PES packet: its bytes, where they are, and the TS packets it came from. */
export interface PesBytes {
  bytes: Uint8Array;
  map: SegmentMap;
  /** Offset of the TS packet whose payload starts the PES (ffprobe's pos). */
  start: number;
  /** End of the last TS packet that carried it. */
  end: number;
  /** 188 or 192: with `gridBase`, finds the TS packet that holds a payload byte (packets lie on a grid from there). */
  packetSize: number;
  gridBase: number;
}

/** Reads a PES packet into a node under its stream and pushes its packets. */
export function flushPes(s: EsStream, pes: PesBytes, options: ParseOptions, out: TsPacketSink, keepNode: boolean): void {
  const node = newNode('element', `PES ${s.pesCount}`, pes.start, pes.end, `PES packet on PID ${hex(s.pid)}`);
  s.pesCount++;
  const r = new FieldReader(pes.bytes, options, pes.map, node.fields);
  let header;
  try {
    header = readPesHeader(r, node.diagnostics);
  } catch (e) {
    if (!(e instanceof OutOfData)) throw e;
    node.diagnostics.push(diagnostic('error', 'pes-header-truncated', `the PES packet ends inside its header (${pes.bytes.length} bytes)`, pes.start, pes.end));
    if (keepNode || node.diagnostics.length > 0) s.node.children.push(node);
    return;
  }
  const payloadOffset = Math.min(header.headerLength, pes.bytes.length);
  if (header.packetLength > 0 && pes.bytes.length < 6 + header.packetLength) {
    node.diagnostics.push(diagnostic('error', 'pes-shorter-than-declared', `PES_packet_length says ${6 + header.packetLength} bytes; ${pes.bytes.length} arrived`, pes.start, pes.end));
  }
  if (header.pts === undefined && header.streamId >= 0xc0 && header.streamId <= 0xef) {
    node.diagnostics.push(diagnostic('warning', 'pes-without-pts', 'an audio or video PES packet without a PTS', pes.start, pes.end));
  }
  if (header.pts !== undefined) node.title = `PES packet on PID ${hex(s.pid)}, PTS ${header.pts}${header.dts !== undefined ? `, DTS ${header.dts}` : ''}`;
  // The packet table has continuous time; the tree keeps the 33-bit values the bytes hold.
  const pesPts = header.pts === undefined ? undefined : s.wrap.apply(header.pts);
  const pesDts = header.dts === undefined ? undefined : s.wrap.apply(header.dts);
  const size = pes.bytes.length - payloadOffset;
  // ADTS declared as MPEG audio: the first payload's bytes decide, as ffmpeg's probe does.
  if (s.cls.framing === 'mpeg-audio' && s.frames === 0 && strongHeaderAt(pes.bytes, payloadOffset) > 0) s.cls = ADTS_CLASS;
  if (s.cls.framing === 'adts') {
    const { nodes, packets } = readFramedPayload(ADTS_FRAMES, pes.bytes, payloadOffset, pes.map, options, s.frames);
    node.children.push(...nodes);
    s.audio ??= packets[0]?.header;
    flushAudio(s, pes, payloadOffset, pesPts, packets, out);
  } else if (s.cls.framing === 'ac3') {
    const { nodes, packets } = readFramedPayload(AC3_SYNCFRAMES, pes.bytes, payloadOffset, pes.map, options, s.frames);
    node.children.push(...nodes);
    s.ac3 ??= packets[0]?.header;
    flushAudio(s, pes, payloadOffset, pesPts, packets, out);
  } else if (s.cls.framing === 'mpeg-audio') {
    const { nodes, packets } = readFramedPayload(MPEG_AUDIO_FRAMES, pes.bytes, payloadOffset, pes.map, options, s.frames);
    node.children.push(...nodes);
    s.mpegAudio ??= packets[0]?.header;
    flushAudio(s, pes, payloadOffset, pesPts, packets, out);
  } else if (s.cls.framing === 'latm') {
    const { nodes, packets } = readFramedPayload(LOAS_FRAMES, pes.bytes, payloadOffset, pes.map, options, s.frames);
    node.children.push(...nodes);
    s.latm ??= packets.find((p) => p.header.config)?.header.config;
    flushAudio(s, pes, payloadOffset, pesPts, packets, out);
  } else if (s.video) {
    s.grid = { packetSize: pes.packetSize, gridBase: pes.gridBase };
    s.units ??= new VideoAccessUnits(s.video, options);
    for (const au of s.units.push(pes.bytes, payloadOffset, pes.map, { pts: pesPts, dts: pesDts }, pes.start, node)) pushAccessUnit(s, au, out);
  } else {
    if (r.recording && size > 0) node.fields.push(spanField(r, 'PES_packet_data_byte', payloadOffset * 8, pes.bytes.length * 8, 'not decoded'));
    // padding_stream (0xBE) carries nothing; every other PES is one packet, as ffprobe counts data and subtitle streams.
    if (header.streamId !== 0xbe && size > 0) {
      const pts = pesPts ?? s.lastDts ?? 0;
      const dts = pesDts ?? pts;
      s.lastDts = dts;
      notePts(s, pts);
      s.frames++;
      // MPEG-1/2 video: a packet is a keyframe when it starts with an I picture; other streams have no dependencies.
      const keyframe = s.cls.codecName === 'mpeg2video' || s.cls.codecName === 'mpeg1video' ? firstPictureCodingType(pes.bytes, payloadOffset) === 1 : true;
      if (keyframe) s.keyframes++;
      out.push(s.track, dts, pts, pes.start, size, keyframe, pes.map.fileByte(payloadOffset), 0);
    }
  }
  if (keepNode || node.diagnostics.length > 0) s.node.children.push(node);
}

/** One section of a stream carried in sections (SCTE-35): a packet timed by the program's last PCR, as ffmpeg times it. */
export function pushSection(s: EsStream, start: number, size: number, lastPcr: number | undefined, out: TsPacketSink): void {
  const pts = lastPcr !== undefined ? s.wrap.apply(Math.floor(lastPcr / 300)) : (s.lastDts ?? 0);
  s.lastDts = pts;
  notePts(s, pts);
  s.frames++;
  s.keyframes++;
  out.push(s.track, pts, pts, start, size, true, start, 0);
}

function flushAudio(s: EsStream, pes: PesBytes, payloadOffset: number, pesPts: number | undefined, frames: readonly FramedPacket<FrameFacts>[], out: TsPacketSink): void {
  let pts = pesPts;
  for (const { header: h, dataOffset, length } of frames) {
    s.rate ??= h.sampleRate;
    const rate = h.sampleRate ?? s.rate;
    if (pts === undefined) pts = s.lastDts !== undefined && rate ? addStable90k(s.lastDts, h.samples, rate) : (s.lastDts ?? 0);
    s.lastDts = pts;
    notePts(s, pts);
    s.lastDuration = rate ? Math.floor((h.samples * TS_TIMESCALE) / rate) : 0;
    s.frames++;
    s.keyframes++;
    s.samples += h.samples;
    const at = pes.map.fileByte(dataOffset);
    // ffprobe gives the PES's packet for its first frame; later frames start in the TS packet holding their first byte.
    const pos = dataOffset === payloadOffset ? pes.start : at - ((at - pes.gridBase) % pes.packetSize);
    out.push(s.track, pts, pts, pos, length, true, at, 0);
    pts = undefined;
  }
}

/** Hands on the access unit a video stream still holds (at the end of the file). */
export function flushPending(s: EsStream, out: TsPacketSink): void {
  for (const au of s.units?.finish() ?? []) pushAccessUnit(s, au, out);
}

/**
 * An access unit as a packet: the times of the PES it took them from (a DTS alone stands for both; a PTS alone
 * for both too), else the last frame interval after the one before. Its position is that PES's first TS packet,
 * as ffprobe gives it, else the TS packet holding its first byte.
 */
function pushAccessUnit(s: EsStream, au: AccessUnit, out: TsPacketSink): void {
  const video = s.video!;
  if (au.parametersChanged) video.describeChange();
  let pts: number;
  let dts: number;
  if (au.pts !== undefined || au.dts !== undefined) {
    pts = au.pts ?? au.dts!;
    dts = au.dts ?? pts;
  } else {
    dts = (s.lastDts ?? 0) + s.lastDuration;
    pts = dts;
  }
  if (s.lastDts !== undefined && dts > s.lastDts) s.lastDuration = dts - s.lastDts;
  s.lastDts = dts;
  notePts(s, pts);
  s.frames++;
  if (au.keyframe) s.keyframes++;
  const grid = s.grid ?? { packetSize: 188, gridBase: 0 };
  const pos = au.pesStart ?? au.firstByte - ((au.firstByte - grid.gridBase) % grid.packetSize);
  out.push(s.track, dts, pts, pos, au.size, au.keyframe, au.firstByte, video.current);
}

function notePts(s: EsStream, pts: number): void {
  s.minPts = s.minPts === undefined ? pts : Math.min(s.minPts, pts);
  s.maxPts = s.maxPts === undefined ? pts : Math.max(s.maxPts, pts);
}

/** The track a stream became, from what its PES packets showed. */
export function trackOf(s: EsStream): TrackInfo {
  const span = s.minPts !== undefined && s.maxPts !== undefined ? s.maxPts - s.minPts + s.lastDuration : 0;
  const base = { id: s.pid, timescale: TS_TIMESCALE, samples: s.frames, keyframes: s.keyframes, durationSeconds: span / TS_TIMESCALE };
  const framing = s.cls.framing;
  if (framing === 'latm') {
    const c = s.latm;
    return { ...base, kind: 'audio', codecName: 'aac_latm', codec: c ? `mp4a.40.${c.audioObjectType}` : 'mp4a.40', ...(c?.samplingFrequency ? { sampleRate: c.samplingFrequency } : {}), ...(c ? { channels: c.channelConfiguration } : {}) };
  }
  if (framing === 'mpeg-audio') {
    const h = s.mpegAudio;
    return { ...base, kind: 'audio', codecName: h?.codecName ?? s.cls.codecName, codec: h?.layer === 3 ? 'mp4a.6B' : '', ...(h ? { sampleRate: h.sampleRate, channels: h.channels } : {}) };
  }
  if (framing === 'ac3') {
    const h = s.ac3;
    return { ...base, kind: 'audio', codecName: s.cls.codecName, codec: s.cls.codecName === 'eac3' ? 'ec-3' : 'ac-3', ...(h?.sampleRate ? { sampleRate: h.sampleRate } : {}), ...(h ? { channels: h.channels } : {}) };
  }
  if (framing !== 'adts' && framing !== 'h264' && framing !== 'hevc') return { ...base, kind: s.cls.kind, codecName: s.cls.codecName, codec: '' };
  if (framing === 'adts') {
    const h = s.audio;
    return { ...base, kind: 'audio', codecName: 'aac', codec: h ? `mp4a.40.${h.audioObjectType}` : 'mp4a.40', ...(h?.sampleRate ? { sampleRate: h.sampleRate } : {}), ...(h ? { channels: h.channels } : {}) };
  }
  if (framing === 'h264') {
    const sps = s.video?.avc.active;
    return { ...base, kind: 'video', codecName: 'h264', codec: sps?.codec ?? 'avc1', ...(sps ? { width: sps.width, height: sps.height } : {}) };
  }
  const sps = s.video?.hevc.sps.values().next().value;
  return { ...base, kind: 'video', codecName: 'hevc', codec: sps?.codec ?? 'hvc1', ...(sps ? { width: sps.width, height: sps.height } : {}) };
}
