import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../../media/detect.js';
import { flvFormat } from '../../../../media/formats/flv/flv-format.js';
import { MAX_LOADED_BODY } from '../../../../media/formats/flv/flv-tag.js';
import { READ_WINDOW } from '../../../../media/formats/flv/parse-flv.js';
import type { MediaDocument } from '../../../../media/model/document-model.js';
import { ANNOTATE, BULK } from '../../../../media/model/types.js';
import { MemorySource } from '../../../../media/source/memory-source.js';
import { document, flv, tag } from './flv-bytes.js';
import { u24, u32 } from '../../../helpers/bytes.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../../../fixtures/${name}`, import.meta.url));

interface ProbePacket {
  codec_type: string;
  stream_index: number;
  pts: number;
  dts: number;
  size: string;
  pos: string;
  flags: string;
}
interface ProbeStream {
  index: number;
  codec_type: string;
  codec_name: string;
  width?: number;
  height?: number;
  sample_rate?: string;
  channels?: number;
  r_frame_rate: string;
}

function ffprobe<T>(path: string, what: string): T {
  return JSON.parse(execFileSync('ffprobe', ['-v', 'error', what, '-of', 'json', path], { encoding: 'utf8' })) as T;
}

async function open(name: string, options = ANNOTATE): Promise<MediaDocument> {
  return flvFormat.open(new MemorySource(new Uint8Array(readFileSync(fixture(name)))), options);
}

/** The codec header bytes between the tag header (ffprobe's pos) and the payload: AVCVIDEOPACKET 5, AACAUDIODATA 2. */
const CODEC_HEADER = { video: 5, audio: 2 } as const;

describe('FLV packets agree with ffprobe -show_packets', () => {
  for (const name of ['avc-aac.flv', 'avc-high-bframes.flv']) {
    it(`${name}: count, pts, dts, size, offset and keyframe flag of every packet, per stream`, async () => {
      const doc = await open(name, BULK);
      const { packets } = ffprobe<{ packets: ProbePacket[] }>(fixture(name), '-show_packets');
      const p = doc.packets;
      expect(p.count).toBe(packets.length);
      for (let i = 0; i < packets.length; i++) {
        const want = packets[i]!;
        const kind = want.codec_type as 'video' | 'audio';
        const got = {
          stream: p.track[i],
          kind: doc.tracks[p.track[i]!]!.kind,
          pts: p.pts[i],
          dts: p.dts[i],
          size: p.size[i],
          offset: p.offset[i],
          key: p.keyframe[i] === 1,
        };
        expect(got, `packet ${i}`).toEqual({
          stream: want.stream_index,
          kind,
          pts: want.pts,
          dts: want.dts,
          size: Number(want.size),
          // ffprobe's pos is the tag start; our offset is the codec payload after the tag and codec headers.
          offset: Number(want.pos) + 11 + CODEC_HEADER[kind],
          key: want.flags.startsWith('K'),
        });
      }
      for (let t = 0; t < doc.tracks.length; t++) {
        expect(doc.tracks[t]!.samples).toBe(packets.filter((x) => x.stream_index === t).length);
        expect(doc.tracks[t]!.keyframes).toBe(packets.filter((x) => x.stream_index === t && x.flags.startsWith('K')).length);
      }
    });

    it(`${name}: tracks in ffprobe's stream order, with its stream facts`, async () => {
      const doc = await open(name);
      const { streams } = ffprobe<{ streams: ProbeStream[] }>(fixture(name), '-show_streams');
      expect(doc.tracks.map((t) => [t.kind, t.codecName])).toEqual(streams.map((s) => [s.codec_type, s.codec_name]));
      for (const s of streams) {
        const t = doc.tracks[s.index]!;
        expect(t.timescale).toBe(1000);
        if (s.codec_type === 'video') {
          expect([t.width, t.height]).toEqual([s.width, s.height]);
          const [num, den] = s.r_frame_rate.split('/').map(Number);
          expect(t.frameRate![0] / t.frameRate![1]).toBeCloseTo(num! / den!, 6);
        } else {
          expect([t.sampleRate, t.channels]).toEqual([Number(s.sample_rate), s.channels]);
        }
      }
    });
  }

  it('reports the codec strings from the sequence headers and no diagnostics', async () => {
    const a = await open('avc-aac.flv');
    expect(a.format).toBe('flv');
    expect(a.tracks.map((t) => t.codec)).toEqual(['avc1.42C00D', 'mp4a.40.2']);
    expect(a.tracks.map((t) => [t.samples, t.durationSeconds])).toEqual([[75, 3], [131, 3.041]]);
    const b = await open('avc-high-bframes.flv');
    expect(b.tracks.map((t) => t.codec)).toEqual(['avc1.64001E', 'mp4a.40.2']);
    for (const doc of [a, b]) expect(doc.tree.flatMap((n) => n.diagnostics)).toEqual([]);
  });

  it('shows onMetaData as a readable table', async () => {
    const doc = await open('avc-aac.flv');
    const script = doc.tree[1]!;
    expect(script.title).toBe('onMetaData');
    const table = script.fields.find((f) => f.name === 'metadata')!;
    const shown = Object.fromEntries(table.fields!.map((f) => [f.name, f.display]));
    expect(shown).toMatchObject({ width: '320 px', height: '240 px', framerate: '25 frames/s', videocodecid: '7 (AVC)', audiocodecid: '10 (AAC)', encoder: '"Lavf59.27.100"' });
  });
});

