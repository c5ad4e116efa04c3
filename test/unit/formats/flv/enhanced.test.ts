import { describe, expect, it } from 'vitest';
import type { FlvTagData } from '../../../../media/formats/flv/flv-tag-data.js';
import { codes, document, field, flv, tag, units } from './flv-bytes.js';
import { ascii, u24 } from '../../../helpers/bytes.js';

/** Absolute offset of the first body byte of the first tag after the file header. */
const BODY = 13 + 11;

/** A minimal HEVCDecoderConfigurationRecord: Main profile, level 3.1, 4-byte lengths, no arrays. */
const HVCC = [
  0x01, // configurationVersion
  0x01, // general_profile_space 0, general_tier_flag 0, general_profile_idc 1 (Main)
  0x60, 0x00, 0x00, 0x00, // general_profile_compatibility_flags (Main, Main 10)
  0x90, 0x00, 0x00, 0x00, 0x00, 0x00, // general_constraint_indicator_flags
  0x5d, // general_level_idc 93 (3.1)
  0xf0, 0x00, // reserved 1111, min_spatial_segmentation_idc 0
  0xfc, // reserved, parallelismType 0
  0xfd, // reserved, chromaFormat 1 (4:2:0)
  0xf8, // reserved, bitDepthLumaMinus8 0
  0xf8, // reserved, bitDepthChromaMinus8 0
  0x00, 0x00, // avgFrameRate 0
  0x0f, // constantFrameRate 0, numTemporalLayers 1, temporalIdNested 1, lengthSizeMinusOne 3
  0x00, // numOfArrays 0
];

describe('enhanced video (E-RTMP v2)', () => {
  it('reads an hvc1 SequenceStart with the HEVC record reader', () => {
    const t = units(flv(tag(9, 0, [
      0x90, // isExVideoHeader 1, videoFrameType 1 (key), videoPacketType 0 (SequenceStart)
      ...ascii('hvc1'), // videoFourCc
      ...HVCC,
    ])))[1]!;
    expect(t.node.fields.slice(8, 12).map((f) => [f.name, f.value])).toEqual([
      ['isExVideoHeader', 1],
      ['videoFrameType', 1],
      ['videoPacketType', 0],
      ['videoFourCc', 'hvc1'],
    ]);
    expect(field(t.node, 'videoFourCc')!.display).toBe('H.265/HEVC');
    const record = field(t.node, 'HEVCDecoderConfigurationRecord')!;
    expect(field(record, 'general_level_idc')!.value).toBe(93);
    expect((t.node.data as FlvTagData).configs[0]).toMatchObject({ kind: 'video', codec: 'hvc1', hevc: { generalProfileIdc: 1, lengthSize: 4 } });
    expect(codes(t.node)).toEqual([]);
  });

  it('reads CodedFrames of hvc1 with a SI24 composition time, and CodedFramesX without', () => {
    const doc = document(flv(
      tag(9, 0, [0x90, ...ascii('hvc1'), ...HVCC]),
      tag(9, 40, [
        0x91, // key frame, CodedFrames
        ...ascii('hvc1'),
        0xff, 0xff, 0xec, // compositionTimeOffset -20
        0x00, 0x00, 0x00, 0x00, // payload (4 bytes)
      ]),
      tag(9, 80, [0xa3, ...ascii('hvc1'), 0x00, 0x00]), // inter frame, CodedFramesX, 2 payload bytes
    ));
    expect(doc.tracks).toEqual([expect.objectContaining({ kind: 'video', codecName: 'hevc', codec: 'hvc1.1.6.L93.90', samples: 2, keyframes: 1 })]);
    const second = BODY + 5 + HVCC.length + 4; // the second tag starts after the first one's body and PreviousTagSize
    const p = doc.packets;
    expect([p.dts[0], p.pts[0], p.offset[0], p.size[0], p.keyframe[0]]).toEqual([40, 20, second + 11 + 8, 4, 1]);
    expect([p.dts[1], p.pts[1], p.size[1], p.keyframe[1]]).toEqual([80, 80, 2, 0]);
  });

  it('reads a ModEx TimestampOffsetNano before the real packet type', () => {
    const t = units(flv(tag(9, 0, [
      0x97, // key frame, videoPacketType 7 (ModEx)
      0x02, // modExDataSize 3 (UI8 + 1)
      0x00, 0x01, 0xf4, // modExData: 500 ns
      0x01, // videoPacketModExType 0 (TimestampOffsetNano), videoPacketType 1 (CodedFrames)
      ...ascii('avc1'),
      0x00, 0x00, 0x00, // compositionTimeOffset 0
      0xaa, // payload
    ])))[1]!;
    const modEx = field(t.node, 'ModEx[0]')!;
    expect(modEx.fields!.map((f) => [f.name, f.value])).toEqual([
      ['modExDataSize', 2],
      ['modExData', Uint8Array.from([0x00, 0x01, 0xf4])],
      ['videoPacketModExType', 0],
      ['timestampOffsetNano', 500],
      ['videoPacketType', 1],
    ]);
    expect(t.packets[0]).toMatchObject({ codec: 'avc1', offset: BODY + 6 + 4 + 3, size: 1, keyframe: true });
  });

  it('reads a ManyTracks multitrack tag: one packet and one track per videoTrackId', () => {
    const doc = document(flv(tag(9, 0, [
      0x96, // key frame, videoPacketType 6 (Multitrack)
      0x11, // videoMultitrackType 1 (ManyTracks), videoPacketType 1 (CodedFrames)
      ...ascii('avc1'),
      0x00, ...u24(5), 0x00, 0x00, 0x00, 0xaa, 0xbb, // videoTrackId 0, sizeOfVideoTrack 5: cts 0, 2 payload bytes
      0x01, ...u24(4), 0x00, 0x00, 0x01, 0xcc, // videoTrackId 1, sizeOfVideoTrack 4: cts 1, 1 payload byte
    ])));
    expect(doc.tracks.map((t) => [t.id, t.kind, t.codecName, t.samples])).toEqual([[1, 'video', 'h264', 1], [2, 'video', 'h264', 1]]);
    expect([...doc.packets.track]).toEqual([0, 1]);
    expect([...doc.packets.offset]).toEqual([BODY + 6 + 4 + 3, BODY + 6 + 9 + 4 + 3]);
    expect([...doc.packets.pts]).toEqual([0, 1]);
    const t = doc.tree[1]!;
    expect(field(field(t, 'track[1]')!, 'videoTrackId')!.value).toBe(1);
  });

  it('clamps a track size that runs past the tag', () => {
    const t = units(flv(tag(9, 0, [0x96, 0x13, ...ascii('av01'), 0x00, ...u24(50), 0xaa])))[1]!;
    expect(codes(t.node)).toEqual(['track-size-beyond-tag']);
    expect(t.packets[0]).toMatchObject({ codec: 'av01', size: 1 });
  });

  it('reads a command frame as videoCommand, without a packet', () => {
    const t = units(flv(tag(9, 0, [0xd1, 0x01])))[1]!; // videoFrameType 5 (command), CodedFrames; videoCommand 1
    expect(field(t.node, 'videoCommand')).toMatchObject({ value: 1, display: 'EndSeek' });
    expect(t.packets).toEqual([]);
  });
});

