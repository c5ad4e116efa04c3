/**
 * More transport streams than the fixture: corpus files stream-copied to MPEG-TS by ffmpeg at test time,
 * then compared with ffprobe packet by packet.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mpegtsFormat } from '../../../../media/formats/mpegts/mpegts-format.js';
import { MemorySource } from '../../../../media/source/memory-source.js';
import { ANNOTATE, type Node } from '../../../../media/model/types.js';

const dir = mkdtempSync(join(tmpdir(), 'bitlens-ts-'));
function remux(fixture: string): string {
  const out = join(dir, fixture.replace(/\W/g, '_') + '.ts');
  const run = spawnSync('ffmpeg', ['-v', 'error', '-y', '-i', `test/fixtures/${fixture}`, '-c', 'copy', '-f', 'mpegts', out]);
  expect(run.status).toBe(0);
  return out;
}

interface ProbePacket { stream_index: number; pts: number; dts: number; size: string; pos?: string; flags: string }
const probe = (path: string): ProbePacket[] =>
  (JSON.parse(spawnSync('ffprobe', ['-v', 'error', '-show_packets', '-of', 'json', path], { encoding: 'utf8' }).stdout) as { packets: ProbePacket[] }).packets;
const codes = (nodes: Node[]): string[] => nodes.flatMap((n) => [...n.diagnostics.map((d) => d.code), ...codes(n.children)]);

async function compare(path: string, sizeAdjust: (stream: number, k: number, count: number) => number = () => 0) {
  const doc = await mpegtsFormat.open(new MemorySource(new Uint8Array(readFileSync(path))), ANNOTATE);
  const theirs = probe(path);
  expect([...doc.packets.track]).toEqual(theirs.map((p) => p.stream_index));
  const perStream = new Map<number, number>();
  theirs.forEach((p, i) => {
    const k = perStream.get(p.stream_index) ?? 0;
    perStream.set(p.stream_index, k + 1);
    const count = theirs.filter((q) => q.stream_index === p.stream_index).length;
    expect([doc.packets.pts[i], doc.packets.dts[i], doc.packets.keyframe[i]]).toEqual([p.pts, p.dts, p.flags.startsWith('K') ? 1 : 0]);
    expect(doc.packets.size[i]! + sizeAdjust(p.stream_index, k, count)).toBe(Number(p.size));
    if (p.pos !== undefined) expect(doc.packets.offset[i]).toBe(Number(p.pos));
  });
  expect(codes(doc.tree)).toEqual([]);
  return doc;
}

describe('MPEG-TS made from the corpus', () => {
  it('H.264 High with B-frames + AAC 48 kHz', async () => {
    const doc = await compare(remux('avc-high-bframes-faststart.mp4'));
    expect(doc.tracks.map((t) => [t.codec, t.width ?? t.sampleRate])).toEqual([['avc1.64001E', 640], ['mp4a.40.2', 48000]]);
  });

  it('HEVC: same packets, except the zero_byte ffmpeg counts with the access unit before it', async () => {
    // ffmpeg's HEVC parser cuts access units at 00 00 01, leaving a 4-byte start code's zero_byte with the previous unit:
    // its first packet is a byte longer and its last a byte shorter. H.265 B.2 puts zero_byte in the next NAL unit, as we do.
    const doc = await compare(remux('hevc.mp4'), (_stream, k, count) => (k === 0 ? 1 : k === count - 1 ? -1 : 0));
    expect(doc.tracks[0]).toMatchObject({ codecName: 'hevc', codec: 'hvc1.1.6.L60.90', width: 320, height: 240, samples: 50, keyframes: 2 });
  });
});