describe('FlvDocumentBuilder', () => {
  it('flags a decode time that goes back within a track', () => {
    const doc = document(flv(tag(8, 40, [0xaf, 0x01, 0x21]), tag(8, 20, [0xaf, 0x01, 0x21])));
    expect(doc.tree[2]!.diagnostics.map((d) => d.code)).toEqual(['non-monotonic-dts']);
    expect(doc.tree[1]!.diagnostics).toEqual([]);
  });
});

describe('flvFormat', () => {
  it('probes the signature and version 1 only', () => {
    expect(flvFormat.probe(Uint8Array.from([0x46, 0x4c, 0x56, 0x01, 0x05]))).toBe(true);
    expect(flvFormat.probe(Uint8Array.from([0x46, 0x4c, 0x56, 0x02, 0x05]))).toBe(false);
    expect(flvFormat.probe(Uint8Array.from([0x00, 0x00, 0x00, 0x20, 0x66, 0x74, 0x79, 0x70]))).toBe(false);
  });

  it('is the format detectFormat picks for an FLV file', async () => {
    const source = new MemorySource(new Uint8Array(readFileSync(fixture('avc-aac.flv'))));
    expect((await detectFormat(source, 'avc-aac.flv'))?.name).toBe('flv');
  });

  it('reads a source in windows and skips bodies over the load limit unread', async () => {
    const big = MAX_LOADED_BODY + 1024 * 1024;
    const bytes = new Uint8Array(13 + 11 + big + 4 + 11 + 3 + 4);
    bytes.set(flv()); // FLV header, PreviousTagSize0
    bytes.set([0x09, ...u24(big), 0, 0, 0, 0, 0, 0, 0, 0x17, 0x01, 0, 0, 0], 13); // video tag header, key frame, AVC NALU
    bytes.set(u32(11 + big), 13 + 11 + big); // PreviousTagSize
    bytes.set([...tag(8, 0, [0xaf, 0x01, 0x21])], 13 + 11 + big + 4); // a small AAC raw tag after it
    const source = new MemorySource(bytes);
    let read = 0;
    const counting = { size: source.size, read: (o: number, n: number) => ((read += n), source.read(o, n)) };
    const doc = await flvFormat.open(counting, ANNOTATE);
    expect(doc.tracks.map((t) => [t.kind, t.samples])).toEqual([['video', 1], ['audio', 1]]);
    expect(doc.packets.size[0]).toBe(big - 5);
    expect(read).toBeLessThan(READ_WINDOW * 2);
  });
});
