/**
 * Every corpus file of the formats remux reads becomes a fragmented MP4 that ffmpeg decodes without a
 * word, whose packets are bit-identical to the source's (ffmpeg framemd5 on both sides), whose times are
 * the source's exactly (plus the one shift for negative times), and whose presentation order is right.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMedia } from '../../electron/cli/open-media.js';
import { runRemux } from '../../electron/cli/remux-command.js';
import { SegmentFiles } from '../../electron/cli/segment-files.js';
import { openIsoBmff } from '../../media/formats/isobmff/iso-bmff-format.js';
import type { MediaDocument } from '../../media/model/document-model.js';
import { BULK } from '../../media/model/types.js';
import { remuxDocument } from '../../media/remux/document-remux.js';
import { MemorySource } from '../../media/source/memory-source.js';
import { fixture } from '../helpers/fixtures.js';

const OUT = mkdtempSync(join(tmpdir(), 'bitlens-remux-'));

interface Case {
  file: string;
  /** Extra ffmpeg options on the source side / the output side of the framemd5 comparison. */
  source?: string[];
  output?: string[];
}

const CASES: Case[] = [
  { file: 'avc-baseline-aac.mp4' },
  { file: 'avc-high-bframes-faststart.mp4' },
  { file: 'avc-main-aac-fragmented.mp4' },
  { file: 'hevc.mp4' },
  { file: 'quicktime-aac.mov' },
  { file: 'smooth.ismv' },
  { file: 'smooth-audio.isma' },
  { file: 'avc-high-bframes.flv' },
  { file: 'avc-aac.flv' },
  { file: 'aac-lc.adts.aac', source: ['-bsf:a', 'aac_adtstoasc'] },
  { file: 'annexb.h264', output: ['-bsf:v', 'h264_mp4toannexb'] },
];

function run(cmd: string, args: string[]): { out: string; err: string; code: number | null } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { out: r.stdout, err: r.stderr, code: r.status };
}

/** Per stream: "size md5" of each packet, in order (framemd5 interleaves streams by time; this compares each stream). */
function framemd5(file: string, extra: string[] = []): string[][] {
  const r = run('ffmpeg', ['-v', 'error', '-i', file, '-map', '0', '-c', 'copy', ...extra, '-f', 'framemd5', '-']);
  expect(r.err).toBe('');
  const streams: string[][] = [];
  for (const line of r.out.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const cols = line.split(',').map((c) => c.trim());
    (streams[Number(cols[0])] ??= []).push(`${cols[4]} ${cols[5]}`);
  }
  return streams;
}

/** Per stream type: the rank of each packet's pts among its stream's (decode order), from ffprobe. */
function ptsRanks(file: string, type: 'v' | 'a'): number[] | undefined {
  const r = run('ffprobe', ['-v', 'error', '-select_streams', type, '-show_entries', 'packet=pts', '-of', 'csv=p=0', file]);
  const pts = r.out.split('\n').filter((l) => l.trim() !== '');
  if (pts.length === 0 || pts.some((p) => p.startsWith('N/A'))) return undefined;
  return ranks(pts.map(Number));
}

function ranks(values: number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out = new Array<number>(values.length);
  order.forEach(([, i], rank) => (out[i] = rank));
  return out;
}

/** Per track kind, the (dts, pts) of the document's packets in decode order. */
function times(doc: MediaDocument, kind: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const p = doc.packets;
  for (let i = 0; i < p.count; i++) if (doc.tracks[p.track[i]!]!.kind === kind) out.push([p.dts[i]!, p.pts[i]!]);
  return out.sort((a, b) => a[0] - b[0]);
}

async function remuxWithDocument(input: string, output: string): Promise<MediaDocument> {
  const media = await openMedia(input);
  const files = new SegmentFiles(output);
  try {
    await remuxDocument(media.doc, (s) => files.write(s), { index: true });
    return media.doc;
  } finally {
    await files.close();
    await media.close();
  }
}

