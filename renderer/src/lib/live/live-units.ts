/**
 * What a live session's worker makes of the RTMP units the push parser gives: tree nodes for the window
 * (each video or audio frame opened into its NAL units or AAC elements, read in payload coordinates and
 * moved to its bytes in the session, chunk headers inside a frame included), the packet rows, the tracks,
 * and, for a player that asked, the coded frames. It keeps no bytes: only decoder configurations and tracks.
 */
import { aacCodecString, avcCodecString, hevcCodecString } from '../../../../media/codecs/codec-string.js';
import type { FlvConfig, FlvStreamRef } from '../../../../media/formats/flv/flv-tag-data.js';
import type { RtmpMessageData } from '../../../../media/formats/rtmp/message-body.js';
import type { RtmpUnit } from '../../../../media/formats/rtmp/rtmp-push-parser.js';
import { RtmpTrackIndex } from '../../../../media/formats/rtmp/rtmp-tracks.js';
import { remapNode } from '../../../../media/formats/rtmp/segment-map.js';
import type { TrackInfo } from '../../../../media/model/document-model.js';
import { type Node, type ParseOptions, newNode } from '../../../../media/model/types.js';
import { packetPayloads } from '../../../../media/record/packet-payload.js';
import { configDescription } from '../../../../media/record/record-tracks.js';
import { expandBytes } from '../../../../media/samples/expand-sample.js';
import type { SampleContext } from '../../../../media/samples/sample-context.js';
import type { LiveMediaItem, LivePacketRow } from './live-protocol.js';
import { wireNode } from './live-tree.js';

const codecName = (codec: string): string => ({ avc1: 'h264', hvc1: 'hevc', mp4a: 'aac', av01: 'av1', '.mp3': 'mp3' })[codec] ?? codec;

export interface LiveUnitsOut {
  nodes: Node[];
  packets: LivePacketRow[];
  items: LiveMediaItem[];
}

export class LiveUnitReader {
  readonly tracks = new RtmpTrackIndex();
  readonly infos: TrackInfo[] = [];
  /** Latest decoder configuration per track, with the tag it came from. */
  readonly configs = new Map<number, { config: FlvConfig; timestamp: number; start: number; end: number }>();

  constructor(private readonly options: ParseOptions) {}

  /** The nodes (as they cross to the window), packets and, when `media` is on, the player's items of these units. */
  take(units: readonly RtmpUnit[], media: boolean): LiveUnitsOut {
    const out: LiveUnitsOut = { nodes: [], packets: [], items: [] };
    for (const unit of units) {
      const m = unit.message as RtmpMessageData | undefined;
      const flv = m?.flv;
      const tag = flv ? unit.node.children.find((c) => c.kind === 'tag') : undefined;
      if (m && flv && tag) this.takeTag(unit, m, tag, media, out);
      out.nodes.push(wireNode(unit.node));
    }
    return out;
  }

  /** The descriptions a player starting now needs first. */
  descriptions(): LiveMediaItem[] {
    const items: LiveMediaItem[] = [];
    for (const [track, c] of this.configs) {
      const description = c.config.kind === 'video' || c.config.kind === 'audio' ? configDescription(c.config) : undefined;
      if (description) items.push({ type: 'description', track, kind: c.config.kind as 'video' | 'audio', description, timestamp: c.timestamp });
    }
    return items;
  }

  private takeTag(unit: RtmpUnit, m: RtmpMessageData, tag: Node, media: boolean, out: LiveUnitsOut): void {
    const flv = m.flv!;
    const before = this.tracks.tracks.length;
    const packets = this.tracks.packets(flv);
    for (let i = before; i < this.tracks.tracks.length; i++) this.infos.push(trackInfo(i, this.tracks.tracks[i]!));
    for (const c of flv.configs) {
      const index = this.tracks.indexOf(c);
      this.configs.set(index, { config: c, timestamp: m.timestamp, start: unit.node.start, end: unit.node.end });
      this.configure(index, c);
      const description = media && (c.kind === 'video' || c.kind === 'audio') ? configDescription(c) : undefined;
      if (description) out.items.push({ type: 'description', track: index, kind: c.kind as 'video' | 'audio', description, timestamp: m.timestamp });
    }
    const payloads = packets.length ? packetPayloads(m.payload, flv) : [];
    packets.forEach((p, i) => {
      out.packets.push({ track: p.track, dts: p.dts, pts: p.pts, offset: p.offset, size: p.size, keyframe: p.keyframe });
      const info = this.infos[p.track];
      if (info) {
        info.samples++;
        if (p.keyframe) info.keyframes++;
        info.durationSeconds = Math.max(info.durationSeconds, p.dts / 1000);
      }
      const data = payloads[i];
      if (!data) return;
      if (media && (p.kind === 'video' || p.kind === 'audio')) out.items.push({ type: 'packet', track: p.track, kind: p.kind, dts: p.dts, pts: p.pts, keyframe: p.keyframe, data: data.slice(), end: unit.node.end });
      // Read in payload coordinates, then moved to the session: a frame split by chunk headers opens too.
      const from = data.byteOffset - m.payload.byteOffset;
      const holder = newNode('sample', 'sample', from, from + data.length);
      try {
        expandBytes(holder, data, from, this.contextOf(p.track, p.codec), this.options);
        remapNode(holder, m.map);
        tag.children.push(...holder.children);
        tag.diagnostics.push(...holder.diagnostics);
      } catch {
        // A frame that cannot be opened stays as the tag's bytes; the tag itself is whole.
      }
    });
  }

  /** Facts a sequence header gives a track (codec string, picture size, sample rate). */
  private configure(index: number, c: FlvConfig): void {
    const info = this.infos[index];
    if (!info) return;
    if (c.avc) info.codec = avcCodecString(c.avc.profileIndication, c.avc.profileCompatibility, c.avc.levelIndication);
    else if (c.hevc) info.codec = hevcCodecString(c.hevc);
    else if (c.audio) info.codec = aacCodecString(0x40, c.audio.audioObjectType);
    if (c.sps) Object.assign(info, { width: c.sps.width, height: c.sps.height });
    if (c.audio) Object.assign(info, { sampleRate: c.audio.samplingFrequency, channels: c.audio.channelConfiguration });
  }

  private contextOf(track: number, codec: string): SampleContext {
    const c = this.configs.get(track);
    const ctx: SampleContext = { codec: codec === 'avc1' ? 'h264' : codec === 'hvc1' ? 'hevc' : codec === 'mp4a' ? 'aac' : 'other', label: codec, track };
    if (c?.config.avc) ctx.avc = c.config.avc;
    if (c?.config.hevc) ctx.hevc = c.config.hevc;
    if (c?.config.audio) ctx.audio = c.config.audio;
    if (c) ctx.source = { name: 'sequence header', start: c.start, end: c.end };
    return ctx;
  }
}

function trackInfo(index: number, ref: FlvStreamRef): TrackInfo {
  const info: TrackInfo = { id: index + 1, kind: ref.kind, codecName: codecName(ref.codec), codec: ref.codec, timescale: 1000, samples: 0, keyframes: 0, durationSeconds: 0 };
  if (ref.soundRate) info.sampleRate = ref.soundRate;
  if (ref.soundChannels) info.channels = ref.soundChannels;
  return info;
}
