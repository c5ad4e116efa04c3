import { describe, expect, it } from 'vitest';
import type { FlvTagData } from '../../../../media/formats/flv/flv-tag-data.js';
import { codes, field, flv, FLV_HEADER, tag, units } from './flv-bytes.js';
import { u32 } from '../../../helpers/bytes.js';

/** The AVC sequence header pasted in test/fixtures/snippets/flv-avc-sequence-header.txt (a video tag body). */
const AVC_SEQUENCE_HEADER = [
  0x17, // FrameType 1 (key frame), CodecID 7 (AVC)
  0x00, // AVCPacketType 0 (sequence header)
  0x00, 0x00, 0x00, // CompositionTime 0
  0x01, 0x42, 0xc0, 0x1f, 0xff, 0xe1, // configurationVersion 1, Baseline, constraints 0xC0, level 3.1, 4-byte lengths, 1 SPS
  0x00, 0x19, 0x67, 0x42, 0xc0, 0x1f, 0xa6, 0x11, 0x02, 0x80, 0xbf, 0xe5, 0x84, 0x00, 0x00, 0x03, 0x00, 0x04, 0x00, 0x00, 0x03, 0x00, 0xc2, 0x3c, 0x60, 0xc8, 0x46, // SPS (25 bytes)
  0x01, 0x00, 0x05, 0x68, 0xc8, 0x42, 0x32, 0xc8, // 1 PPS (5 bytes)
];

/** A script data body that is just a name: AMF0 string "a". */
const NAME = [0x02, 0x00, 0x01, 0x61];

const AAC_SEQUENCE_HEADER = [
  0xaf, // SoundFormat 10 (AAC), SoundRate 3 (44 kHz), SoundSize 1 (16-bit), SoundType 1 (stereo)
  0x00, // AACPacketType 0 (sequence header)
  0x12, 0x10, // AudioSpecificConfig: AAC LC (2), 44100 Hz (index 4), 2 channels, GASpecificConfig 000
];

describe('FLV header', () => {
  it('reads every header field in order, then PreviousTagSize0', () => {
    const [header] = units(flv());
    expect(header!.node).toMatchObject({ kind: 'header', start: 0, end: 13 });
    expect(header!.node.fields.map((f) => [f.name, f.value])).toEqual([
      ['Signature', 'FLV'],
      ['Version', 1],
      ['TypeFlagsReserved', 0],
      ['TypeFlagsAudio', true],
      ['TypeFlagsReserved', 0],
      ['TypeFlagsVideo', true],
      ['DataOffset', 9],
      ['PreviousTagSize0', 0],
    ]);
    expect(field(header!.node, 'PreviousTagSize0')!.bitOffset).toBe(9 * 8);
  });

  it('skips extra bytes up to DataOffset and reads PreviousTagSize0 after them', () => {
    const bytes = Uint8Array.from([
      0x46, 0x4c, 0x56, 0x01, 0x05, // FLV, version 1, audio + video
      0x00, 0x00, 0x00, 0x0c, // DataOffset 12: three extra bytes
      0xaa, 0xbb, 0xcc, // extra header bytes
      0x00, 0x00, 0x00, 0x00, // PreviousTagSize0
    ]);
    const [header] = units(bytes);
    expect(header!.node.end).toBe(16);
    expect(codes(header!.node)).toEqual(['extra-header-bytes']);
    expect(field(header!.node, 'PreviousTagSize0')!.bitOffset).toBe(12 * 8);
  });

  it('reports a file cut inside the header', () => {
    const [header] = units(Uint8Array.from([0x46, 0x4c, 0x56, 0x01, 0x05]));
    expect(codes(header!.node)).toEqual(['truncated-header']);
  });
});

