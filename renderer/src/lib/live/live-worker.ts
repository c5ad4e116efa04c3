/// <reference lib="webworker" />
/**
 * A live session's parse worker: the session's client bytes arrive in order and go through the same
 * RTMP push parser the server uses (media/formats/rtmp), so the tree shows the handshake, every
 * chunk header, the AMF commands and the FLV tags, each video or audio frame opened into its NAL units
 * or AAC elements when its bytes lie in one run (a chunk header inside a frame leaves it as bytes).
 * The worker keeps no bytes: only the decoder configurations and the track list.
 */
import type { FlvConfig, FlvStreamRef } from '../../../../media/formats/flv/flv-tag-data.js';
import type { RtmpMessageData } from '../../../../media/formats/rtmp/message-body.js';
import { RtmpPushParser, type RtmpUnit } from '../../../../media/formats/rtmp/rtmp-push-parser.js';
import { RtmpTrackIndex } from '../../../../media/formats/rtmp/rtmp-tracks.js';
import { packetPayloads } from '../../../../media/record/packet-payload.js';
import { configDescription } from '../../../../media/record/record-tracks.js';
import type { TrackInfo } from '../../../../media/model/document-model.js';
import { type Node, type ParseOptions, newNode } from '../../../../media/model/types.js';
import { expandBytes } from '../../../../media/samples/expand-sample.js';
import type { SampleContext } from '../../../../media/samples/sample-context.js';
import { avcCodecString, aacCodecString, hevcCodecString } from '../../../../media/codecs/codec-string.js';
import type { FromLiveWorker, LiveMediaItem, LivePacketRow, ToLiveWorker } from './live-protocol.js';
import { wireNode } from './live-tree.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** Table entries recorded per field (as the file parse worker does); the rest are counted. */
const OPTIONS: ParseOptions = { record: true, maxEntries: 2000 };

const parser = new RtmpPushParser(OPTIONS);
const tracks = new RtmpTrackIndex();
const infos: TrackInfo[] = [];
/** Latest decoder configuration per track, with the tag it came from. */
const configs = new Map<number, { config: FlvConfig; timestamp: number; start: number; end: number }>();
let media = false;
let ended = false;

const codecName = (codec: string): string => ({ avc1: 'h264', hvc1: 'hevc', mp4a: 'aac', av01: 'av1', '.mp3': 'mp3' })[codec] ?? codec;

function trackInfo(index: number, ref: FlvStreamRef): TrackInfo {
  const info: TrackInfo = { id: index + 1, kind: ref.kind, codecName: codecName(ref.codec), codec: ref.codec, timescale: 1000, samples: 0, keyframes: 0, durationSeconds: 0 };
  if (ref.soundRate) info.sampleRate = ref.soundRate;
  if (ref.soundChannels) info.channels = ref.soundChannels;
  return info;
}

/** Facts a sequence header gives a track (codec string, picture size, sample rate). */
function configure(index: number, c: FlvConfig): void {
  const info = infos[index];
  if (!info) return;
  if (c.avc) info.codec = avcCodecString(c.avc.profileIndication, c.avc.profileCompatibility, c.avc.levelIndication);
  else if (c.hevc) info.codec = hevcCodecString(c.hevc);
  else if (c.audio) info.codec = aacCodecString(0x40, c.audio.audioObjectType);
  if (c.sps) Object.assign(info, { width: c.sps.width, height: c.sps.height });
  if (c.audio) Object.assign(info, { sampleRate: c.audio.samplingFrequency, channels: c.audio.channelConfiguration });
}

function contextOf(track: number, codec: string): SampleContext {
  const c = configs.get(track);
  const ctx: SampleContext = { codec: codec === 'avc1' ? 'h264' : codec === 'hvc1' ? 'hevc' : codec === 'mp4a' ? 'aac' : 'other', label: codec, track };
  if (c?.config.avc) ctx.avc = c.config.avc;
  if (c?.config.hevc) ctx.hevc = c.config.hevc;
  if (c?.config.audio) ctx.audio = c.config.audio;
  if (c) ctx.source = { name: 'sequence header', start: c.start, end: c.end };
  return ctx;
}

