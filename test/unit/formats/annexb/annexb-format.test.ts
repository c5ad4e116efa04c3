import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { annexbCodecOf, annexbFormat } from '../../../../media/formats/annexb/annexb-format.js';
import { AvcStream } from '../../../../media/formats/annexb/avc-stream.js';
import { readAnnexB } from '../../../../media/formats/annexb/read-annexb.js';
import { ANNOTATE, BULK } from '../../../../media/model/types.js';
import type { ByteSource } from '../../../../media/source/byte-source.js';
import { MemorySource } from '../../../../media/source/memory-source.js';

const fixtures = join(__dirname, '../../../fixtures');
const temp = mkdtempSync(join(tmpdir(), 'bitlens-annexb-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface ProbePacket { pos: number; size: number; key: boolean; pts: number; dts: number }

function ffprobePackets(file: string): ProbePacket[] {
  const out = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_packets', '-show_entries', 'packet=pos,size,flags,pts,dts', '-of', 'json', file], { encoding: 'utf8' });
  const json = JSON.parse(out) as { packets: Array<{ pos?: string; size: string; flags: string; pts?: number; dts?: number }> };
  return json.packets.map((p) => ({ pos: Number(p.pos), size: Number(p.size), key: p.flags.startsWith('K'), pts: p.pts ?? NaN, dts: p.dts ?? NaN }));
}

/** Counts reads and remembers the largest. */
class CountingSource implements ByteSource {
  reads = 0;
  largest = 0;
  constructor(private readonly inner: MemorySource) {}
  get size(): number {
    return this.inner.size;
  }
  read(offset: number, length: number): Promise<Uint8Array> {
    this.reads++;
    this.largest = Math.max(this.largest, length);
    return this.inner.read(offset, length);
  }
}

describe('annexb.h264', () => {
  const file = join(fixtures, 'annexb.h264');
  const bytes = readFileSync(file);

  it('is probed as h264', () => {
    expect(annexbFormat.probe(bytes.subarray(0, 4096), 'annexb.h264')).toBe(true);
    expect(annexbFormat.probe(bytes.subarray(0, 4096))).toBe(true);
  });

  it('has the packets ffprobe -show_packets reports (count, pos, size, key flags)', async () => {
    const doc = await annexbFormat.open(new MemorySource(bytes), BULK);
    const theirs = ffprobePackets(file);
    const p = doc.packets;
    expect(p.count).toBe(theirs.length);
    for (let i = 0; i < p.count; i++) {
      expect({ pos: p.offset[i], size: p.size[i], key: p.keyframe[i] === 1 }, `packet ${i}`).toEqual({ pos: theirs[i]!.pos, size: theirs[i]!.size, key: theirs[i]!.key });
    }
  });

  it('describes the track as ffprobe does', async () => {
    const doc = await annexbFormat.open(new MemorySource(bytes), BULK);
    expect(doc.format).toBe('h264');
    expect(doc.diagnostics).toEqual([]);
    const [t] = doc.tracks;
    expect(t).toMatchObject({ kind: 'video', codecName: 'h264', codec: 'avc1.4D400D', width: 320, height: 240, frameRate: [25, 1], timescale: 50, samples: 50, keyframes: 2 });
    expect(t!.durationSeconds).toBe(2);
  });

  it('gives decode times in steps of one frame and presentation times in POC order', async () => {
    const doc = await annexbFormat.open(new MemorySource(bytes), BULK);
    const p = doc.packets;
    for (let i = 0; i < p.count; i++) {
      expect(p.dts[i]).toBe(2 * i);
      expect(p.pts[i]).toBeGreaterThanOrEqual(p.dts[i]!);
    }
    const shown = [...p.pts].sort((a, b) => a - b);
    // Every presentation slot is used once: PTS is a permutation of DTS shifted by the reorder delay.
    expect(shown.map((v) => v - shown[0]!)).toEqual([...p.dts]);
  });

  it('builds access units whose NAL units cover the file with no gap', async () => {
    const doc = await annexbFormat.open(new MemorySource(bytes), ANNOTATE);
    expect(doc.tree.length).toBe(50);
    let at = 0;
    for (const au of doc.tree) {
      expect(au.start).toBe(at);
      for (const nal of au.children) {
        expect(nal.start).toBe(at);
        at = nal.end;
      }
      expect(au.end).toBe(at);
    }
    expect(at).toBe(bytes.length);
    const first = doc.tree[0]!.children.map((n) => n.name);
    expect(first).toEqual(['SPS', 'PPS', 'SEI', 'IDR']);
    expect(doc.tree.flatMap((n) => [...n.diagnostics, ...n.children.flatMap((c) => c.diagnostics)])).toEqual([]);
  });

  it('reads the file in chunks, never whole', async () => {
    const source = new CountingSource(new MemorySource(bytes));
    await annexbFormat.open(source, BULK);
    expect(source.largest).toBeLessThanOrEqual(1 << 20);
  });

  it('gives the same packets whatever the chunking (start codes across chunk edges)', async () => {
    const whole = await annexbFormat.open(new MemorySource(bytes), BULK);
    for (const chunk of [1, 2, 3, 5, 7, 4096]) {
      const doc = await readAnnexB(new MemorySource(bytes), BULK, new AvcStream(), chunk);
      expect([...doc.packets.offset], `chunk ${chunk}`).toEqual([...whole.packets.offset]);
      expect([...doc.packets.size]).toEqual([...whole.packets.size]);
    }
  });
});

describe('H.264 from MP4 as Annex B', () => {
  it('puts B-frames in presentation order like the MP4 ctts does', async () => {
    const mp4 = join(fixtures, 'avc-high-bframes-faststart.mp4');
    const out = join(temp, 'high.h264');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', mp4, '-map', '0:v:0', '-c', 'copy', '-f', 'h264', out]);
    const doc = await annexbFormat.open(new MemorySource(readFileSync(out)), BULK);
    const theirs = ffprobePackets(mp4);
    const p = doc.packets;
    expect(p.count).toBe(theirs.length);
    // Same display order: the rank of each packet's PTS matches.
    const rank = (values: number[]): number[] => values.map((v) => values.filter((w) => w < v).length);
    expect(rank([...p.pts])).toEqual(rank(theirs.map((t) => t.pts)));
    expect(doc.tracks[0]).toMatchObject({ codec: 'avc1.64001E', width: 640, height: 360, frameRate: [30, 1] });
  });
});

describe('HEVC as Annex B', () => {
  const out = join(temp, 'hevc.h265');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', join(fixtures, 'hevc.mp4'), '-map', '0:v:0', '-c', 'copy', '-f', 'hevc', out]);
  const bytes = readFileSync(out);

  it('is probed by its VPS header', () => {
    expect(annexbCodecOf(bytes.subarray(0, 4096))).toBe('hevc');
    expect(annexbFormat.probe(bytes.subarray(0, 4096), 'x.h265')).toBe(true);
  });

  it('has the packets ffprobe -show_packets reports', async () => {
    const doc = await annexbFormat.open(new MemorySource(bytes), BULK);
    expect(doc.format).toBe('hevc');
    expect(doc.diagnostics).toEqual([]);
    const theirs = ffprobePackets(out);
    const p = doc.packets;
    expect(p.count).toBe(theirs.length);
    // ffmpeg's HEVC parser (unlike its H.264 one) leaves a 4-byte start code's zero_byte in the packet
    // before; H.265 B.2 makes it part of the next NAL unit's bytes, as we do.
    const ffmpegPos = (i: number): number => p.offset[i]! + (i > 0 && bytes[p.offset[i]! + 2] === 0 ? 1 : 0);
    for (let i = 0; i < p.count; i++) {
      const end = i + 1 < p.count ? ffmpegPos(i + 1) : bytes.length;
      expect({ pos: ffmpegPos(i), size: end - ffmpegPos(i), key: p.keyframe[i] === 1 }, `packet ${i}`).toEqual({ pos: theirs[i]!.pos, size: theirs[i]!.size, key: theirs[i]!.key });
    }
    expect(doc.tracks[0]).toMatchObject({ codecName: 'hevc', codec: 'hvc1.1.6.L60.90', width: 320, height: 240, frameRate: [25, 1], samples: 50 });
  });

  it('puts pictures in the display order of the MP4 ctts', async () => {
    const doc = await annexbFormat.open(new MemorySource(bytes), BULK);
    const theirs = ffprobePackets(join(fixtures, 'hevc.mp4'));
    const rank = (values: number[]): number[] => values.map((v) => values.filter((w) => w < v).length);
    expect(rank([...doc.packets.pts])).toEqual(rank(theirs.map((t) => t.pts)));
  });
});
