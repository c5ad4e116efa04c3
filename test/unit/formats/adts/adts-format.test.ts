import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adtsFormat, probeAdts } from '../../../../media/formats/adts/adts-format.js';
import { MemorySource } from '../../../../media/source/memory-source.js';
import { ANNOTATE, BULK, type Node } from '../../../../media/model/types.js';
import type { MediaDocument } from '../../../../media/model/document-model.js';
import { ShortReadSource } from './short-read-source.js';

const FIXTURE = 'test/fixtures/aac-lc.adts.aac';
const file = new Uint8Array(readFileSync(FIXTURE));

interface ProbePacket { pts: number; dts: number; size: string; pos: string; flags: string }
function ffprobePackets(path: string): { packets: ProbePacket[]; timeBase: string } {
  const run = spawnSync('ffprobe', ['-v', 'error', '-show_packets', '-show_streams', '-of', 'json', path], { encoding: 'utf8' });
  const json = JSON.parse(run.stdout) as { packets: ProbePacket[]; streams: Array<{ time_base: string }> };
  return { packets: json.packets, timeBase: json.streams[0]!.time_base };
}

const codes = (nodes: Node[]): string[] => nodes.flatMap((n) => [...n.diagnostics.map((d) => d.code), ...codes(n.children)]);

/** Everything about a document except the tree's object identity, for comparing two parses. */
function summary(doc: MediaDocument) {
  return { tracks: doc.tracks, packets: doc.packets, tree: JSON.stringify(doc.tree), diagnostics: doc.diagnostics };
}

describe('adtsFormat.probe', () => {
  it('accepts two chained headers, with or without an ID3v2 tag before them', () => {
    expect(adtsFormat.probe(file.subarray(0, 4096))).toBe(true);
    const id3 = new Uint8Array([
      0x49, 0x44, 0x33, // "ID3"
      0x04, 0x00, // version 2.4.0
      0x00, // flags
      0x00, 0x00, 0x00, 0x05, // size 5 (synchsafe)
      1, 2, 3, 4, 5, // tag frames
    ]);
    expect(probeAdts(new Uint8Array([...id3, ...file.subarray(0, 2000)]))).toBe(true);
    const bigTag = new Uint8Array([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, ...new Uint8Array(4086)]); // size 16384: past the probe
    expect(probeAdts(bigTag)).toBe(false);
    expect(probeAdts(bigTag, 'song.AAC')).toBe(true);
  });

  it('refuses a lone header and other formats', () => {
    expect(probeAdts(file.subarray(0, 100))).toBe(false);
    expect(probeAdts(new Uint8Array(readFileSync('test/fixtures/segment.ts').subarray(0, 4096)))).toBe(false);
    expect(probeAdts(new Uint8Array(readFileSync('test/fixtures/avc-baseline-aac.mp4').subarray(0, 4096)))).toBe(false);
  });
});

describe('adtsFormat.open on the fixture', () => {
  it('matches ffprobe -show_packets: count, pos, size, pts/dts (in the sample-rate timescale), keyframes', async () => {
    const doc = await adtsFormat.open(new MemorySource(file), ANNOTATE);
    const probe = ffprobePackets(FIXTURE);
    // ffprobe's time base is 1/28224000 = 1/(44100 * 640): its pts are ours times 640.
    const scale = Number(probe.timeBase.split('/')[1]) / 44100;
    expect(doc.packets.count).toBe(probe.packets.length);
    probe.packets.forEach((p, i) => {
      expect(doc.packets.offset[i]).toBe(Number(p.pos));
      expect(doc.packets.size[i]).toBe(Number(p.size));
      expect(doc.packets.pts[i]! * scale).toBe(p.pts);
      expect(doc.packets.dts[i]! * scale).toBe(p.dts);
      expect(doc.packets.keyframe[i]).toBe(p.flags.startsWith('K') ? 1 : 0);
    });
    expect(doc.tracks).toEqual([{
      id: 1, kind: 'audio', codecName: 'aac', codec: 'mp4a.40.2', sampleRate: 44100, channels: 1, timescale: 44100,
      samples: 88, keyframes: 88, durationSeconds: (88 * 1024) / 44100,
    }]);
    expect(doc.diagnostics).toEqual([]);
    expect(codes(doc.tree)).toEqual([]);
  });

  it('builds a tree of frames: header fields, payload range, first raw element decoded', async () => {
    const doc = await adtsFormat.open(new MemorySource(file), ANNOTATE);
    expect(doc.tree).toHaveLength(88);
    const frame = doc.tree[0]!;
    expect(frame).toMatchObject({ kind: 'frame', name: 'adts_frame', start: 0, end: 287 });
    expect(frame.children.map((c) => c.name)).toEqual(['adts_header', 'raw_data_block']);
    expect(frame.children[0]!.fields.find((f) => f.name === 'aac_frame_length')?.value).toBe(287);
    const block = frame.children[1]!;
    expect(block).toMatchObject({ start: 7, end: 287 });
    expect(block.children.map((c) => c.name)).toEqual(['FIL', 'SCE']);
    const last = doc.tree[87]!;
    expect(last).toMatchObject({ start: 17050, end: 17062 });
  });

  it('gives the same packets without recording', async () => {
    const annotated = await adtsFormat.open(new MemorySource(file), ANNOTATE);
    const bulk = await adtsFormat.open(new MemorySource(file), BULK);
    expect(bulk.packets).toEqual(annotated.packets);
    expect(bulk.tracks).toEqual(annotated.tracks);
  });
});