/** True when no chunk header of the message lies inside [start, end): the frame's bytes are one run. */
function contiguous(message: Node, start: number, end: number): boolean {
  return !message.children.some((c) => c.kind === 'chunk' && c.start > start && c.start < end);
}

function take(units: RtmpUnit[], out: { nodes: Node[]; packets: LivePacketRow[]; items: LiveMediaItem[] }): void {
  for (const unit of units) {
    const m = unit.message as RtmpMessageData | undefined;
    const flv = m?.flv;
    const tag = flv ? unit.node.children.find((c) => c.kind === 'tag') : undefined;
    if (m && flv && tag) {
      const before = tracks.tracks.length;
      const packets = tracks.packets(flv);
      for (let i = before; i < tracks.tracks.length; i++) {
        infos.push(trackInfo(i, tracks.tracks[i]!));
      }
      for (const c of flv.configs) {
        const index = tracks.indexOf(c);
        configs.set(index, { config: c, timestamp: m.timestamp, start: unit.node.start, end: unit.node.end });
        configure(index, c);
        const description = media && (c.kind === 'video' || c.kind === 'audio') ? configDescription(c) : undefined;
        if (description) out.items.push({ type: 'description', track: index, kind: c.kind as 'video' | 'audio', description, timestamp: m.timestamp });
      }
      const payloads = media && packets.length ? packetPayloads(m.payload, flv) : [];
      packets.forEach((p, i) => {
        out.packets.push({ track: p.track, dts: p.dts, pts: p.pts, offset: p.offset, size: p.size, keyframe: p.keyframe });
        const info = infos[p.track];
        if (info) {
          info.samples++;
          if (p.keyframe) info.keyframes++;
          info.durationSeconds = Math.max(info.durationSeconds, p.dts / 1000);
        }
        const data = payloads[i];
        if (data && (p.kind === 'video' || p.kind === 'audio')) out.items.push({ type: 'packet', track: p.track, kind: p.kind, dts: p.dts, pts: p.pts, keyframe: p.keyframe, data: data.slice(), end: unit.node.end });
        const from = p.offset - m.payloadOffset;
        if (!contiguous(unit.node, p.offset, p.offset + p.size) || from < 0 || from + p.size > m.payload.length) return;
        const holder = newNode('sample', 'sample', p.offset, p.offset + p.size);
        try {
          expandBytes(holder, m.payload.subarray(from, from + p.size), p.offset, contextOf(p.track, p.codec), OPTIONS);
          tag.children.push(...holder.children);
          tag.diagnostics.push(...holder.diagnostics);
        } catch {
          // A frame that cannot be opened stays as the tag's bytes; the tag itself is whole.
        }
      });
    }
    out.nodes.push(wireNode(unit.node));
  }
}

function post(message: FromLiveWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

function flush(units: RtmpUnit[]): void {
  const out = { nodes: [] as Node[], packets: [] as LivePacketRow[], items: [] as LiveMediaItem[] };
  take(units, out);
  const f = parser.failure;
  post({
    type: 'units',
    nodes: out.nodes,
    packets: out.packets,
    parsed: parser.offset,
    // Two or three small objects: sent every time, so sample counts and durations stay current.
    tracks: infos.map((t) => ({ ...t })),
    ...(f ? { failure: { code: f.code, message: f.message, start: f.start, end: f.end } } : {}),
  });
  if (out.items.length) post({ type: 'media', items: out.items }, out.items.flatMap((i) => (i.type === 'packet' ? [i.data.buffer as ArrayBuffer] : [])));
}

scope.onmessage = (e: MessageEvent<ToLiveWorker>) => {
  const m = e.data;
  if (m.type === 'bytes') {
    if (!ended) flush(parser.push(m.bytes));
  } else if (m.type === 'end') {
    if (!ended) {
      ended = true;
      flush(parser.end());
    }
  } else if (m.type === 'media') {
    media = m.on;
    if (!media) return;
    const items: LiveMediaItem[] = [];
    for (const [track, c] of configs) {
      const description = c.config.kind === 'video' || c.config.kind === 'audio' ? configDescription(c.config) : undefined;
      if (description) items.push({ type: 'description', track, kind: c.config.kind as 'video' | 'audio', description, timestamp: c.timestamp });
    }
    if (items.length) post({ type: 'media', items });
  }
};
