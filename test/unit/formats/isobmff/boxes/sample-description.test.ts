import { describe, expect, it } from 'vitest';
import type { SampleEntryData, TencData } from '../../../../../media/formats/isobmff/box-data.js';
import { allCodes, codes, fieldOf, parseOne, valueOf } from './entry-bytes.js';
import { ascii, box, fullBox, hexBytes, u16, u32, zeros } from '../../../../helpers/bytes.js';

/** A VisualSampleEntry of `type`, `width` x `height`, followed by `children`. */
function visualEntry(type: string, width: number, height: number, children: number[] = []): number[] {
  const name = 'Bitlens';
  return box(type, [
    ...zeros(6), // reserved
    ...u16(1), // data_reference_index = 1
    ...u16(0), ...u16(0), ...zeros(12), // pre_defined, reserved, pre_defined[3]
    ...u16(width), ...u16(height), // width, height
    ...u32(0x00480000), ...u32(0x00480000), // horizresolution, vertresolution = 72 dpi
    ...u32(0), // reserved
    ...u16(1), // frame_count = 1
    name.length, ...ascii(name), ...zeros(31 - name.length), // compressorname: length byte, name, padding to 32 bytes
    ...u16(0x18), // depth = 24
    0xff, 0xff, // pre_defined = -1
    ...children,
  ]);
}

/** The SampleEntry header and AudioSampleEntry fields with the given entry_version, then `extra` and `children`. */
function audioEntry(type: string, version: number, channels: number, rate: number, extra: number[] = [], children: number[] = []): number[] {
  return box(type, [
    ...zeros(6), // reserved
    ...u16(1), // data_reference_index = 1
    ...u16(version), ...zeros(6), // entry_version, reserved (QuickTime: revision level, vendor)
    ...u16(channels), // channelcount
    ...u16(16), // samplesize = 16
    ...u16(version === 2 ? 0xfffe : 0), // pre_defined (QuickTime compression ID: -2 for version 2)
    ...u16(0), // reserved
    ...u32(rate * 65536), // samplerate, 16.16
    ...extra,
    ...children,
  ]);
}

const stsd = (count: number, ...entries: number[][]): number[] => fullBox('stsd', 0, 0, [...u32(count), ...entries.flat()]);