describe('adtsFormat.open on ADTS made from the corpus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bitlens-adts-'));
  const cases: Array<[string, string[], number, number]> = [
    ['avc-main-aac-fragmented.mp4', [], 44100, 131],
    ['avc-high-bframes-faststart.mp4', ['-write_id3v2', '1'], 48000, 95], // with an ID3v2 tag in front
  ];
  for (const [fixture, extra, rate, frames] of cases) {
    it(`${fixture}${extra.length ? ' with ID3v2' : ''} matches ffprobe`, async () => {
      const out = join(dir, `${fixture}.aac`);
      expect(spawnSync('ffmpeg', ['-v', 'error', '-y', '-i', `test/fixtures/${fixture}`, '-vn', '-c:a', 'copy', '-f', 'adts', ...extra, out]).status).toBe(0);
      const doc = await adtsFormat.open(new MemorySource(new Uint8Array(readFileSync(out))), ANNOTATE);
      const probe = ffprobePackets(out);
      const scale = Number(probe.timeBase.split('/')[1]) / rate;
      expect(doc.packets.count).toBe(frames);
      expect(probe.packets.map((p) => [Number(p.pos), Number(p.size), p.pts])).toEqual(
        [...Array(doc.packets.count).keys()].map((i) => [doc.packets.offset[i], doc.packets.size[i], doc.packets.pts[i]! * scale]),
      );
      expect(doc.tracks[0]).toMatchObject({ sampleRate: rate, channels: 1, codec: 'mp4a.40.2' });
      expect(codes(doc.tree)).toEqual([]);
    });
  }
});

describe('adtsFormat.open on damaged files', () => {
  it('resynchronises after garbage between frames, with a diagnostic', async () => {
    const junk = new Uint8Array(50).fill(0xff); // 0xFF bytes look like syncwords but never form a header pair
    const bytes = new Uint8Array([...file.subarray(0, 572), ...junk, ...file.subarray(572)]);
    const doc = await adtsFormat.open(new MemorySource(bytes), ANNOTATE);
    expect(doc.packets.count).toBe(88);
    expect(doc.packets.offset[2]).toBe(572 + 50);
    const garbage = doc.tree.find((n) => n.name === 'garbage')!;
    expect(garbage).toMatchObject({ start: 572, end: 622 });
    expect(garbage.diagnostics[0]!.code).toBe('adts-resync');
  });

  it('shows a header whose aac_frame_length is shorter than the header, and moves on', async () => {
    const bad = [0xff, 0xf1, 0x50, 0x40, 0x00, 0xa0, 0x00]; // aac_frame_length = 5
    const bytes = new Uint8Array([...bad, ...file.subarray(0, 1000)]);
    const doc = await adtsFormat.open(new MemorySource(bytes), ANNOTATE);
    expect(codes(doc.tree)[0]).toBe('adts-frame-length-too-short');
    expect(doc.packets.offset[0]).toBe(7);
  });

  it('reports a last frame cut off, and a CRC cut off', async () => {
    const cut = await adtsFormat.open(new MemorySource(file.subarray(0, 300)), ANNOTATE);
    expect(cut.packets.count).toBe(1);
    expect(codes(cut.tree)).toContain('adts-frame-truncated');
    const crc = new Uint8Array([0xff, 0xf0, 0x50, 0x40, 0x23, 0xff, 0xfc, 0xab]); // protection_absent 0, one byte of crc_check
    const crcDoc = await adtsFormat.open(new MemorySource(crc), ANNOTATE);
    expect(codes(crcDoc.tree)).toContain('adts-crc-cut-off');
  });

  it('reports sampling index 15 without a track for it', async () => {
    const bytes = new Uint8Array([0xff, 0xf1, 0x7c, 0x40, 0x01, 0x3f, 0xfc, 0x21, 0x00]); // sampling_frequency_index 15, 9-byte frame
    const doc = await adtsFormat.open(new MemorySource(bytes), ANNOTATE);
    expect(codes(doc.tree)).toContain('adts-bad-sampling-frequency-index');
    expect(doc.tracks).toEqual([]);
  });

  it('skips an ID3v2 tag', async () => {
    const id3 = [0x49, 0x44, 0x33, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0xaa, 0xbb]; // "ID3" v2.3, size 2, 2 bytes of frames
    const doc = await adtsFormat.open(new MemorySource(new Uint8Array([...id3, ...file])), ANNOTATE);
    expect(doc.tree[0]).toMatchObject({ kind: 'tag', name: 'ID3v2', start: 0, end: 12 });
    expect(doc.packets.count).toBe(88);
    expect(doc.packets.offset[0]).toBe(12);
  });
});

describe('adtsFormat.open properties', () => {
  it('gives the same document whatever the read chunking (short reads)', async () => {
    const reference = summary(await adtsFormat.open(new MemorySource(file), ANNOTATE));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 8 }), async (chunks) => {
        const doc = await adtsFormat.open(new ShortReadSource(file, chunks), ANNOTATE);
        expect(summary(doc)).toEqual(reference);
      }),
      { numRuns: 25 },
    );
  });

  it('never reads the whole file at once', async () => {
    const big = new Uint8Array(3_000_000);
    for (let at = 0; at + file.length <= big.length; at += file.length) big.set(file, at);
    const source = new ShortReadSource(big, [1 << 30]);
    const doc = await adtsFormat.open(source, BULK);
    expect(doc.packets.count).toBeGreaterThan(88 * 100);
    expect(source.maxRead).toBeLessThan(1 << 20);
  });

  it('never throws on corrupted bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(file.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 40 }), fc.nat(file.length), async (edits, cut) => {
        const bytes = file.slice(0, Math.max(cut, 1));
        for (const [at, v] of edits) if (at < bytes.length) bytes[at] = v;
        const doc = await adtsFormat.open(new MemorySource(bytes), ANNOTATE);
        expect(doc.size).toBe(bytes.length);
      }),
      { numRuns: 200 },
    );
  });
});
