// Playback stays lazy and bounded: on a 250 MiB MP4 (a virtual one: real boxes, an mdat of zeros that
// no memory holds) preparing playback reads nothing from the source, and each fragment reads about its
// own bytes. And a document whose descriptions change mid-stream (generations) comes out, fragment by
// fragment on demand, exactly as the whole remux writes it.
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../media/detect.js';
import type { MediaDocument, SampleAccess } from '../../../media/model/document-model.js';
import { BULK } from '../../../media/model/types.js';
import { remuxDocument } from '../../../media/remux/document-remux.js';
import type { ByteSource } from '../../../media/source/byte-source.js';
import { MemorySource } from '../../../media/source/memory-source.js';
import { playSession } from '../../../renderer/src/workers/remux-session.js';
import { ascii, box, fullBox, u16, u32 } from '../../helpers/bytes.js';
import { fixtureBytes } from '../../helpers/fixtures.js';

const SAMPLES = 1000;
/** 25 fps in a 12,800 Hz timescale: 512 ticks a frame. */
const TIMESCALE = 12_800;
const DELTA = 512;
/** A keyframe every 50 samples (2 s): with 1 s fragments, each fragment is one GOP. */
const GOP = 50;
const SAMPLE_BYTES = 256 * 1024;
/** What the MP4 sample reader loads ahead of a sample (media/formats/isobmff/sample-access.ts). */
const READ_AHEAD = 1 << 20;

/** Counts what is read through it. */
class CountingSource implements ByteSource {
  bytes = 0;
  reads: Array<[number, number]> = [];

  constructor(private readonly inner: ByteSource) {}

  get size(): number {
    return this.inner.size;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const got = await this.inner.read(offset, length);
    this.bytes += got.length;
    this.reads.push([offset, got.length]);
    return got;
  }

  reset(): void {
    this.bytes = 0;
    this.reads = [];
  }
}

/** Bytes [0, head.length) and [gapEnd, size) from memory; zeros in between, made only when read. */
class SparseSource implements ByteSource {
  readonly size: number;

  constructor(
    private readonly head: Uint8Array,
    private readonly gapEnd: number,
    private readonly tail: Uint8Array,
  ) {
    this.size = gapEnd + tail.length;
  }

  read(offset: number, length: number): Promise<Uint8Array> {
    const from = Math.max(0, Math.min(offset, this.size));
    const out = new Uint8Array(Math.max(0, Math.min(offset + length, this.size) - from));
    if (from < this.head.length) out.set(this.head.subarray(from, from + out.length));
    const t = from + out.length - this.gapEnd;
    if (t > 0) out.set(this.tail.subarray(Math.max(0, from - this.gapEnd), t), Math.max(0, this.gapEnd - from));
    return Promise.resolve(out);
  }
}

/** The first video stsd box of a fixture, as its bytes are (moov/trak/mdia/minf/stbl/stsd). */
function fixtureStsd(name: string): number[] {
  const file = fixtureBytes(name);
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const type = (at: number): string => String.fromCharCode(...file.subarray(at + 4, at + 8));
  const child = (start: number, end: number, want: string): [number, number][] => {
    const out: [number, number][] = [];
    for (let at = start; at + 8 <= end && v.getUint32(at) >= 8; at += v.getUint32(at)) if (type(at) === want) out.push([at, at + v.getUint32(at)]);
    return out;
  };
  const [moov] = child(0, file.length, 'moov');
  for (const trak of child(moov![0] + 8, moov![1], 'trak')) {
    const [mdia] = child(trak[0] + 8, trak[1], 'mdia');
    const [hdlr] = child(mdia![0] + 8, mdia![1], 'hdlr');
    if (type(hdlr![0] + 12) !== 'vide') continue;
    const [minf] = child(mdia![0] + 8, mdia![1], 'minf');
    const [stbl] = child(minf![0] + 8, minf![1], 'stbl');
    const [stsd] = child(stbl![0] + 8, stbl![1], 'stsd');
    return [...file.subarray(stsd![0], stsd![1])];
  }
  throw new Error(`no video stsd in ${name}`);
}