describe('stsd and sample entries', () => {
  it('reads an avc1 VisualSampleEntry with its avcC and pasp', async () => {
    // The SPS and PPS of avc-baseline-aac.mp4: the H.264 reader decodes them, so they must be real.
    const sps = hexBytes('6742c00dd90141fb011000000300100000030320f142a480');
    const pps = hexBytes('68cb83cb20');
    const avcC = box('avcC', [0x01, 0x42, 0xc0, 0x0d, 0xff, 0xe1, ...u16(sps.length), ...sps, 0x01, ...u16(pps.length), ...pps]); // 1 SPS, 1 PPS
    const pasp = box('pasp', [...u32(1), ...u32(1)]);
    const node = await parseOneStsd(stsd(1, visualEntry('avc1', 320, 240, [...avcC, ...pasp])));
    expect(codes(node)).toEqual([]);
    const avc1 = node.children[0]!;
    expect(avc1.name).toBe('avc1');
    expect(avc1.title).toBe('Visual Sample Entry (H.264)');
    expect(avc1.data).toEqual({ format: 'avc1', originalFormat: 'avc1', kind: 'visual', dataReferenceIndex: 1, width: 320, height: 240 } satisfies SampleEntryData);
    expect(fieldOf(avc1.fields, 'compressorname')).toMatchObject({ value: 'Bitlens', bitLength: 256 });
    expect(fieldOf(avc1.fields, 'horizresolution')?.display).toBe('72 dpi');
    expect(valueOf(avc1.fields, 'depth')).toBe(24);
    expect(fieldOf(avc1.fields, 'width')).toMatchObject({ value: 320, bitOffset: (16 + 8 + 24) * 8 });
    expect(avc1.children.map((c) => c.name)).toEqual(['avcC', 'pasp']);
    expect(avc1.children[0]!.children.map((c) => `${c.kind} ${c.name}`)).toEqual(['nal SPS', 'nal PPS']);
    expect(allCodes(node.children)).toEqual([]);
  });

  it('reads an mp4a AudioSampleEntry (version 0)', async () => {
    const node = await parseOneStsd(stsd(1, audioEntry('mp4a', 0, 2, 44100)));
    const mp4a = node.children[0]!;
    expect(mp4a.data).toMatchObject({ format: 'mp4a', kind: 'audio', channelCount: 2, sampleRate: 44100 });
    expect(fieldOf(mp4a.fields, 'samplerate')).toMatchObject({ value: 44100 * 65536, display: '44100 Hz' });
    expect(fieldOf(mp4a.fields, 'entry_version')?.value).toBe(0);
    expect(allCodes([node])).toEqual([]);
  });

  it('reads the four extra fields of a QuickTime version 1 sound description', async () => {
    const extra = [...u32(1024), ...u32(0), ...u32(4), ...u32(2)]; // samplesPerPacket, bytesPerPacket, bytesPerFrame, bytesPerSample
    const node = await parseOneStsd(stsd(1, audioEntry('mp4a', 1, 2, 48000, extra)), { quickTime: true });
    const entry = node.children[0]!;
    expect(valueOf(entry.fields, 'samplesPerPacket')).toBe(1024);
    expect(valueOf(entry.fields, 'bytesPerSample')).toBe(2);
    expect(allCodes([node])).toEqual([]);
  });

  it('reads an ISO version 1 entry (no QuickTime fields) when a box follows samplerate', async () => {
    const btrt = box('btrt', [...u32(0), ...u32(128000), ...u32(128000)]);
    const node = await parseOneStsd(stsd(1, audioEntry('mp4a', 1, 2, 48000, [], btrt)));
    const entry = node.children[0]!;
    expect(fieldOf(entry.fields, 'samplesPerPacket')).toBeUndefined();
    expect(entry.children.map((c) => c.name)).toEqual(['btrt']);
  });

  it('reads a QuickTime version 2 sound description: 64-bit float rate and 32-bit channel count', async () => {
    const rate = new Uint8Array(8);
    new DataView(rate.buffer).setFloat64(0, 96000);
    const extra = [
      ...u32(72), // sizeOfStructOnly
      ...rate, // audioSampleRate = 96000.0
      ...u32(6), // numAudioChannels = 6
      ...u32(0x7f000000), // always7F000000
      ...u32(24), // constBitsPerChannel
      ...u32(0), ...u32(0), ...u32(0), // formatSpecificFlags, constBytesPerAudioPacket, constLPCMFramesPerAudioPacket
    ];
    const node = await parseOneStsd(stsd(1, audioEntry('ipcm', 2, 3, 1, extra)));
    const entry = node.children[0]!;
    expect(entry.data).toMatchObject({ kind: 'audio', sampleRate: 96000, channelCount: 6 });
    expect(fieldOf(entry.fields, 'audioSampleRate')).toMatchObject({ value: 96000, display: '96000 Hz', bitLength: 64 });
    expect(allCodes([node])).toEqual([]);
  });

  it("reads an unregistered entry in a 'vide' track as a VisualSampleEntry", async () => {
    const pasp = box('pasp', [...u32(4), ...u32(3)]);
    const node = await parseOneStsd(stsd(1, visualEntry('xvid', 640, 480, pasp)), { handler: 'vide' });
    const entry = node.children[0]!;
    expect(entry.name).toBe('xvid');
    expect(entry.data).toMatchObject({ format: 'xvid', kind: 'visual', width: 640, height: 480 });
    expect(codes(entry)).toEqual(['unknown-sample-entry']);
    expect(entry.children.map((c) => c.name)).toEqual(['pasp']);
    expect(fieldOf(entry.children[0]!.fields, 'pixel_aspect_ratio')?.value).toBe('4:3');
  });

  it("reads an unregistered entry in a 'soun' track as an AudioSampleEntry", async () => {
    const node = await parseOneStsd(stsd(1, audioEntry('spex', 0, 1, 16000)), { handler: 'soun' });
    expect(node.children[0]!.data).toMatchObject({ kind: 'audio', channelCount: 1, sampleRate: 16000 });
  });

  it('lets the handler decide the kind of a registered fourcc', async () => {
    // An mp4v entry in a 'soun' track is nonsense, but the handler is what the track says it holds.
    const node = await parseOneStsd(stsd(1, audioEntry('mp4v', 0, 2, 8000)), { handler: 'soun' });
    expect(node.children[0]!.data).toMatchObject({ kind: 'audio', sampleRate: 8000 });
  });

  it('shows the format-specific body of an entry of another kind as bytes', async () => {
    const tx3g = box('tx3g', [...zeros(6), ...u16(1), 0xde, 0xad, 0xbe, 0xef]);
    const node = await parseOneStsd(stsd(1, tx3g), { handler: 'text' });
    const entry = node.children[0]!;
    expect(entry.data).toMatchObject({ kind: 'other', dataReferenceIndex: 1 });
    expect(fieldOf(entry.fields, 'data')?.bitLength).toBe(32);
    expect(codes(entry)).toEqual(['unknown-sample-entry']);
  });

  it('takes the original format of an encv entry from sinf/frma, and tenc sets the track IV size', async () => {
    const sinf = box('sinf', [
      ...box('frma', ascii('avc1')), // data_format = avc1
      ...fullBox('schm', 0, 0, [...ascii('cenc'), ...u32(0x00010000)]), // scheme_type cenc, version 1.0
      ...box('schi', fullBox('tenc', 0, 0, [0, 0, 1, 8, ...zeros(16)])), // protected, 8-byte IVs, KID 0
    ]);
    const node = await parseOneStsd(stsd(1, visualEntry('encv', 320, 240, sinf)), { trackId: 2 });
    const encv = node.children[0]!;
    expect(encv.data).toMatchObject({ format: 'encv', originalFormat: 'avc1', kind: 'visual' });
    expect(allCodes([node])).toEqual([]);
    const tenc = encv.children[0]!.children[2]!.children[0]!;
    expect((tenc.data as TencData).perSampleIvSize).toBe(8);
  });

  it('reports an entry_count that does not match the entries', async () => {
    const node = await parseOneStsd(stsd(2, audioEntry('mp4a', 0, 2, 44100)));
    expect(codes(node)).toEqual(['entry-count-mismatch']);
    const huge = await parseOneStsd(stsd(0xffffffff, audioEntry('mp4a', 0, 2, 44100)));
    expect(codes(huge)).toEqual(['table-count-exceeds-box', 'entry-count-mismatch']);
    expect(huge.children).toHaveLength(1);
  });

  it('survives an entry whose size runs past stsd, and a truncated entry', async () => {
    const entry = audioEntry('mp4a', 0, 2, 44100);
    const over = [...entry];
    over.splice(0, 4, ...u32(entry.length + 100)); // size says 100 more bytes than there are
    const node = await parseOneStsd(stsd(1, over));
    expect(codes(node.children[0]!)).toContain('box-overflows-parent');

    const cut = box('mp4a', [...zeros(6), ...u16(1), ...u16(0)]); // ends inside the audio fields
    const cutNode = await parseOneStsd(stsd(1, cut));
    expect(codes(cutNode.children[0]!)).toEqual(['truncated-box']);

    const generic = await parseOneStsd(stsd(1, box('abcd', [...zeros(6)])), { handler: 'vide' });
    expect(codes(generic.children[0]!)).toEqual(['unknown-sample-entry', 'truncated-box']);
  });
});

async function parseOneStsd(bytes: number[], state = {}) {
  return parseOne(bytes, state);
}
