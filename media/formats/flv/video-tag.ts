/**
 * Video tag bodies: the legacy VideoTagHeader (FLV spec E.4.3.1) with AVCVIDEOPACKET (and the
 * same layout for the HEVC CodecID 12 extension), and the E-RTMP v2 ExVideoTagHeader
 * (IsExHeader bit) with FourCC codecs, ModEx, commands, metadata and multitrack.
 */
import type { FieldReader } from '../../model/field-reader.js';
import { newAmfContext } from '../amf/amf-value.js';
import { readAmf0Values } from '../amf/amf0.js';
import { type ExNames, type TrackTarget, forEachTrack, readModEx, readMultitrackHeader } from './enhanced.js';
import {
  AVC_PACKET_TYPES, CODEC_AVC, CODEC_HEVC, CODEC_IDS, FRAME_COMMAND, FRAME_KEY, FRAME_TYPES, VIDEO_CODEC_KEYS, VIDEO_COMMANDS,
  VIDEO_FOURCCS, VIDEO_PACKET_TYPES, VPT,
} from './flv-tables.js';
import type { TagScope } from './flv-tag.js';
import { readSequenceStart } from './sequence-start.js';
import { addPacket, addStream, msDisplay, readPayload } from './tag-payload.js';

const VIDEO_NAMES: ExNames = {
  packetType: 'videoPacketType',
  packetTypes: VIDEO_PACKET_TYPES,
  modExType: 'videoPacketModExType',
  multitrackType: 'videoMultitrackType',
  fourCc: 'videoFourCc',
  trackId: 'videoTrackId',
  sizeOfTrack: 'sizeOfVideoTrack',
};

const fourCcName = (cc: string): string | undefined => VIDEO_FOURCCS[cc] ?? 'unknown FourCC';
const frameTypeName = (v: number): string => FRAME_TYPES[v as 1] ?? 'reserved';

export function readVideoBody(r: FieldReader, scope: TagScope): void {
  // The top bit of the first byte is IsExHeader in E-RTMP; legacy FrameTypes (1 to 5) leave it clear.
  const first = r.data[r.pos >>> 3];
  if (first !== undefined && (first & 0x80) !== 0) {
    readExVideo(r, scope);
    return;
  }
  const frameType = r.u(4, 'FrameType', FRAME_TYPES);
  const codecId = r.u(4, 'CodecID', CODEC_IDS);
  const codec = VIDEO_CODEC_KEYS[codecId] ?? `CodecID ${codecId}`;
  addStream(scope, { kind: 'video', trackId: 0, codec });
  const facts = { kind: 'video', trackId: 0, codec, cts: 0, keyframe: frameType === FRAME_KEY } as const;
  const ts = scope.data.timestamp;
  const codecName = CODEC_IDS[codecId as 7] ?? `CodecID ${codecId}`;

  if (codecId === CODEC_AVC || codecId === CODEC_HEVC) {
    const packetType = r.u8('AVCPacketType', AVC_PACKET_TYPES);
    const cts = r.i(24, 'CompositionTime', (v) => `${v} ms (pts = dts + CompositionTime)`);
    if (frameType === FRAME_COMMAND) {
      readCommand(r, scope, `${codecName} info/command frame`, 'VideoCommand');
      return;
    }
    if (packetType === 0) {
      scope.describe(`${codecName} sequence header`);
      readSequenceStart(r, scope, 'video', 0, codec, scope.bodyEnd);
      return;
    }
    if (packetType === 2) {
      scope.describe(`${codecName} end of sequence @ ${ts} ms`);
      return;
    }
    if (packetType !== 1) scope.report('warning', 'unknown-avc-packet-type', `AVCPacketType ${packetType} is not 0, 1 or 2; the rest is shown as bytes`);
    scope.describe(`${codecName} NALU, ${frameTypeName(frameType)} @ ${ts} ms${cts !== 0 ? ` (pts ${ts + cts})` : ''}`);
    const payload = readPayload(r, scope, scope.bodyEnd, 'Data', 'NAL units, each after its length');
    if (packetType === 1) addPacket(scope, payload, { ...facts, cts });
    return;
  }

  if (frameType === FRAME_COMMAND) {
    readCommand(r, scope, `${codecName} info/command frame`, 'VideoCommand');
    return;
  }
  scope.describe(`${codecName}, ${frameTypeName(frameType)} @ ${ts} ms`);
  if (codecId === 4 || codecId === 5) {
    // VP6FLVVIDEOPACKET / VP6FLVALPHAVIDEOPACKET: the adjustment byte is not part of the frame.
    r.u(4, 'HorizontalAdjustment');
    r.u(4, 'VerticalAdjustment');
  }
  addPacket(scope, readPayload(r, scope, scope.bodyEnd), facts);
}

