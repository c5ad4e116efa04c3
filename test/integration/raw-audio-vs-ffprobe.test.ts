// Raw audio as HLS packed audio carries it: ADTS and AC-3 with ID3v2 tags before and between the frames. Packets
// held to ffprobe; the tags decoded (Apple's transportStreamTimestamp, text frames), in files and in timed ID3 samples.
import { describe, expect, it } from 'vitest';
import { openDocument } from '../../electron/cli/open-document.js';
import { ANNOTATE, BULK, type Node } from '../../media/model/types.js';
import { MemorySource } from '../../media/source/memory-source.js';
import { fixture, fixtureBytes } from '../helpers/fixtures.js';
import { ffprobe, rational } from '../helpers/ffprobe.js';
import { asSpecified } from '../helpers/ffprobe-conventions.js';
import { findField } from '../helpers/fields.js';

const FILES: Array<[string, string]> = [['vhs-ac3WithId3.ac3', 'ac3'], ['vhs-aacWithId3.aac', 'adts'], ['adts-id3-midstream.aac', 'adts']];

const tags = (doc: { tree: Node[] }): Node[] => doc.tree.filter((n) => n.name === 'ID3v2');

describe.each(FILES)('%s agrees with ffprobe', (name, format) => {
  const file = fixture(name);
  const truth = ffprobe(file);

  it('on the track and every packet: count, size, position, time, keyframe', async () => {
    const doc = await openDocument(file, ANNOTATE);
    expect(doc.format).toBe(format);
    const s = truth.streams[0]!;
    expect(doc.tracks.map((t) => [t.codecName, t.sampleRate, t.channels])).toEqual([[s.codec_name, Number(s.sample_rate), s.channels]]);
    const p = doc.packets;
    expect(p.count).toBe(truth.packets.length);
    const [num, den] = rational(s.time_base)!;
    // The tag at the start of the file is skipped before any packet; only tags between frames shift ffprobe's pos.
    const midTags = tags(doc).filter((t) => t.start > 0);
    const tagsBefore = (offset: number): number => midTags.filter((t) => t.end <= offset).reduce((sum, t) => sum + t.end - t.start, 0);
    truth.packets.forEach((them, i) => {
      const spec = asSpecified(s.codec_name, them, 0, tagsBefore(p.offset[i]!));
      expect([p.size[i], p.offset[i], p.keyframe[i]], `packet ${i}`).toEqual([spec.size, spec.pos, 1]);
      expect(p.pts[i]! / doc.tracks[0]!.timescale, `packet ${i} time`).toBeCloseTo(((them.pts! - truth.packets[0]!.pts!) * num) / den, 6);
    });
  });
});

describe('ID3v2 tags in raw audio', () => {
  it("decode Apple's PRIV transportStreamTimestamp before AC-3", async () => {
    const doc = await openDocument(fixture('vhs-ac3WithId3.ac3'), ANNOTATE);
    const [tag] = tags(doc);
    expect(tag!.children.map((f) => f.title)).toEqual(['PRIV: com.apple.streaming.transportStreamTimestamp = 900000']);
    expect(findField(tag!.children[0]!.fields, 'transportStreamTimestamp')).toMatchObject({ value: 900000, bitLength: 33 });
  });

  it('are found between ADTS frames, not taken for garbage', async () => {
    const doc = await openDocument(fixture('adts-id3-midstream.aac'), ANNOTATE);
    expect(tags(doc).map((t) => [t.start, t.children.find((f) => f.name === 'TIT2')?.title])).toEqual([[0, 'TIT2: first'], [327, 'TIT2: second']]);
    expect(JSON.stringify(doc.tree)).not.toContain('adts-resync');
  });

  it('open from a timed ID3 sample of a transport stream', async () => {
    const doc = await openDocument(fixture('vhs-id3.ts'), BULK);
    const track = doc.tracks.findIndex((t) => t.codecName === 'timed_id3');
    const index = [...Array(doc.packets.count).keys()].find((i) => doc.packets.track[i] === track)!;
    const [tag] = await doc.samples!.expand!(index, new MemorySource(fixtureBytes('vhs-id3.ts')), ANNOTATE);
    expect(tag!.name).toBe('ID3v2');
    expect(tag!.children.map((f) => f.title)).toEqual(['TXXX = {"id":1, "data": "id3"}']);
  });
});
