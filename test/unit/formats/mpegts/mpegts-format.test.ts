import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mpegtsFormat, tsPacketSize } from '../../../../media/formats/mpegts/mpegts-format.js';
import { MemorySource } from '../../../../media/source/memory-source.js';
import { ANNOTATE, BULK, type Node } from '../../../../media/model/types.js';
import type { MediaDocument } from '../../../../media/model/document-model.js';
import { ShortReadSource } from '../adts/short-read-source.js';
import { findField } from '../../../helpers/fields.js';
import { crc32Mpeg } from '../../../../media/formats/mpegts/crc32-mpeg.js';

const FIXTURE = 'test/fixtures/segment.ts';
const file = new Uint8Array(readFileSync(FIXTURE));

interface ProbePacket { stream_index: number; pts: number; dts: number; size: string; pos?: string; flags: string }
function ffprobePackets(path: string): ProbePacket[] {
  const run = spawnSync('ffprobe', ['-v', 'error', '-show_packets', '-of', 'json', path], { encoding: 'utf8' });
  return (JSON.parse(run.stdout) as { packets: ProbePacket[] }).packets;
}

const codes = (nodes: Node[]): string[] => nodes.flatMap((n) => [...n.diagnostics.map((d) => d.code), ...codes(n.children)]);
const summary = (doc: MediaDocument) => ({ tracks: doc.tracks, packets: doc.packets, tree: JSON.stringify(doc.tree), diagnostics: doc.diagnostics });
describe('mpegtsFormat.probe', () => {
  it('accepts 188- and 192-byte packets, refuses others', () => {
    expect(tsPacketSize(file.subarray(0, 4096))).toBe(188);
    expect(tsPacketSize(toM2ts(file).subarray(0, 4096))).toBe(192);
    expect(mpegtsFormat.probe(new Uint8Array(readFileSync('test/fixtures/aac-lc.adts.aac')).subarray(0, 4096))).toBe(false);
    expect(mpegtsFormat.probe(new Uint8Array(readFileSync('test/fixtures/avc-aac.flv')).subarray(0, 4096))).toBe(false);
    expect(mpegtsFormat.probe(new Uint8Array([0x47, 0, 0]))).toBe(false);
  });
});

/** Every packet with a 4-byte TP_extra_header in front (BDAV M2TS). */
function toM2ts(ts: Uint8Array): Uint8Array {
  const n = Math.floor(ts.length / 188);
  const out = new Uint8Array(n * 192);
  for (let i = 0; i < n; i++) out.set(ts.subarray(i * 188, i * 188 + 188), i * 192 + 4);
  return out;
}