/** A video info/command frame: one UI8 instead of a payload (0 start, 1 end of client-side seeking). */
function readCommand(r: FieldReader, scope: TagScope, title: string, name: string): void {
  scope.describe(`${title} @ ${scope.data.timestamp} ms`);
  if (r.bytesLeft > 0) r.u8(name, VIDEO_COMMANDS);
}

/** ExVideoTagHeader and ExVideoTagBody (E-RTMP v2, Enhanced Video). */
function readExVideo(r: FieldReader, scope: TagScope): void {
  r.u(1, 'isExVideoHeader', { 1: 'enhanced (E-RTMP) header' });
  const frameType = r.u(3, 'videoFrameType', FRAME_TYPES);
  let packetType = r.u(4, 'videoPacketType', VIDEO_PACKET_TYPES);
  packetType = readModEx(r, packetType, VIDEO_NAMES);
  if (packetType !== VPT.Metadata && frameType === FRAME_COMMAND) {
    readCommand(r, scope, 'video command frame', 'videoCommand');
    return;
  }
  let multitrackType: number | undefined;
  let fourCc = '';
  if (packetType === VPT.Multitrack) {
    ({ multitrackType, packetType } = readMultitrackHeader(r, VIDEO_NAMES));
    if (multitrackType !== 2) fourCc = r.fourcc('videoFourCc', fourCcName);
  } else {
    fourCc = r.fourcc('videoFourCc', fourCcName);
  }
  const typeName = VIDEO_PACKET_TYPES[packetType as 0] ?? `videoPacketType ${packetType}`;
  const frameName = packetType === VPT.CodedFrames || packetType === VPT.CodedFramesX ? `, ${frameTypeName(frameType)}` : '';
  scope.describe(`${VIDEO_FOURCCS[fourCc] ?? (fourCc || 'multitrack')} ${typeName}${frameName}${multitrackType === undefined ? '' : ' (multitrack)'} @ ${scope.data.timestamp} ms`);
  forEachTrack(r, scope, multitrackType, fourCc, VIDEO_NAMES, (t) => readExVideoTrack(r, scope, packetType, frameType, t));
}

function readExVideoTrack(r: FieldReader, scope: TagScope, packetType: number, frameType: number, t: TrackTarget): void {
  if (packetType !== VPT.Metadata) addStream(scope, { kind: 'video', trackId: t.trackId, codec: t.fourCc });
  const facts = { kind: 'video', trackId: t.trackId, codec: t.fourCc, cts: 0, keyframe: frameType === FRAME_KEY } as const;
  switch (packetType) {
    case VPT.SequenceStart:
      readSequenceStart(r, scope, 'video', t.trackId, t.fourCc, t.end);
      return;
    case VPT.CodedFrames: {
      // Only AVC and HEVC carry a composition time; other codecs' frames start at once.
      const cts = t.fourCc === 'avc1' || t.fourCc === 'hvc1' ? r.i(24, 'compositionTimeOffset', msDisplay) : 0;
      addPacket(scope, readPayload(r, scope, t.end), { ...facts, cts });
      return;
    }
    case VPT.CodedFramesX:
      addPacket(scope, readPayload(r, scope, t.end), facts);
      return;
    case VPT.SequenceEnd:
      return;
    case VPT.Metadata: {
      // AMF-encoded video metadata (colorInfo ...): the name, then an object.
      const ctx = newAmfContext(scope.node.diagnostics);
      readAmf0Values(r, ctx, (i) => (i === 0 ? 'name' : `value[${i - 1}]`));
      scope.coveredTo = Math.max(scope.coveredTo, r.absByte);
      return;
    }
    case VPT.Mpeg2TsSequenceStart:
      readPayload(r, scope, t.end, 'AV1VideoDescriptor', 'not decoded');
      return;
    default:
      scope.report('warning', 'unknown-video-packet-type', `videoPacketType ${packetType} is reserved; the track's bytes are shown as bytes`, r.absByte, t.end);
      readPayload(r, scope, t.end, 'Data', 'reserved packet type');
  }
}
