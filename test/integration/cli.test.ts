import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/fixtures.js';

/** The command line is a contract other tools read: run the built `bitlens` as they would. */
const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'bitlens.mjs');

function bitlens(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('bitlens command line', () => {
  it('info --json gives the documented shape', () => {
    const r = bitlens('info', fixture('avc-high-bframes-faststart.mp4'), '--json');
    expect(r.code).toBe(0);
    const info = JSON.parse(r.out);
    expect(info).toMatchObject({ format: 'mp4', size: 237401 });
    expect(info.durationSeconds).toBeCloseTo(2, 1);
    expect(info.tracks[0]).toMatchObject({ id: 1, kind: 'video', codecName: 'h264', codec: 'avc1.64001E', width: 640, height: 360, frameRate: [30, 1], timescale: 15360, samples: 60 });
    expect(info.tracks[1]).toMatchObject({ id: 2, kind: 'audio', codecName: 'aac', codec: 'mp4a.40.2', sampleRate: 48000, channels: 1, samples: 95, keyframes: 95 });
  });

  it('packets --json lists every packet with track id and its timescale', () => {
    const r = bitlens('packets', fixture('avc-baseline-aac.mp4'), '--json');
    expect(r.code).toBe(0);
    const { tracks, packets } = JSON.parse(r.out);
    expect(tracks).toHaveLength(2);
    expect(packets).toHaveLength(50 + 88);
    const video = packets.find((p: { track: number }) => p.track === 1);
    expect(video).toEqual({ track: 1, dts: 0, pts: expect.any(Number), timescale: 12800, offset: expect.any(Number), size: expect.any(Number), keyframe: true });
    const offsets = packets.map((p: { offset: number }) => p.offset);
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets); // file order
  });

  it('inspect --json gives nodes, fields with absolute bits, and diagnostics', () => {
    const r = bitlens('inspect', fixture('avc-baseline-aac.mp4'), '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc)).toEqual(['file', 'size', 'format', 'tracks', 'tree', 'diagnostics']);
    const ftyp = doc.tree[0];
    expect(ftyp).toMatchObject({ kind: 'box', name: 'ftyp', offset: 0, size: 32 });
    expect(ftyp.fields[2]).toEqual({ name: 'major_brand', bitOffset: 64, bitLength: 32, value: 'isom' });
    const moov = doc.tree.find((n: { name: string }) => n.name === 'moov');
    const mvhd = moov.children[0];
    expect(mvhd.offset).toBe(moov.offset + 8);
  });

  it('inspect prints an indented tree with long tables shortened', () => {
    const r = bitlens('inspect', fixture('avc-baseline-aac.mp4'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\[ftyp\]/);
    expect(r.out).toMatch(/\n {2}\[trak\] Track Box/);
    expect(r.out).toMatch(/… \d+ more entries not shown/);
  });

  it('--max-entries limits table entries in JSON and says how many were left out', () => {
    const r = bitlens('inspect', fixture('avc-baseline-aac.mp4'), '--json', '--max-entries', '2');
    const text = r.out;
    expect(text).toContain('"omitted":');
  });

  it('exits 1 with one line for a missing file, and for bytes it cannot read', () => {
    const missing = bitlens('info', '/nonexistent/file.mp4');
    expect(missing.code).toBe(1);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    const dir = mkdtempSync(join(tmpdir(), 'bitlens-cli-'));
    const junk = join(dir, 'junk.bin');
    writeFileSync(junk, 'this is not media at all, just text');
    const r = bitlens('info', junk);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^bitlens: .*not a format Bitlens reads/);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('exits 0 on a damaged file and reports the damage', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bitlens-cli-'));
    const cut = join(dir, 'cut.mp4');
    const bytes = spawnSync('head', ['-c', '95000', fixture('avc-baseline-aac.mp4')]).stdout;
    writeFileSync(cut, bytes);
    const r = bitlens('inspect', cut, '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.diagnostics.length).toBeGreaterThan(0);
  });
});