describe('mpegtsFormat.open on the fixture', () => {
  it('matches ffprobe -show_packets per stream: count, size, pos, pts/dts (1/90000), keyframes', async () => {
    const doc = await mpegtsFormat.open(new MemorySource(file), ANNOTATE);
    const probe = ffprobePackets(FIXTURE);
    for (const stream of [0, 1]) {
      const theirs = probe.filter((p) => p.stream_index === stream);
      const ours = [...Array(doc.packets.count).keys()].filter((i) => doc.packets.track[i] === stream);
      expect(ours.length).toBe(theirs.length);
      theirs.forEach((p, k) => {
        const i = ours[k]!;
        expect([doc.packets.pts[i], doc.packets.dts[i], doc.packets.size[i], doc.packets.keyframe[i]]).toEqual([p.pts, p.dts, Number(p.size), p.flags.startsWith('K') ? 1 : 0]);
        // ffprobe gives a position only for the first ADTS frame of each PES.
        if (p.pos !== undefined) expect(doc.packets.offset[i]).toBe(Number(p.pos));
      });
    }
    // Demux order is ffprobe's: a PES is handed on when complete.
    expect([...doc.packets.track]).toEqual(probe.map((p) => p.stream_index));
  });

  it('reports the tracks from the PMT, the SPS and the ADTS headers', async () => {
    const doc = await mpegtsFormat.open(new MemorySource(file), ANNOTATE);
    expect(doc.tracks).toHaveLength(2);
    expect(doc.tracks[0]).toMatchObject({ id: 0x100, kind: 'video', codecName: 'h264', codec: 'avc1.64000D', width: 320, height: 240, timescale: 90000, samples: 50, keyframes: 2, durationSeconds: 2 });
    expect(doc.tracks[1]).toMatchObject({ id: 0x101, kind: 'audio', codecName: 'aac', codec: 'mp4a.40.2', sampleRate: 44100, channels: 1, timescale: 90000, samples: 88, keyframes: 88 });
    expect(doc.diagnostics).toEqual([]);
    expect(codes(doc.tree)).toEqual([]);
  });

  it('shows every packet, the PSI tables and the reassembled PES packets with their content at file bits', async () => {
    const doc = await mpegtsFormat.open(new MemorySource(file), ANNOTATE);
    const [packets, tables, streams] = doc.tree;
    expect(packets!.children).toHaveLength(file.length / 188);
    expect(packets!.children[3]).toMatchObject({ kind: 'packet', start: 564, end: 752 });
    expect(tables!.children.slice(0, 3).map((n) => n.name)).toEqual(['SDT', 'PAT', 'PMT']);
    expect(streams!.children.map((n) => n.name)).toEqual(['PID 0x0100', 'PID 0x0101']);
    const video = streams!.children[0]!;
    expect(video.children).toHaveLength(50);
    const pes0 = video.children[0]!;
    expect(pes0).toMatchObject({ start: 564, end: 6016 });
    expect(pes0.children.map((n) => n.name)).toEqual(['AUD', 'SPS', 'PPS', 'SEI', 'IDR']);
    // The SPS's profile_idc byte is read from the joined payload but shown where it is in the file.
    const sps = pes0.children[1]!;
    expect(file[findField(sps.fields, 'profile_idc')!.bitOffset / 8]).toBe(100);
    const audio = streams!.children[1]!;
    const frames = audio.children.flatMap((pes) => pes.children);
    expect(frames).toHaveLength(88);
    // Every frame's syncword field lies on 0xFFF in the file, though frames cross TS packet headers.
    for (const f of frames) {
      const sync = findField(f.children[0]!.fields, 'syncword')!;
      expect(file[sync.bitOffset / 8]).toBe(0xff);
    }
  });

  it('gives the same packets without recording, and M2TS gives the same with offsets moved', async () => {
    const annotated = await mpegtsFormat.open(new MemorySource(file), ANNOTATE);
    const bulk = await mpegtsFormat.open(new MemorySource(file), BULK);
    expect(bulk.packets).toEqual(annotated.packets);
    expect(bulk.tracks).toEqual(annotated.tracks);
    const m2ts = await mpegtsFormat.open(new MemorySource(toM2ts(file)), BULK);
    expect([...m2ts.packets.pts]).toEqual([...annotated.packets.pts]);
    expect([...m2ts.packets.offset].slice(0, 8)).toEqual([...annotated.packets.offset].slice(0, 8).map((o) => (o / 188) * 192));
  });
});

describe('mpegtsFormat.open on damaged streams', () => {
  it('resynchronises after lost sync and reports the continuity error it causes', async () => {
    const bytes = new Uint8Array([...file.subarray(0, 188 * 10), ...new Uint8Array(100), ...file.subarray(188 * 11)]);
    const doc = await mpegtsFormat.open(new MemorySource(bytes), ANNOTATE);
    const found = codes(doc.tree);
    expect(found).toContain('ts-sync-lost');
    expect(found).toContain('ts-continuity-error');
    const garbage = doc.tree[0]!.children.find((n) => n.name === 'garbage')!;
    expect(garbage.start).toBe(1880);
  });

  it('reports a PSI CRC mismatch and a PCR going backwards', async () => {
    const bytes = file.slice();
    bytes[188 + 4 + 1 + 9] ^= 0x01; // a bit of the first PAT's program_map_PID
    const doc = await mpegtsFormat.open(new MemorySource(bytes), ANNOTATE);
    expect(codes(doc.tree)).toContain('psi-crc-mismatch');
    const pcrPackets = doc.tree[0]!.children.filter((n) => findField(n.fields, 'PCR'));
    expect(pcrPackets.length).toBeGreaterThan(2);
    const second = pcrPackets[1]!;
    const base = findField(second.fields, 'program_clock_reference_base')!;
    const again = file.slice();
    again[base.bitOffset / 8 + 1] = 0; // program_clock_reference_base bits 24-9 cleared: the second PCR drops below the first
    again[base.bitOffset / 8 + 2] = 0;
    const back = await mpegtsFormat.open(new MemorySource(again), ANNOTATE);
    expect(codes(back.tree)).toContain('ts-pcr-backwards');
  });

  it('reports a truncated last packet and a PES cut short', async () => {
    const doc = await mpegtsFormat.open(new MemorySource(file.subarray(0, 6000)), ANNOTATE);
    expect(codes(doc.tree)).toContain('ts-truncated-packet');
    expect(doc.packets.count).toBe(1); // the first video PES, cut: still one access unit
  });
});