describe('tag header', () => {
  it('combines Timestamp and TimestampExtended into a signed 32-bit ms value', () => {
    const bytes = flv([
      0x12, // Reserved 0, Filter 0, TagType 18 (script data)
      0x00, 0x00, 0x01, // DataSize 1
      0xff, 0xff, 0xfe, // Timestamp (lower 24 bits)
      0xff, // TimestampExtended: with it, 0xFFFFFFFE = -2 ms
      0x00, 0x00, 0x00, // StreamID 0
      0x05, // body: AMF0 null
      ...u32(12), // PreviousTagSize = 11 + 1
    ]);
    const t = units(bytes)[1]!.node;
    expect(t).toMatchObject({ kind: 'tag', name: 'script data', start: 13, end: 13 + 11 + 1 + 4 });
    expect(field(t, 'Timestamp')!.value).toBe(0xfffffe);
    expect(field(t, 'TimestampExtended')!.value).toBe(0xff);
    expect(field(t, 'timestamp')).toMatchObject({ value: -2, derived: true });
    expect((t.data as FlvTagData).timestamp).toBe(-2);
    expect(t.fields.map((f) => f.name).slice(0, 8)).toEqual(['Reserved', 'Filter', 'TagType', 'DataSize', 'Timestamp', 'TimestampExtended', 'timestamp', 'StreamID']);
  });

  it('reports a PreviousTagSize that is not 11 + DataSize, at its bytes, and goes on', () => {
    const bytes = flv(tag(18, 0, NAME, 99), tag(18, 0, NAME));
    const [, bad, good] = units(bytes);
    expect(bad!.node.diagnostics).toEqual([
      expect.objectContaining({ code: 'previous-tag-size-mismatch', start: 13 + 15, end: 13 + 19 }),
    ]);
    expect(field(bad!.node, 'PreviousTagSize')).toMatchObject({ value: 99, display: 'expected 15' });
    expect(codes(good!.node)).toEqual([]);
  });

  it('keeps a partial tag when DataSize runs past the end', () => {
    const bytes = flv([
      0x09, // TagType 9 (video)
      0x00, 0x10, 0x00, // DataSize 4096, but only 8 bytes follow
      0x00, 0x00, 0x28, 0x00, // Timestamp 40
      0x00, 0x00, 0x00, // StreamID
      0x27, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // inter frame, AVC NALU, CompositionTime 0, 3 payload bytes
    ]);
    const all = units(bytes);
    expect(all).toHaveLength(2);
    const t = all[1]!;
    expect(t.node).toMatchObject({ start: 13, end: bytes.length });
    expect(codes(t.node)).toEqual(['tag-data-size-beyond-end']);
    expect(field(t.node, 'FrameType')!.value).toBe(2);
    expect(t.packets).toEqual([]); // a partial frame is not a packet
  });

  it('stops at an implausible tag header and shows the rest as unreadable bytes', () => {
    const bytes = flv(tag(18, 0, NAME), [0xc3, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x02, 0x03], tag(18, 0, NAME));
    const all = units(bytes);
    expect(all.map((u) => u.node.name)).toEqual(['FLV header', 'script data', 'implausible tag header', 'unreadable']);
    expect(codes(all[2]!.node)).toEqual(['implausible-tag-header']);
    expect(all[3]!.node).toMatchObject({ start: 13 + 19 + 11, end: bytes.length });
  });

  it('shows bytes too few for a tag header as trailing bytes', () => {
    const all = units(Uint8Array.from([...FLV_HEADER, 0x09, 0x00]));
    expect(all[1]!.node).toMatchObject({ kind: 'bytes', name: 'trailing bytes', start: 13, end: 15 });
    expect(codes(all[1]!.node)).toEqual(['trailing-bytes']);
  });

  it('reports a missing final PreviousTagSize', () => {
    const bytes = flv(tag(18, 0, NAME).slice(0, -4));
    expect(codes(units(bytes)[1]!.node)).toEqual(['previous-tag-size-missing']);
  });
});

describe('audio tags', () => {
  it('decodes the AAC sequence header AudioSpecificConfig as a field group', () => {
    const t = units(flv(tag(8, 0, AAC_SEQUENCE_HEADER)))[1]!;
    expect(t.node.title).toBe('AAC sequence header');
    expect(t.node.fields.slice(8, 13).map((f) => [f.name, f.value, f.display])).toEqual([
      ['SoundFormat', 10, 'AAC'],
      ['SoundRate', 3, '44 kHz'],
      ['SoundSize', 1, '16-bit samples'],
      ['SoundType', 1, 'stereo'],
      ['AACPacketType', 0, 'AAC sequence header'],
    ]);
    const asc = field(t.node, 'AudioSpecificConfig')!;
    expect(field(asc, 'audioObjectType')!.value).toBe(2);
    expect(field(asc, 'samplingFrequencyIndex')!.value).toBe(4);
    expect(field(asc, 'channelConfiguration')!.value).toBe(2);
    const data = t.node.data as FlvTagData;
    expect(data.configs[0]!.audio).toMatchObject({ audioObjectType: 2, samplingFrequency: 44100, channelConfiguration: 2 });
    expect(t.packets).toEqual([]);
  });

  it('makes a packet of an AAC raw frame: offset after the 2-byte header', () => {
    const t = units(flv(tag(8, 23, [0xaf, 0x01, 0x21, 0x10, 0x04])))[1]!;
    expect(t.packets).toEqual([{ kind: 'audio', trackId: 0, codec: 'mp4a', track: 0, dts: 23, pts: 23, offset: 13 + 11 + 2, size: 3, keyframe: true }]);
    expect(field(t.node, 'Data')).toMatchObject({ bitOffset: (13 + 11 + 2) * 8, bitLength: 24 });
  });

  it('makes a packet of an MP3 frame after its 1-byte header', () => {
    const t = units(flv(tag(8, 0, [0x2e, 0xff, 0xfb, 0x90])))[1]!;
    expect(field(t.node, 'SoundFormat')!.display).toBe('MP3');
    expect(t.packets[0]).toMatchObject({ codec: '.mp3', offset: 13 + 11 + 1, size: 3 });
  });
});

