import { describe, expect, it } from 'vitest';
import { flvFormat } from '../../../media/formats/flv/flv-format.js';
import { openIsoBmff } from '../../../media/formats/isobmff/iso-bmff-format.js';
import { BULK } from '../../../media/model/types.js';
import { remuxDocument } from '../../../media/remux/document-remux.js';
import { remuxFlvFast } from '../../../media/remux/flv-fast-remux.js';
import type { Mp4Segment } from '../../../media/remux/types.js';
import { MemorySource } from '../../../media/source/memory-source.js';
import { u24, u32 } from '../../helpers/bytes.js';
import { concatBytes } from '../../../media/bits/concat-bytes.js';

/** One FLV tag and its PreviousTagSize. */
function tag(type: number, ms: number, body: number[]): number[] {
  return [
    type, // TagType
    ...u24(body.length), // DataSize
    ...u24(ms & 0xffffff), (ms >>> 24) & 0xff, // Timestamp, TimestampExtended
    0, 0, 0, // StreamID
    ...body,
    ...u32(11 + body.length), // PreviousTagSize
  ];
}

/** An audio-only FLV whose AAC sequence header changes from 44.1 kHz to 48 kHz mono after two frames. */
function flvWithNewAsc(): Uint8Array {
  const aac = (packetType: number, data: number[]): number[] => [0xaf, packetType, ...data]; // SoundFormat 10 (AAC), 44 kHz, 16-bit, stereo flags
  return new Uint8Array([
    0x46, 0x4c, 0x56, 0x01, // 'FLV', version 1
    0x04, // TypeFlagsAudio
    ...u32(9), // DataOffset
    ...u32(0), // PreviousTagSize0
    ...tag(8, 0, aac(0, [0x12, 0x08])), // AAC sequence header: LC, 44.1 kHz, mono
    ...tag(8, 0, aac(1, [0x21, 0x10, 0x05])), // raw AAC frames
    ...tag(8, 23, aac(1, [0x21, 0x10, 0x06])),
    ...tag(8, 46, aac(0, [0x11, 0x88])), // new sequence header: LC, 48 kHz, mono
    ...tag(8, 46, aac(1, [0x21, 0x10, 0x07])),
    ...tag(8, 67, aac(1, [0x21, 0x10, 0x08])),
  ]);
}

function generations(segments: Mp4Segment[]): Uint8Array[] {
  const files: Uint8Array[][] = [];
  for (const s of segments) (files[s.generation] ??= []).push(s.data);
  return files.map((parts) => concatBytes(...parts));
}

describe('a sequence header that changes mid-stream', () => {
  it('gives the FLV document two descriptions, and the packets after the change the second', async () => {
    const doc = await flvFormat.open(new MemorySource(flvWithNewAsc()), BULK);
    expect(doc.samples!.descriptions[0]!.map((d) => [...d.config])).toEqual([[0x12, 0x08], [0x11, 0x88]]);
    expect([...doc.samples!.description]).toEqual([0, 0, 1, 1]);
    expect([...(await doc.samples!.read(2))]).toEqual([0x21, 0x10, 0x07]);
  });

  it('starts a new init segment on both roads, each file whole and readable', async () => {
    const doc = await flvFormat.open(new MemorySource(flvWithNewAsc()), BULK);
    const slow: Mp4Segment[] = [];
    await remuxDocument(doc, (s) => void slow.push(s), { index: true });
    const fast: Mp4Segment[] = [];
    await remuxFlvFast(new MemorySource(flvWithNewAsc()), (s) => void fast.push(s), { index: true });
    expect(slow.map((s) => s.type)).toEqual(['init', 'media', 'index', 'init', 'media', 'index']);
    const files = generations(slow);
    expect(generations(fast)).toEqual(files);
    const first = await openIsoBmff(new MemorySource(files[0]!), BULK);
    const second = await openIsoBmff(new MemorySource(files[1]!), BULK);
    expect(first.tracks[0]).toMatchObject({ sampleRate: 44100, samples: 2, timescale: 1000 });
    expect(second.tracks[0]).toMatchObject({ sampleRate: 48000, samples: 2, timescale: 1000 });
    expect([...first.packets.dts, ...second.packets.dts]).toEqual([0, 23, 46, 67]);
    // The last frame before the change lasts until the first after it.
    expect([...first.isoTracks[0]!.samples.duration]).toEqual([23, 23]);
  });
});