/** ftyp, an mdat of SAMPLES samples of SAMPLE_BYTES zeros, a moov with one H.264 track after it. */
function sparseMp4(): SparseSource {
  const ftyp = box('ftyp', [...ascii('isom'), ...u32(0x200), ...ascii('isom'), ...ascii('avc1')]);
  const mdatStart = ftyp.length + 8;
  const payload = SAMPLES * SAMPLE_BYTES;
  const mdatHeader = [...u32(8 + payload), ...ascii('mdat')];
  const duration = SAMPLES * DELTA;
  const matrix = [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000].flatMap(u32);
  const stbl = box('stbl', [
    ...fixtureStsd('avc-baseline-aac.mp4'),
    ...fullBox('stts', 0, 0, [...u32(1), ...u32(SAMPLES), ...u32(DELTA)]), // every sample lasts 512 ticks
    ...fullBox('stss', 0, 0, [...u32(SAMPLES / GOP), ...Array.from({ length: SAMPLES / GOP }, (_, k) => u32(k * GOP + 1)).flat()]), // keyframes 1, 51, 101 ...
    ...fullBox('stsc', 0, 0, [...u32(1), ...u32(1), ...u32(1), ...u32(1)]), // one sample per chunk
    ...fullBox('stsz', 0, 0, [...u32(SAMPLE_BYTES), ...u32(SAMPLES)]), // sample_size = 256 KiB each
    ...fullBox('stco', 0, 0, [...u32(SAMPLES), ...Array.from({ length: SAMPLES }, (_, i) => u32(mdatStart + i * SAMPLE_BYTES)).flat()]),
  ]);
  const minf = box('minf', [...fullBox('vmhd', 0, 1, [...u16(0), ...u16(0), ...u16(0), ...u16(0)]), ...box('dinf', fullBox('dref', 0, 0, [...u32(1), ...fullBox('url ', 0, 1)])), ...stbl]);
  const mdia = box('mdia', [
    ...fullBox('mdhd', 0, 0, [...u32(0), ...u32(0), ...u32(TIMESCALE), ...u32(duration), ...u16(0x55c4), ...u16(0)]),
    ...fullBox('hdlr', 0, 0, [...u32(0), ...ascii('vide'), ...u32(0), ...u32(0), ...u32(0), ...ascii('VideoHandler\0')]),
    ...minf,
  ]);
  const seconds = Math.round((duration / TIMESCALE) * 1000);
  const tkhd = fullBox('tkhd', 0, 3, [...u32(0), ...u32(0), ...u32(1), ...u32(0), ...u32(seconds), ...u32(0), ...u32(0), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...matrix, ...u32(320 << 16), ...u32(240 << 16)]);
  const mvhd = fullBox('mvhd', 0, 0, [...u32(0), ...u32(0), ...u32(1000), ...u32(seconds), ...u32(0x10000), ...u16(0x100), ...u16(0), ...u32(0), ...u32(0), ...matrix, ...new Array<number>(24).fill(0), ...u32(2)]);
  const moov = box('moov', [...mvhd, ...box('trak', [...tkhd, ...mdia])]);
  return new SparseSource(Uint8Array.from([...ftyp, ...mdatHeader]), mdatStart + payload, Uint8Array.from(moov));
}

describe('opening reads a file once', () => {
  it.each(['aac-lc.adts.aac', 'segment.ts', 'annexb.h264'])('%s: the structure pass reads each byte once; sample access adds no second pass', async (name) => {
    const bytes = fixtureBytes(name);
    const source = new CountingSource(new MemorySource(bytes));
    const doc = await (await detectFormat(source, name))!.open(source, BULK);
    expect(doc.samples).toBeDefined();
    // Format detection reads the first 4 KiB (and the raw stream's codec check again); its parameter sets, a few
    // dozen bytes, are read again for the description. Before, sample access read the whole file a second time.
    expect(source.bytes).toBeLessThanOrEqual(bytes.length + 2 * 4096 + 256);
  });
});

