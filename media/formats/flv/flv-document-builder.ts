/**
 * Gathers FLV units (from a file or a live push parser) into a MediaDocument: the tree, the
 * packet table in file order, and the tracks with their facts from the sequence headers
 * (codec string, SPS picture size, AudioSpecificConfig rate and channels) and onMetaData.
 */
import { aacCodecString, avcCodecString, hevcCodecString } from '../../codecs/codec-string.js';
import { type MediaDocument, PacketTableBuilder, type TrackInfo } from '../../model/document-model.js';
import { type Node, diagnostic } from '../../model/types.js';
import { type AmfValue, amfGet } from '../amf/amf-value.js';
import type { FlvUnit } from './flv-push-parser.js';
import { type FlvConfig, type FlvStreamRef, type FlvTagData, trackKey } from './flv-tag-data.js';
import { CODEC_NAMES } from './flv-tables.js';

interface TrackStats {
  samples: number;
  keyframes: number;
  firstDts: number;
  lastDts: number;
  /** Gap between the last two packets: the last packet's duration, for the span. */
  lastDelta: number;
  /** How often each DTS step occurs, for a frame rate when onMetaData has none. */
  deltas: Map<number, number>;
}

const CODEC_STRINGS: Readonly<Record<string, string>> = { '.mp3': 'mp4a.6B', Opus: 'opus', fLaC: 'flac', 'ac-3': 'ac-3', 'ec-3': 'ec-3' };

export class FlvDocumentBuilder {
  readonly tree: Node[] = [];
  private readonly packets = new PacketTableBuilder();
  private readonly stats: TrackStats[] = [];
  private readonly configs = new Map<string, FlvConfig>();
  private metadata: AmfValue;

  add(units: readonly FlvUnit[]): void {
    for (const unit of units) {
      this.tree.push(unit.node);
      const data = unit.node.data as FlvTagData | undefined;
      for (const c of data?.configs ?? []) {
        const key = trackKey(c.kind, c.trackId);
        if (!this.configs.has(key)) this.configs.set(key, c);
      }
      if (data?.script?.name === 'onMetaData' && this.metadata === undefined) this.metadata = data.script.values[0];
      for (const p of unit.packets) {
        checkDtsOrder(unit.node, this.stats[p.track], p.dts);
        this.packets.push(p.track, p.dts, p.pts, p.offset, p.size, p.keyframe);
        this.count(p.track, p.dts, p.keyframe);
      }
    }
  }

  private count(track: number, dts: number, keyframe: boolean): void {
    let s = this.stats[track];
    if (!s) {
      s = { samples: 0, keyframes: 0, firstDts: dts, lastDts: dts, lastDelta: 0, deltas: new Map() };
      this.stats[track] = s;
    }
    if (s.samples > 0) {
      s.lastDelta = dts - s.lastDts;
      s.deltas.set(s.lastDelta, (s.deltas.get(s.lastDelta) ?? 0) + 1);
    }
    s.samples++;
    if (keyframe) s.keyframes++;
    s.lastDts = dts;
  }

  finish(size: number, tracks: readonly FlvStreamRef[]): MediaDocument {
    return {
      format: 'flv',
      size,
      tree: this.tree,
      diagnostics: [],
      tracks: tracks.map((ref, i) => this.trackInfo(ref, i)),
      packets: this.packets.finish(),
    };
  }

  private trackInfo(ref: FlvStreamRef, index: number): TrackInfo {
    const s = this.stats[index];
    const config = this.configs.get(trackKey(ref.kind, ref.trackId));
    const info: TrackInfo = {
      id: index + 1,
      kind: ref.kind,
      codecName: CODEC_NAMES[ref.codec] ?? ref.codec,
      codec: codecString(ref.codec, config),
      timescale: 1000,
      samples: s?.samples ?? 0,
      keyframes: s?.keyframes ?? 0,
      durationSeconds: s ? (s.lastDts + s.lastDelta - s.firstDts) / 1000 : 0,
    };
    // Metadata describes the default track only; E-RTMP extra tracks have their own configs.
    const meta = ref.trackId === 0 ? this.metadata : undefined;
    if (ref.kind === 'video') {
      const width = config?.sps?.width ?? numberOf(amfGet(meta, 'width'));
      const height = config?.sps?.height ?? numberOf(amfGet(meta, 'height'));
      if (width !== undefined) info.width = width;
      if (height !== undefined) info.height = height;
      const rate = frameRate(numberOf(amfGet(meta, 'framerate')), s);
      if (rate) info.frameRate = rate;
    } else {
      const audio = config?.audio;
      const sampleRate = audio ? (audio.sbr && audio.extensionSamplingFrequency ? audio.extensionSamplingFrequency : audio.samplingFrequency) : ref.soundRate;
      const channels = audio ? (audio.ps ? 2 : audio.channelConfiguration || undefined) : ref.soundChannels;
      if (sampleRate) info.sampleRate = sampleRate;
      if (channels) info.channels = channels;
    }
    return info;
  }
}

/** Validation: decode times of a track never go back (a timestamp reset or a muxer bug otherwise). */
function checkDtsOrder(node: Node, stats: TrackStats | undefined, dts: number): void {
  if (!stats || dts >= stats.lastDts) return;
  node.diagnostics.push(diagnostic('warning', 'non-monotonic-dts', `the timestamp ${dts} ms goes back from ${stats.lastDts} ms in this track`, node.start + 4, node.start + 8));
}

function codecString(codec: string, config: FlvConfig | undefined): string {
  if (config?.avc) return avcCodecString(config.avc.profileIndication, config.avc.profileCompatibility, config.avc.levelIndication);
  if (config?.hevc) return hevcCodecString(config.hevc);
  if (config?.audio) return aacCodecString(0x40, config.audio.audioObjectType);
  if (codec === 'mp4a') return 'mp4a.40.2';
  return CODEC_STRINGS[codec] ?? codec;
}

function numberOf(v: AmfValue): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}

/** onMetaData framerate as a fraction (29.97 -> 30000/1001), else the most common DTS step. */
function frameRate(fps: number | undefined, s: TrackStats | undefined): [number, number] | undefined {
  if (fps !== undefined) {
    if (Number.isInteger(fps)) return [fps, 1];
    const ntsc = Math.round((fps * 1001) / 1000);
    if (Math.abs((ntsc * 1000) / 1001 - fps) < 0.01) return [ntsc * 1000, 1001];
    return [Math.round(fps * 1000), 1000];
  }
  if (!s || s.deltas.size === 0) return undefined;
  let best = 0;
  let seen = 0;
  for (const [delta, n] of s.deltas) if (n > seen && delta > 0) [best, seen] = [delta, n];
  return best > 0 ? [1000, best] : undefined;
}
