/**
 * Audio tag bodies: the legacy AudioTagHeader (FLV spec E.4.2.1) with AACAUDIODATA, and the
 * E-RTMP v2 ExAudioTagHeader (SoundFormat 9) with FourCC codecs, ModEx and multitrack.
 */
import type { FieldReader } from '../../model/field-reader.js';
import { type ExNames, type TrackTarget, forEachTrack, readModEx, readMultitrackHeader } from './enhanced.js';
import {
  AAC_PACKET_TYPES, APT, AUDIO_CHANNEL_ORDERS, AUDIO_CODEC_KEYS, AUDIO_FOURCCS, AUDIO_PACKET_TYPES, SOUND_FORMAT_AAC,
  SOUND_FORMAT_EX_HEADER, SOUND_FORMATS, SOUND_RATE_HZ, SOUND_RATES, SOUND_SIZES, SOUND_TYPES,
} from './flv-tables.js';
import type { TagScope } from './flv-tag.js';
import { readSequenceStart } from './sequence-start.js';
import { addPacket, addStream, readPayload } from './tag-payload.js';

const AUDIO_NAMES: ExNames = {
  packetType: 'audioPacketType',
  packetTypes: AUDIO_PACKET_TYPES,
  modExType: 'audioPacketModExType',
  multitrackType: 'audioMultitrackType',
  fourCc: 'audioFourCc',
  trackId: 'audioTrackId',
  sizeOfTrack: 'sizeOfAudioTrack',
};

/** Formats whose rate is fixed whatever SoundRate says. */
const FIXED_RATES: Readonly<Record<number, number>> = { 4: 16000, 5: 8000, 14: 8000 };

const fourCcName = (cc: string): string | undefined => AUDIO_FOURCCS[cc] ?? 'unknown FourCC';

export function readAudioBody(r: FieldReader, scope: TagScope): void {
  const format = r.u(4, 'SoundFormat', SOUND_FORMATS);
  if (format === SOUND_FORMAT_EX_HEADER) {
    readExAudio(r, scope);
    return;
  }
  const rate = r.u(2, 'SoundRate', SOUND_RATES);
  r.u(1, 'SoundSize', SOUND_SIZES);
  const type = r.u(1, 'SoundType', SOUND_TYPES);
  const codec = AUDIO_CODEC_KEYS[format] ?? `SoundFormat ${format}`;
  addStream(scope, { kind: 'audio', trackId: 0, codec, soundRate: FIXED_RATES[format] ?? SOUND_RATE_HZ[rate], soundChannels: type + 1 });
  const name = SOUND_FORMATS[format as 10] ?? `SoundFormat ${format}`;
  const facts = { kind: 'audio', trackId: 0, codec, cts: 0, keyframe: true } as const;
  if (format !== SOUND_FORMAT_AAC) {
    scope.describe(`${name} @ ${scope.data.timestamp} ms`);
    addPacket(scope, readPayload(r, scope, scope.bodyEnd), facts);
    return;
  }
  const packetType = r.u8('AACPacketType', AAC_PACKET_TYPES);
  if (packetType === 0) {
    scope.describe('AAC sequence header');
    readSequenceStart(r, scope, 'audio', 0, codec, scope.bodyEnd);
    return;
  }
  if (packetType !== 1) scope.report('warning', 'unknown-aac-packet-type', `AACPacketType ${packetType} is not 0 or 1; the rest is shown as bytes`, r.absByte - 1, r.absByte);
  scope.describe(`AAC raw @ ${scope.data.timestamp} ms`);
  const payload = readPayload(r, scope, scope.bodyEnd);
  if (packetType === 1) addPacket(scope, payload, facts);
}

/** ExAudioTagHeader and ExAudioTagBody (E-RTMP v2, Enhanced Audio). */
function readExAudio(r: FieldReader, scope: TagScope): void {
  let packetType = r.u(4, 'audioPacketType', AUDIO_PACKET_TYPES);
  packetType = readModEx(r, packetType, AUDIO_NAMES);
  let multitrackType: number | undefined;
  let fourCc = '';
  if (packetType === APT.Multitrack) {
    ({ multitrackType, packetType } = readMultitrackHeader(r, AUDIO_NAMES));
    if (multitrackType !== 2) fourCc = r.fourcc('audioFourCc', fourCcName);
  } else {
    fourCc = r.fourcc('audioFourCc', fourCcName);
  }
  const typeName = AUDIO_PACKET_TYPES[packetType as 0] ?? `audioPacketType ${packetType}`;
  scope.describe(`${AUDIO_FOURCCS[fourCc] ?? (fourCc || 'multitrack')} ${typeName}${multitrackType === undefined ? '' : ' (multitrack)'} @ ${scope.data.timestamp} ms`);
  forEachTrack(r, scope, multitrackType, fourCc, AUDIO_NAMES, (t) => readExAudioTrack(r, scope, packetType, t));
}

function readExAudioTrack(r: FieldReader, scope: TagScope, packetType: number, t: TrackTarget): void {
  addStream(scope, { kind: 'audio', trackId: t.trackId, codec: t.fourCc });
  switch (packetType) {
    case APT.SequenceStart:
      readSequenceStart(r, scope, 'audio', t.trackId, t.fourCc, t.end);
      return;
    case APT.CodedFrames:
      addPacket(scope, readPayload(r, scope, t.end), { kind: 'audio', trackId: t.trackId, codec: t.fourCc, cts: 0, keyframe: true });
      return;
    case APT.SequenceEnd:
      return;
    case APT.MultichannelConfig:
      readMultichannelConfig(r);
      return;
    default:
      scope.report('warning', 'unknown-audio-packet-type', `audioPacketType ${packetType} is reserved; the track's bytes are shown as bytes`, r.absByte, t.end);
      readPayload(r, scope, t.end, 'Data', 'reserved packet type');
  }
}

/** audioChannelOrder, channelCount, then a channel mapping (Custom) or channel flags (Native). */
function readMultichannelConfig(r: FieldReader): void {
  const order = r.u8('audioChannelOrder', AUDIO_CHANNEL_ORDERS);
  const count = r.u8('channelCount', (v) => `${v} channels`);
  if (order === 2) {
    // One byte per channel: the count is checked against the bytes before the table is read.
    const n = Math.min(count, r.bytesLeft);
    r.table('audioChannelMapping', n, () => r.u8('AudioChannel'));
  } else if (order === 1) {
    r.u32('audioChannelFlags', (v) => `0x${v.toString(16).padStart(8, '0')}`);
  }
}
