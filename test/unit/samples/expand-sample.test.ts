import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../media/detect.js';
import type { MediaDocument } from '../../../media/model/document-model.js';
import { ANNOTATE, BULK, type Field, type Node } from '../../../media/model/types.js';
import { expandSample, sampleContext } from '../../../media/samples/expand-sample.js';
import { MemorySource } from '../../../media/source/memory-source.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));

async function open(name: string): Promise<{ doc: MediaDocument; source: MemorySource; bytes: Uint8Array }> {
  const bytes = fixture(name);
  const source = new MemorySource(bytes);
  const format = await detectFormat(source, name);
  const doc = await format!.open(source, BULK);
  return { doc, source, bytes };
}

const field = (fields: readonly Field[], name: string): Field | undefined => fields.find((f) => f.name === name);
const value = (node: Node, name: string): unknown => field(node.fields, name)?.value;

/** Packet indices (file order) of one kind of track. */
function packetsOf(doc: MediaDocument, kind: 'video' | 'audio'): number[] {
  const out: number[] = [];
  for (let i = 0; i < doc.packets.count; i++) if (doc.tracks[doc.packets.track[i]!]!.kind === kind) out.push(i);
  return out;
}

/** P, B or I from an H.264 slice_type (0..9) or an HEVC one (0 B, 1 P, 2 I). */
const avcSliceLetter = (t: number): string => 'PBIPI'[t % 5]!;
const hevcSliceLetter = (t: number): string => 'BPI'[t]!;

describe('expandSample: H.264 in MP4 and FLV', () => {
  for (const [name, channels] of [['avc-baseline-aac.mp4', 2], ['avc-high-bframes-faststart.mp4', 1], ['avc-aac.flv', 1]] as const) {
    it(`${name}: the first video sample is SEI + one IDR I slice at its bits in the file`, async () => {
      const { doc, source, bytes } = await open(name);
      const index = packetsOf(doc, 'video')[0]!;
      const offset = doc.packets.offset[index]!;
      const sample = await expandSample(doc, source, index, ANNOTATE);
      expect(sample.kind).toBe('sample');
      expect([sample.start, sample.end]).toEqual([offset, offset + doc.packets.size[index]!]);
      expect(sample.diagnostics).toEqual([]);
      // x264 writes its options in a user_data_unregistered SEI before the first slice.
      expect(sample.children.map((n) => n.name)).toEqual(['SEI', 'IDR']);
      const [sei, idr] = sample.children as [Node, Node];
      // The first NAL unit's length field is the sample's first 4 bytes, its header byte the next one.
      const length = field(sei.fields, 'NALUnitLength')!;
      expect(length).toMatchObject({ bitOffset: offset * 8, bitLength: 32 });
      expect(length.value).toBe(new DataView(bytes.buffer, offset, 4).getUint32(0));
      expect(field(sei.fields, 'forbidden_zero_bit')!.bitOffset).toBe((offset + 4) * 8);
      expect(field(sei.fields, 'nal_unit_type')).toMatchObject({ bitOffset: (offset + 4) * 8 + 3, bitLength: 5, value: 6 });
      expect(sei.end).toBe(idr.start);
      expect(field(idr.fields, 'nal_unit_type')).toMatchObject({ bitOffset: (idr.start + 4) * 8 + 3, value: 5 });
      expect(bytes[idr.start + 4]! & 0x1f).toBe(5);
      expect(value(idr, 'first_mb_in_slice')).toBe(0);
      expect(avcSliceLetter(value(idr, 'slice_type') as number)).toBe('I');
      expect(idr.end).toBe(sample.end);
      expect(idr.diagnostics).toEqual([]);
    });

    it(`${name}: the first audio sample holds the channel element channel_configuration ${channels} calls for`, async () => {
      const { doc, source } = await open(name);
      const index = packetsOf(doc, 'audio')[0]!;
      const sample = await expandSample(doc, source, index, ANNOTATE);
      expect(sample.diagnostics).toEqual([]);
      expect(value(sample, 'channelConfiguration')).toBe(channels);
      expect(value(sample, 'samplingFrequencyIndex')).toBe(name === 'avc-high-bframes-faststart.mp4' ? 3 : 4); // 48 kHz : 44.1 kHz
      const elements = sample.children.map((n) => n.name);
      const first = elements.find((e) => e === 'SCE' || e === 'CPE');
      expect(first).toBe(channels === 2 ? 'CPE' : 'SCE');
      const channel = sample.children.find((n) => n.name === first)!;
      // The first element starts at the sample's first bit; the next one right after the last bits of the one before.
      expect(field(sample.children[0]!.fields, 'id_syn_ele')!.bitOffset).toBe(sample.start * 8);
      const at = field(channel.fields, 'id_syn_ele')!.bitOffset;
      const before = sample.children[sample.children.indexOf(channel) - 1];
      if (before) expect(at).toBe(Math.max(...before.fields.map((f) => f.bitOffset + f.bitLength)));
      expect(Math.floor(at / 8)).toBe(channel.start);
      expect(channel.start).toBeGreaterThanOrEqual(sample.start);
      expect(channel.end).toBeLessThanOrEqual(sample.end);
      expect(sample.children.flatMap((n) => n.diagnostics)).toEqual([]);
    });
  }

  it('avc-high-bframes-faststart.mp4: every slice type matches ffprobe, B slices included', async () => {
    const { doc, source } = await open('avc-high-bframes-faststart.mp4');
    const frames: Array<{ pts: number; type: string }> = [];
    for (const i of packetsOf(doc, 'video')) {
      const sample = await expandSample(doc, source, i, BULK);
      const slice = sample.children.find((n) => n.name === 'IDR' || n.name === 'slice')!;
      const data = slice.data as { slice: { sliceType: number } };
      frames.push({ pts: doc.packets.pts[i]!, type: avcSliceLetter(data.slice.sliceType) });
    }
    frames.sort((a, b) => a.pts - b.pts);
    // ffprobe -select_streams v -show_entries frame=pict_type (presentation order)
    expect(frames.map((f) => f.type).join('')).toBe('IBBPBBPBPBBPBBPBBPBBPBBPPIBBPBPBBPBBPBPBPBPBBPBBPPIBBPBBPBBP');
  });

  it('avc-aac.flv: the context is the sequence header tag before the packet', async () => {
    const { doc } = await open('avc-aac.flv');
    const video = sampleContext(doc, packetsOf(doc, 'video')[0]!)!;
    expect(video).toMatchObject({ codec: 'h264', label: 'avc1', source: { name: 'sequence header' } });
    expect(video.avc!.lengthSize).toBe(4);
    expect(video.source!.end).toBeLessThanOrEqual(doc.packets.offset[packetsOf(doc, 'video')[0]!]!);
    const audio = sampleContext(doc, packetsOf(doc, 'audio')[0]!)!;
    expect(audio).toMatchObject({ codec: 'aac', audio: { samplingFrequency: 44100, channelConfiguration: 1 } });
  });
});

