/**
 * One publish: the FLV tags of a publisher's audio, video and data messages, with the events the
 * recorder and the Live tab subscribe to (tags in batches, sequence headers, metadata, statistics,
 * the RTMP wire nodes and raw bytes of the connection, the end).
 */
import type { LiveSessionInfo, LiveStats, LiveTagSummary } from '../../api.js';
import { aacCodecString, avcCodecString, hevcCodecString } from '../../../media/codecs/codec-string.js';
import type { AmfValue } from '../../../media/formats/amf/amf-value.js';
import { amfGet } from '../../../media/formats/amf/amf-value.js';
import type { IndexedPacket } from '../../../media/formats/flv/flv-push-parser.js';
import type { FlvConfig, FlvTagData } from '../../../media/formats/flv/flv-tag-data.js';
import type { RtmpMessageData } from '../../../media/formats/rtmp/message-body.js';
import { RtmpTrackIndex } from '../../../media/formats/rtmp/rtmp-tracks.js';
import type { Node } from '../../../media/model/types.js';
import type { GrowingSource } from '../../../media/source/growing-source.js';
import { escapeText } from '../escape-text.js';
import { LiveStatsTracker } from './live-stats.js';
import { TypedEmitter } from './typed-emitter.js';

export interface LiveTag {
  kind: 'audio' | 'video' | 'data';
  /** ms, the RTMP message timestamp (= the FLV tag timestamp). */
  timestamp: number;
  /** The FLV tag body: the message payload (for data, without a leading '@setDataFrame'). */
  body: Uint8Array;
  /** What the FLV tag reader found (packets, configs, script values). */
  flv: FlvTagData;
  /** Coded frames, with track numbers in `session.tracks`; offsets in the client byte stream. */
  packets: IndexedPacket[];
  /** The message node: chunk headers and the FLV tag node, at offsets in the client byte stream. */
  node: Node;
  /** Offset of the first payload byte in the client byte stream. */
  offset: number;
}

export interface SequenceHeader {
  config: FlvConfig;
  codecString?: string;
  tag: LiveTag;
}

export interface LiveSessionEvents {
  tags: [LiveTag[]];
  'sequence-header': [SequenceHeader];
  metadata: [AmfValue];
  /** Every RTMP node of the connection after the publish, in stream order (see `preamble` for before). */
  wire: [Node[]];
  /** Raw client bytes as they arrive, with their offset in the client byte stream. */
  data: [Uint8Array, number];
  stats: [LiveStats];
  end: [string];
}

/** '@setDataFrame' as an AMF0 string: 02, length 13, the text. */
const SET_DATA_FRAME = [0x02, 0x00, 0x0d, ...[...'@setDataFrame'].map((c) => c.charCodeAt(0))];
const BATCH_MS = 100;
const BATCH_TAGS = 64;
const STATS_MS = 1000;
/** Sequence headers kept (a client may send a new one any time; old ones go). */
const MAX_CONFIGS = 32;
/** Longest encoder name kept from onMetaData (longer ones are cut, as the connect texts are). */
const MAX_ENCODER = 1024;