describe('mpegtsFormat.open properties', () => {
  it('gives the same document whatever the read chunking (short reads)', async () => {
    const reference = summary(await mpegtsFormat.open(new MemorySource(file), ANNOTATE));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 40000 }), { minLength: 1, maxLength: 6 }), async (chunks) => {
        const doc = await mpegtsFormat.open(new ShortReadSource(file, chunks), ANNOTATE);
        expect(summary(doc)).toEqual(reference);
      }),
      { numRuns: 10 },
    );
  });

  it('never throws on corrupted bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(file.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 60 }), fc.nat(file.length), async (edits, cut) => {
        const bytes = file.slice(0, Math.max(cut, 1));
        for (const [at, v] of edits) if (at < bytes.length) bytes[at] = v;
        const doc = await mpegtsFormat.open(new MemorySource(bytes), BULK);
        expect(doc.size).toBe(bytes.length);
      }),
      { numRuns: 60 },
    );
  });

  it('never throws on corrupted headers (structure-aware: only the first 20 bytes of packets change)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(file.length / 188 - 1), fc.nat(19), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 30 }), async (edits) => {
        const bytes = file.slice();
        for (const [packet, at, v] of edits) bytes[packet * 188 + at] = v;
        await mpegtsFormat.open(new MemorySource(bytes), ANNOTATE);
      }),
      // The example once left the PES header reader mid-byte after an overflow.
      { numRuns: 40, examples: [[[[139, 11, 32]]]] },
    );
  });
});

describe('a PMT that changes version', () => {
  /** segment.ts whose PMT repeated at packet 55 becomes version 1 with a new private-data PID 0x200, then a PES on it. */
  function withNewStream(): Uint8Array {
    const packets = [...Array(file.length / 188).keys()].map((i) => file.slice(i * 188, i * 188 + 188));
    const pmt = packets[55]!;
    // pointer_field at 4; the section starts at 5: table_id, section_length (12 bits), program_number, version.
    const section = [...pmt.subarray(5, 5 + 3 + 0x17 - 4)];
    section[2] = 0x17 + 5; // section_length: one more entry of 5 bytes
    section[5] = 0xc3; // reserved '11', version_number 1, current_next_indicator 1
    section.push(0x06, 0xe2, 0x00, 0xf0, 0x00); // stream_type 0x06 (PES private data), elementary_PID 0x200, ES_info_length 0
    const crc = crc32Mpeg(new Uint8Array(section));
    section.push(crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff);
    const changed = new Uint8Array(188).fill(0xff);
    changed.set([...pmt.subarray(0, 5), ...section]);
    const payload = [0x00, 0x00, 0x01, 0xbd, 0x00, 0x0d, 0x80, 0x80, 0x05, 0x21, 0x00, 0x07, 0xd8, 0x61, 0x68, 0x65, 0x6c, 0x6c, 0x6f]; // PTS 126000, "hello"
    const pes = new Uint8Array(188);
    pes.set([0x47, 0x42, 0x00, 0x30, 188 - 5 - payload.length]); // PID 0x200, unit start, adaptation field + payload
    pes.set([0x00], 5); // adaptation flags, then stuffing
    pes.fill(0xff, 6, 188 - payload.length);
    pes.set(payload, 188 - payload.length);
    packets.splice(55, 1, changed, pes);
    const out = new Uint8Array(packets.length * 188);
    packets.forEach((p, i) => out.set(p, i * 188));
    return out;
  }

  it('adds the streams the new version lists, and says that it changed', async () => {
    const doc = await mpegtsFormat.open(new MemorySource(withNewStream()), ANNOTATE);
    expect(doc.tracks.map((t) => [t.id, t.codecName])).toEqual([[0x100, 'h264'], [0x101, 'aac'], [0x200, 'unknown']]);
    expect(doc.tracks[2]!.samples).toBe(1);
    expect(codes(doc.tree)).toContain('pmt-version-change');
    const i = [...Array(doc.packets.count).keys()].find((k) => doc.packets.track[k] === 2)!;
    expect([doc.packets.size[i], doc.packets.pts[i]]).toEqual([5, 126000]);
  });
});