describe.each(CASES)('remux $file', ({ file, source, output }) => {
  const out = join(OUT, `${file}.mp4`);

  it('decodes cleanly, with payloads identical to the source, exact times and the right presentation order', async () => {
    const src = await remuxWithDocument(fixture(file), out);
    expect(run('ffmpeg', ['-v', 'error', '-i', out, '-f', 'null', '-']).err).toBe('');
    const before = framemd5(fixture(file), source);
    const after = framemd5(out, output);
    // Streams may be numbered differently: compare them as a set of per-stream packet lists.
    expect([...after].sort()).toEqual([...before].sort());
    expect(after.flat().length).toBeGreaterThan(0);

    const mp4 = await openIsoBmff(new MemorySource(new Uint8Array(readFileSync(out))), BULK);
    for (const kind of ['video', 'audio']) {
      const a = times(src, kind);
      const b = times(mp4, kind);
      expect(b.length).toBe(a.length);
      if (a.length === 0) continue;
      // One shift for the whole file (0 unless the source has negative decode times, as ISMV audio does).
      const shift = b[0]![0] - a[0]![0];
      expect(b).toEqual(a.map(([d, p]) => [d + shift, p + shift]));
      expect(ranks(b.map(([, p]) => p))).toEqual(ranks(a.map(([, p]) => p)));
    }
    for (const type of ['v', 'a'] as const) {
      const want = ptsRanks(fixture(file), type);
      if (want) expect(ptsRanks(out, type)).toEqual(want);
    }
  });
});