describe('enhanced audio (E-RTMP v2)', () => {
  it('reads an mp4a SequenceStart: the track takes rate and channels from the AudioSpecificConfig', () => {
    const doc = document(flv(
      tag(8, 0, [
        0x90, // SoundFormat 9 (ExHeader), audioPacketType 0 (SequenceStart)
        ...ascii('mp4a'), // audioFourCc
        0x11, 0x90, // AudioSpecificConfig: AAC LC, 48000 Hz, 2 channels
      ]),
      tag(8, 21, [0x91, ...ascii('mp4a'), 0x21, 0x00]), // CodedFrames, 2 payload bytes
    ));
    expect(doc.tracks).toEqual([expect.objectContaining({ kind: 'audio', codecName: 'aac', codec: 'mp4a.40.2', sampleRate: 48000, channels: 2, samples: 1 })]);
    expect(field(doc.tree[1]!, 'audioFourCc')!.display).toBe('AAC');
    expect(doc.packets.offset[0]).toBe(BODY + 7 + 4 + 11 + 5); // second tag's body, after its 5-byte ExAudioTagHeader
  });

  it('shows an Opus header as an undecoded record and reads a custom multichannel config', () => {
    const all = units(flv(
      tag(8, 0, [0x90, ...ascii('Opus'), ...ascii('OpusHead'), 0x01, 0x02]),
      tag(8, 0, [
        0x94, // audioPacketType 4 (MultichannelConfig)
        ...ascii('Opus'),
        0x02, // audioChannelOrder 2 (Custom)
        0x02, // channelCount 2
        0x00, 0x01, // audioChannelMapping: FrontLeft, FrontRight
      ]),
    ));
    expect(field(all[1]!.node, 'OpusHead')).toMatchObject({ display: 'not decoded', bitLength: 10 * 8 });
    const mapping = field(all[2]!.node, 'audioChannelMapping')!;
    expect(mapping.fields!.map((f) => f.value)).toEqual([0, 1]);
    expect(codes(all[2]!.node)).toEqual([]);
  });

  it('reads a ManyTracksManyCodecs multitrack tag with a FourCC per track', () => {
    const t = units(flv(tag(8, 10, [
      0x95, // audioPacketType 5 (Multitrack)
      0x21, // audioMultitrackType 2 (ManyTracksManyCodecs), audioPacketType 1 (CodedFrames)
      ...ascii('Opus'), 0x01, ...u24(2), 0xaa, 0xbb, // audioFourCc, audioTrackId 1, sizeOfAudioTrack 2, payload
      ...ascii('.mp3'), 0x02, ...u24(1), 0xcc, // audioFourCc, audioTrackId 2, sizeOfAudioTrack 1, payload
    ])))[1]!;
    expect(t.packets.map((p) => [p.codec, p.trackId, p.track, p.size])).toEqual([['Opus', 1, 0, 2], ['.mp3', 2, 1, 1]]);
  });
});