describe('video tags', () => {
  it('decodes the AVC sequence header record, with SPS and PPS as decoded child nodes', () => {
    const t = units(flv(tag(9, 0, AVC_SEQUENCE_HEADER)))[1]!;
    expect(t.node.title).toBe('AVC sequence header');
    expect(field(t.node, 'AVCPacketType')).toMatchObject({ value: 0, display: 'sequence header' });
    const record = field(t.node, 'AVCDecoderConfigurationRecord')!;
    expect(field(record, 'AVCProfileIndication')!.value).toBe(0x42);
    expect(field(record, 'codec_string')!.value).toBe('avc1.42C01F');
    expect(t.node.children.map((c) => c.name)).toEqual(['SPS', 'PPS']);
    const sps = t.node.children[0]!;
    expect(sps.start).toBe(13 + 11 + 5 + 8);
    expect(sps.fields.some((f) => f.name === 'profile_idc' && f.value === 0x42)).toBe(true);
    const config = (t.node.data as FlvTagData).configs[0]!;
    expect(config.avc).toMatchObject({ profileIndication: 0x42, levelIndication: 0x1f, lengthSize: 4 });
    expect(config.sps).toBeDefined();
  });

  it('reads a signed 24-bit CompositionTime: pts = dts + CompositionTime', () => {
    const t = units(flv(tag(9, 100, [
      0x27, // FrameType 2 (inter frame), CodecID 7
      0x01, // AVCPacketType 1 (NALU)
      0xff, 0xff, 0xdf, // CompositionTime -33
      0x00, 0x00, 0x00, 0x01, 0x09, // one NAL unit (length 1)
    ])))[1]!;
    expect(field(t.node, 'CompositionTime')!.value).toBe(-33);
    expect(t.packets[0]).toMatchObject({ dts: 100, pts: 67, offset: 13 + 11 + 5, size: 5, keyframe: false });
  });

  it('gives no packet for end of sequence or info/command frames', () => {
    const all = units(flv(
      tag(9, 0, [0x17, 0x02, 0x00, 0x00, 0x00]), // key frame, AVC end of sequence
      tag(9, 0, [0x57, 0x01, 0x00, 0x00, 0x00, 0x00]), // FrameType 5 (info/command), then VideoCommand 0
    ));
    expect(all[1]!.node.title).toBe('AVC end of sequence @ 0 ms');
    expect(field(all[2]!.node, 'VideoCommand')).toMatchObject({ value: 0, display: 'StartSeek' });
    expect(all.flatMap((u) => u.packets)).toEqual([]);
  });

  it('reports a tag body cut short of its own fields', () => {
    const t = units(flv(tag(9, 0, [0x17, 0x01])))[1]!;
    expect(codes(t.node)).toEqual(['tag-body-truncated']);
  });
});

describe('script data tags', () => {
  it('reads onMetaData and derives a readable metadata table', () => {
    const key = (s: string): number[] => [0x00, s.length, ...[...s].map((c) => c.charCodeAt(0))];
    const body = [
      0x02, ...key('onMetaData'), // Name: string "onMetaData"
      0x08, 0x00, 0x00, 0x00, 0x02, // Value: ECMA array, associative-count 2
      ...key('width'), 0x00, 0x40, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // width = 640
      ...key('videocodecid'), 0x00, 0x40, 0x1c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // videocodecid = 7
      0x00, 0x00, 0x09, // object-end
    ];
    const t = units(flv(tag(18, 0, body)))[1]!;
    expect(t.node.title).toBe('onMetaData');
    expect(field(t.node, 'Name')!.value).toBe('onMetaData');
    expect(field(field(t.node, 'Value')!, 'width')!.value).toBe(640);
    const table = field(t.node, 'metadata')!;
    expect(table.derived).toBe(true);
    expect(table.fields!.map((f) => [f.name, f.display])).toEqual([
      ['width', '640 px'],
      ['videocodecid', '7 (AVC)'],
    ]);
    expect(codes(t.node)).toEqual([]);
  });

  it('survives onMetaData nested 1,000 objects deep: a diagnostic on the tag, the name kept', () => {
    const body = [0x02, 0x00, 0x01, 0x61]; // Name "a"
    for (let i = 0; i < 1000; i++) body.push(0x03, 0x00, 0x01, 0x6f); // object { o: object { o: ...
    body.push(0x05); // null
    for (let i = 0; i < 1000; i++) body.push(0x00, 0x00, 0x09); // object-end markers
    const all = units(flv(tag(18, 0, body), tag(18, 0, NAME)));
    expect(codes(all[1]!.node)).toEqual(['amf-nesting-too-deep']);
    expect((all[1]!.node.data as FlvTagData).script!.name).toBe('a');
    expect(codes(all[2]!.node)).toEqual([]); // the next tag is read as usual
  });

  it('keeps the values before a bad AMF value, with its diagnostic on the tag', () => {
    const t = units(flv(tag(18, 0, [0x02, 0x00, 0x01, 0x61, 0x0a, 0xff, 0xff, 0xff, 0xff, 0x05])))[1]!;
    expect(codes(t.node)).toEqual(['amf-array-count-exceeds-data']);
    expect((t.node.data as FlvTagData).script).toEqual({ name: 'a', values: [[null]] });
  });
});