describe('playback reads only what it plays', () => {
  it('a 250 MiB MP4: preparing reads nothing, each fragment about its own bytes, a fragment asked again none', async () => {
    const source = new CountingSource(sparseMp4());
    const format = await detectFormat(source, 'sparse.mp4');
    const doc = await format!.open(source, BULK);
    expect(doc.packets.count).toBe(SAMPLES);
    expect(source.bytes).toBeLessThan(READ_AHEAD); // opening read the boxes, not the mdat

    source.reset();
    const session = await playSession(doc, 1);
    expect(source.bytes).toBe(0); // the plan comes from the packet table alone
    const media = session.index.segments.flatMap((s, k) => (s.kind === 'media' ? [k] : []));
    expect(media).toHaveLength(SAMPLES / GOP);
    expect(session.index.segments.filter((s) => s.kind === 'media').every((s) => s.duration === (GOP * DELTA) / TIMESCALE)).toBe(true);

    await session.segment(0); // the init segment: made with the plan
    expect(source.bytes).toBe(0);

    for (const k of [media[0]!, media[9]!, media[media.length - 1]!, media[3]!]) {
      source.reset();
      const bytes = await session.segment(k);
      const seg = session.index.segments[k]!;
      const p = doc.packets;
      const first = p.offset[seg.packets[0]!]!;
      const end = p.offset[seg.packets[seg.packets.length - 1]!]! + SAMPLE_BYTES;
      expect(bytes.length).toBe(seg.size);
      expect(source.bytes, `segment ${k}`).toBeGreaterThanOrEqual(end - first - READ_AHEAD);
      expect(source.bytes, `segment ${k}`).toBeLessThanOrEqual(end - first + READ_AHEAD);
      for (const [at, n] of source.reads) {
        expect(at).toBeGreaterThanOrEqual(first);
        expect(at + n).toBeLessThanOrEqual(end + READ_AHEAD);
      }
    }
    // hls.js asks again (a seek back): a recent fragment is kept.
    source.reset();
    await session.segment(media[3]!);
    expect(source.bytes).toBe(0);
  });

  it('descriptions changing mid-stream: each generation starts with its init segment, and every segment made on demand is the whole remux\'s', async () => {
    const source = new MemorySource(fixtureBytes('avc-baseline-aac.mp4'));
    const base = await (await detectFormat(source, 'x.mp4'))!.open(source, BULK);
    const inner = base.samples!;
    // Each track switches to a second (equal) description at its own point: video a third in, audio two thirds.
    const p = base.packets;
    const description = new Uint16Array(p.count);
    const seen = new Map<number, number>();
    const counts = base.tracks.map((t) => t.samples);
    for (let i = 0; i < p.count; i++) {
      const t = p.track[i]!;
      const n = seen.get(t) ?? 0;
      seen.set(t, n + 1);
      description[i] = n >= counts[t]! * (base.tracks[t]!.kind === 'video' ? 1 / 3 : 2 / 3) ? 1 : 0;
    }
    const samples: SampleAccess = {
      descriptions: inner.descriptions.map((list) => (list.length ? [list[0]!, { ...list[0]! }] : [])),
      description,
      duration: inner.duration,
      read: (i) => inner.read(i),
    };
    const doc: MediaDocument = { ...base, samples };
    const whole: Uint8Array[] = [];
    await remuxDocument(doc, (s) => void (s.type !== 'index' && whole.push(s.data)), { fragmentDuration: 1 });
    const session = await playSession(doc, 1);
    const segments = session.index.segments;
    expect(segments.filter((s) => s.kind === 'init').map((s) => s.generation)).toEqual([0, 1, 2]);
    expect(segments).toHaveLength(whole.length);
    for (let k = whole.length - 1; k >= 0; k--) expect(await session.segment(k), `seg ${k}`).toEqual(whole[k]);
  });
});