describe('remux details', () => {
  it('shifts ISMV so the lowest decode time (audio at -232200) is 0, and keeps it in the edit lists', async () => {
    const out = join(OUT, 'ismv-shift.mp4');
    await remuxWithDocument(fixture('smooth.ismv'), out);
    const mp4 = await openIsoBmff(new MemorySource(new Uint8Array(readFileSync(out))), BULK);
    expect(mp4.tracks.map((t) => [t.kind, t.timescale, t.editShift])).toEqual([
      ['video', 10_000_000, 232200],
      ['audio', 10_000_000, 232200],
    ]);
    expect(times(mp4, 'audio')[0]).toEqual([0, 0]);
    expect(times(mp4, 'video')[0]).toEqual([232200, 232200]);
  });

  it('keeps the source timescales: ms for FLV, the sample rate for ADTS, the mdhd one for MP4', async () => {
    for (const [file, want] of [['avc-aac.flv', [1000, 1000]], ['aac-lc.adts.aac', [44100]], ['avc-high-bframes-faststart.mp4', [15360, 48000]]] as const) {
      const out = join(OUT, `ts-${file}.mp4`);
      await remuxWithDocument(fixture(file), out);
      const mp4 = await openIsoBmff(new MemorySource(new Uint8Array(readFileSync(out))), BULK);
      expect(mp4.tracks.map((t) => t.timescale)).toEqual(want);
    }
  });

  it('the FLV fast road writes the same bytes as the document road', async () => {
    for (const file of ['avc-aac.flv', 'avc-high-bframes.flv']) {
      const slow = join(OUT, `slow-${file}.mp4`);
      const fast = join(OUT, `fast-${file}.mp4`);
      await remuxWithDocument(fixture(file), slow);
      await runRemux([fixture(file), fast]);
      expect(Buffer.compare(readFileSync(fast), readFileSync(slow))).toBe(0);
    }
  });

  it('carries the AudioSpecificConfig and codec strings as the source has them', async () => {
    const out = join(OUT, 'codec.mp4');
    const src = await remuxWithDocument(fixture('avc-high-bframes-faststart.mp4'), out);
    const mp4 = await openIsoBmff(new MemorySource(new Uint8Array(readFileSync(out))), BULK);
    expect(mp4.tracks.map((t) => t.codec)).toEqual(src.tracks.map((t) => t.codec));
    expect(mp4.samples!.descriptions.map((d) => [...d[0]!.config])).toEqual(src.samples!.descriptions.map((d) => [...d[0]!.config]));
  });

  it('raw HEVC: an hvcC built from the stream\'s parameter sets, the same header ffmpeg writes, pictures decoding to the same frames', async () => {
    const src = fixture('hevc-annexb.hevc');
    const out = join(OUT, 'hevc-annexb.mp4');
    await remuxWithDocument(src, out);
    const probe = run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,codec_tag_string,profile,width,height', '-count_frames', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', out]);
    expect(probe.out.trim()).toBe('hevc,Main,hev1,320,240,50');
    const decoded = (file: string): string[] => run('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:v', '-f', 'framemd5', '-']).out.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(',').at(-1)!.trim());
    expect(decoded(out)).toEqual(decoded(src));
    expect(decoded(out)).toHaveLength(50);
    // The record's 23-byte header (profile, tier, level, constraints, chroma, bit depths, layers) equals the one
    // ffmpeg writes for the same stream; its parameter sets differ only in the PPS's trailing zero byte, which
    // ffmpeg keeps from the next 4-byte start code.
    const ffmpegMp4 = join(OUT, 'hevc-annexb-ffmpeg.mp4');
    expect(run('ffmpeg', ['-v', 'error', '-y', '-i', src, '-c', 'copy', ffmpegMp4]).err).toBe('');
    const config = async (file: string): Promise<Uint8Array> => (await openIsoBmff(new MemorySource(new Uint8Array(readFileSync(file))), BULK)).samples!.descriptions[0]![0]!.config;
    const ours = await config(out);
    const theirs = await config(ffmpegMp4);
    expect([...ours.subarray(0, 23)]).toEqual([...theirs.subarray(0, 23)]);
    const mp4 = await openIsoBmff(new MemorySource(new Uint8Array(readFileSync(out))), BULK);
    expect(mp4.tracks[0]!.codec).toBe('hev1.1.6.L60.90');
  });

  it('an MPEG-TS segment: samples gathered from their TS packets, AAC identical, H.264 decoding to the same frames, exact times', async () => {
    const src = fixture('segment.ts');
    const out = join(OUT, 'segment.mp4');
    const doc = await remuxWithDocument(src, out);
    expect(run('ffmpeg', ['-v', 'error', '-i', out, '-f', 'null', '-']).err).toBe('');
    // Audio: the raw AAC frames ffmpeg takes out of the ADTS headers, byte for byte.
    const audio = (file: string, extra: string[]): string[] => run('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:a', '-c', 'copy', ...extra, '-f', 'framemd5', '-']).out.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(',').slice(4, 6).join(',').trim());
    expect(audio(out, [])).toEqual(audio(src, ['-bsf:a', 'aac_adtstoasc']));
    // Video: the PES payloads keep their 4-byte start codes where ffmpeg's MP4-to-Annex B filter writes 3-byte ones,
    // so the pictures are compared decoded.
    const pictures = (file: string): string[] => run('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:v', '-f', 'framemd5', '-']).out.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(',').at(-1)!.trim());
    expect(pictures(out)).toEqual(pictures(src));
    expect(pictures(out)).toHaveLength(50);
    const mp4 = await openIsoBmff(new MemorySource(new Uint8Array(readFileSync(out))), BULK);
    expect(mp4.tracks.map((t) => [t.kind, t.codec, t.samples])).toEqual([['video', 'avc1.64000D', 50], ['audio', 'mp4a.40.2', 88]]);
    for (const kind of ['video', 'audio']) {
      const a = times(doc, kind);
      const b = times(mp4, kind);
      const shift = b[0]![0] - a[0]![0];
      expect(b).toEqual(a.map(([d, p]) => [d + shift, p + shift]));
    }
    // The video in 192-byte M2TS packets (a 4-byte TP_extra_header before each): gathered alike. (ffmpeg's M2TS
    // mode declares the AAC as private data, stream_type 6, which Bitlens does not make a track of.)
    const m2ts = join(OUT, 'segment.m2ts');
    expect(run('ffmpeg', ['-v', 'error', '-y', '-i', src, '-c', 'copy', '-f', 'mpegts', '-mpegts_m2ts_mode', '1', m2ts]).err).toBe('');
    const fromM2ts = join(OUT, 'segment-m2ts.mp4');
    await remuxWithDocument(m2ts, fromM2ts);
    expect(pictures(fromM2ts)).toEqual(pictures(src));
  });

  it('an MPEG-TS whose picture size changes: a new sample description where the SPS changes, each part decoding cleanly', async () => {
    // Two encodes at different sizes, one after the other in one file (as a stream switching resolution).
    const parts = ['320x240', '160x120'].map((size, k) => {
      const part = join(OUT, `switch-${k}.ts`);
      const r = run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25`, '-t', '1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-output_ts_offset', String(k), '-f', 'mpegts', part]);
      expect(r.err).toBe('');
      return readFileSync(part);
    });
    const src = join(OUT, 'switch.ts');
    writeFileSync(src, Buffer.concat(parts));
    const out = join(OUT, 'switch.mp4');
    await runRemux([src, out]);
    // The CLI starts a new file at a new description; each holds its part, at its size.
    const second = join(OUT, 'switch-2.mp4');
    for (const [file, size] of [[out, '320,240'], [second, '160,120']] as const) {
      expect(run('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'stream=width,height,nb_read_frames', '-of', 'csv=p=0', file]).out.trim()).toBe(`${size},25`);
      expect(run('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-']).err).toBe('');
    }
  });
});