describe('expandSample: HEVC in MP4', () => {
  it('hevc.mp4: the first sample is one IDR slice segment read with the hvcC parameter sets', async () => {
    const { doc, source, bytes } = await open('hevc.mp4');
    const sample = await expandSample(doc, source, 0, ANNOTATE);
    const offset = doc.packets.offset[0]!;
    expect(sample.diagnostics).toEqual([]);
    // libx265 keeps VPS/SPS/PPS and its SEI in the hvcC: the sample holds only the slice.
    expect(sample.children.map((n) => n.name)).toEqual(['IDR_N_LP']);
    const idr = sample.children[0]!;
    expect(idr.diagnostics).toEqual([]);
    expect(field(idr.fields, 'NALUnitLength')).toMatchObject({ bitOffset: offset * 8, bitLength: 32, value: doc.packets.size[0]! - 4 });
    expect(field(idr.fields, 'nal_unit_type')).toMatchObject({ bitOffset: (offset + 4) * 8 + 1, bitLength: 6, value: 20 });
    expect((bytes[offset + 4]! >> 1) & 0x3f).toBe(20);
    expect(value(idr, 'first_slice_segment_in_pic_flag')).toBe(true);
    expect(value(idr, 'slice_type')).toBe(2); // I
  });

  it('hevc.mp4: slice types match ffprobe', async () => {
    const { doc, source } = await open('hevc.mp4');
    const frames: Array<{ pts: number; type: string }> = [];
    for (let i = 0; i < doc.packets.count; i++) {
      const sample = await expandSample(doc, source, i, BULK);
      const slice = sample.children.find((n) => (n.data as { slice?: unknown }).slice)!;
      frames.push({ pts: doc.packets.pts[i]!, type: hevcSliceLetter((slice.data as { slice: { sliceType: number } }).slice.sliceType) });
    }
    frames.sort((a, b) => a.pts - b.pts);
    expect(frames.map((f) => f.type).join('')).toBe('IBBBBPBBBPBBBPBBBPBBBPBBBIBPBBBBPBBBPBPBBPBBBPBBBP');
  });
});

describe('expandSample: damaged samples', () => {
  it('a NAL unit length that runs past the sample is a diagnostic on that unit, not a throw', async () => {
    const { doc, bytes } = await open('avc-baseline-aac.mp4');
    const index = packetsOf(doc, 'video')[0]!;
    const offset = doc.packets.offset[index]!;
    const damaged = bytes.slice();
    damaged.set([0x00, 0x10, 0x00, 0x00], offset); // NALUnitLength = 1 MiB in a 5331-byte sample
    const sample = await expandSample(doc, new MemorySource(damaged), index, ANNOTATE);
    expect(sample.children).toHaveLength(1);
    const unit = sample.children[0]!;
    expect(unit.end).toBe(sample.end);
    expect(unit.diagnostics[0]).toMatchObject({ code: 'nal-length-exceeds-sample', start: offset });
  });

  it('a sample cut by the end of the file says so', async () => {
    const { doc, bytes } = await open('avc-baseline-aac.mp4');
    const index = packetsOf(doc, 'video')[0]!;
    const offset = doc.packets.offset[index]!;
    const cut = new MemorySource(bytes.subarray(0, offset + 100));
    const sample = await expandSample(doc, cut, index, ANNOTATE);
    expect(sample.diagnostics.map((d) => d.code)).toContain('sample-beyond-source');
    expect(sample.children[0]!.diagnostics.map((d) => d.code)).toContain('nal-length-exceeds-sample');
  });

  it('an index out of range throws a RangeError (a caller mistake, not bad bytes)', async () => {
    const { doc, source } = await open('hevc.mp4');
    await expect(expandSample(doc, source, doc.packets.count, ANNOTATE)).rejects.toThrow(RangeError);
  });
});