export class LiveSession extends TypedEmitter<LiveSessionEvents> {
  readonly tracks = new RtmpTrackIndex();
  readonly configs: SequenceHeader[] = [];
  metadata: AmfValue;
  ended = false;
  endReason = '';
  private readonly statsTracker = new LiveStatsTracker();
  private pending: LiveTag[] = [];
  private pendingWire: Node[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly statsTimer: ReturnType<typeof setInterval>;

  constructor(
    readonly info: LiveSessionInfo,
    /** The connection's nodes from the first handshake byte to the publish command. */
    readonly preamble: Node[],
    /** The connection's client bytes from its first byte, when the server keeps them (shared by its sessions). */
    private readonly connection?: { readonly bytes: GrowingSource | undefined; readonly bytesCapped: boolean },
  ) {
    super();
    this.statsTimer = setInterval(() => this.emit('stats', this.stats()), STATS_MS);
    this.statsTimer.unref?.();
  }

  /** Every client byte of the connection so far (offsets as in the nodes), when the server keeps them. */
  get bytes(): GrowingSource | undefined {
    return this.connection?.bytes;
  }

  /** True when the connection sent more than the server keeps in memory: `bytes` stopped there. */
  get bytesCapped(): boolean {
    return this.connection?.bytesCapped ?? false;
  }

  stats(): LiveStats {
    return this.statsTracker.snapshot(Date.now());
  }

  /** Client bytes of the connection (counted for the bitrate, passed on for the hex view). */
  received(bytes: Uint8Array, offset: number): void {
    if (this.ended) return;
    this.statsTracker.received(bytes.length, Date.now());
    this.emit('data', bytes, offset);
  }

  wire(node: Node): void {
    if (this.ended) return;
    this.pendingWire.push(node);
    this.schedule();
  }

  /** An audio, video or data message of the published stream. */
  message(m: RtmpMessageData, node: Node): void {
    if (this.ended || !m.flv) return;
    const kind = m.typeId === 8 ? 'audio' : m.typeId === 9 ? 'video' : 'data';
    let body = m.payload;
    if (kind === 'data' && SET_DATA_FRAME.every((b, i) => body[i] === b)) body = body.subarray(SET_DATA_FRAME.length);
    const tag: LiveTag = { kind, timestamp: m.timestamp, body, flv: m.flv, packets: this.tracks.packets(m.flv), node, offset: m.payloadOffset };
    for (const p of tag.packets) this.statsTracker.frame(p.kind, p.dts, p.size, p.keyframe);
    for (const config of m.flv.configs) this.sequenceHeader(config, tag);
    const script = m.flv.script;
    if (script) {
      const values = script.name === '@setDataFrame' ? script.values.slice(1) : script.values;
      const name = script.name === '@setDataFrame' ? script.values[0] : script.name;
      if (name === 'onMetaData' && values[0] !== undefined) {
        this.metadata = values[0];
        const encoder = amfGet(values[0], 'encoder');
        if (typeof encoder === 'string' && !this.info.encoder) this.info.encoder = escapeText(encoder.slice(0, MAX_ENCODER));
        this.emit('metadata', values[0]);
      }
    }
    this.pending.push(tag);
    this.schedule();
  }

  private sequenceHeader(config: FlvConfig, tag: LiveTag): void {
    const h: SequenceHeader = { config, tag };
    if (config.avc) h.codecString = avcCodecString(config.avc.profileIndication, config.avc.profileCompatibility, config.avc.levelIndication);
    else if (config.hevc) h.codecString = hevcCodecString(config.hevc);
    else if (config.audio) h.codecString = aacCodecString(0x40, config.audio.audioObjectType);
    if (config.kind === 'video') {
      this.info.video = { codec: escapeText(config.codec), ...(h.codecString ? { codecString: h.codecString } : {}) };
      if (config.sps) Object.assign(this.info.video, { width: config.sps.width, height: config.sps.height });
    } else {
      this.info.audio = { codec: escapeText(config.codec), ...(h.codecString ? { codecString: h.codecString } : {}) };
      if (config.audio) Object.assign(this.info.audio, { sampleRate: config.audio.samplingFrequency, channels: config.audio.channelConfiguration });
    }
    this.configs.push(h);
    if (this.configs.length > MAX_CONFIGS) this.configs.shift();
    this.flush();
    this.emit('sequence-header', h);
  }

  private schedule(): void {
    if (this.pending.length >= BATCH_TAGS) {
      this.flush();
      return;
    }
    if (!this.flushTimer) this.flushTimer = setTimeout(() => this.flush(), BATCH_MS);
  }

  /** Emits what is pending now (tags always after the wire nodes that carried them). */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pendingWire.length > 0) {
      const wire = this.pendingWire;
      this.pendingWire = [];
      this.emit('wire', wire);
    }
    if (this.pending.length > 0) {
      const tags = this.pending;
      this.pending = [];
      this.emit('tags', tags);
    }
  }

  end(reason: string): void {
    if (this.ended) return;
    this.flush();
    this.ended = true;
    this.endReason = reason;
    clearInterval(this.statsTimer);
    this.emit('stats', this.stats());
    this.emit('end', reason);
  }
}

/** A tag as the renderer lists it. */
export function tagSummary(tag: LiveTag): LiveTagSummary {
  const tagNode = tag.node.children.find((c) => c.kind === 'tag');
  return {
    kind: tag.kind,
    timestamp: tag.timestamp,
    size: tag.body.length,
    offset: tag.offset,
    keyframe: tag.packets.some((p) => p.keyframe),
    sequenceHeader: tag.flv.configs.length > 0,
    title: tagNode?.title ?? tagNode?.name ?? tag.kind,
  };
}
