/**
 * How the built `bitlens` ends when something is wrong: damaged input is read with diagnostics (exit 0),
 * paths the system refuses give one line naming them (exit 1), and a reader that stops early (`| head`)
 * ends the command quietly (exit 0). No exception text or stack ever reaches the user.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, fixtureBytes } from '../helpers/fixtures.js';
import { isoBoxes } from '../helpers/mutations.js';
import { BIN, spawnBitlens } from '../helpers/run-bitlens.js';

const dir = mkdtempSync(join(tmpdir(), 'bitlens-failures-'));

function damaged(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('damaged input is read, with diagnostics', () => {
  it('an ftyp declaring more than 256 MiB (kept as a byte range) is shown, not read as brands', () => {
    const bytes = fixtureBytes('avc-baseline-aac.mp4');
    new DataView(bytes.buffer).setUint32(0, 0x10000020); // ftyp size: 256 MiB + 32, beyond what is loaded whole
    const file = damaged('huge-ftyp.mp4', bytes);
    for (const args of [['inspect', file], ['info', file, '--json'], ['packets', file, '--json']]) {
      const r = spawnBitlens(...args);
      expect(r.err, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(0);
    }
    const doc = JSON.parse(spawnBitlens('inspect', file, '--json').out);
    expect(doc.tree[0]).toMatchObject({ name: 'ftyp', offset: 0, size: bytes.length });
    expect(doc.diagnostics.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['box-overflows-parent', 'box-not-loaded']));
  });

  it('inspect --sample on a transport stream that lost a packet reports the sample as unreadable', () => {
    const bytes = fixtureBytes('segment.ts');
    const lost = 100 * 188; // transport packet 100 loses its sync byte
    bytes[lost] = 0x00;
    const file = damaged('lost-sync.ts', bytes);
    const { tracks, packets } = JSON.parse(spawnBitlens('packets', file, '--json').out);
    const video = tracks.find((t: { kind: string }) => t.kind === 'video').id;
    // The last video access unit that starts before the lost packet runs through it.
    const index = packets.findLastIndex((p: { track: number; offset: number }) => p.track === video && p.offset < lost);
    const r = spawnBitlens('inspect', file, '--sample', String(index), '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const sample = JSON.parse(r.out);
    expect(sample.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: 'sample-unreadable', offset: lost }));
    const text = spawnBitlens('inspect', file, '--sample', String(index));
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/! error sample-unreadable: .*lost at byte 18800/);
  });
});

describe('damaged input is remuxed from what can be read', () => {
  it('an FLV whose end-of-sequence tag became an empty AVC sequence header remuxes', () => {
    const bytes = fixtureBytes('avc-aac.flv');
    const packetType = bytes.length - 8; // the last tag: 0x17 0x02 (AVC end of sequence), no record after it
    expect(bytes[packetType]).toBe(0x02);
    bytes[packetType] = 0x00; // AVCPacketType 0: a sequence header with nothing in it
    const file = damaged('empty-sequence-header.flv', bytes);
    const r = spawnBitlens('remux', file, join(dir, 'empty-sequence-header.mp4'));
    expect(r.err).not.toMatch(/internal error|Error:/);
    expect(r.code).toBe(0);
  });
});

describe('damaged input that cannot be written stops with one line naming the file', () => {
  it('extract of a track whose samples point at a sample description it does not have', () => {
    const bytes = fixtureBytes('avc-baseline-aac.mp4');
    const stsc = isoBoxes(bytes).filter((b) => b.type === 'stsc')[1]!; // the audio track's
    // stsc: size, type, version+flags, entry_count, then first_chunk, samples_per_chunk, sample_description_index.
    new DataView(bytes.buffer).setUint32(stsc.at + 24, 9);
    const file = damaged('missing-description.mp4', bytes);
    for (const out of ['audio.aac', 'audio.mp4']) {
      const r = spawnBitlens('extract', file, '--track', '2', join(dir, out));
      expect(r.code, out).toBe(1);
      expect(r.err, out).toBe(`bitlens: ${file}: nothing to remux: track 2: a sample names sample description 9, which the track does not have\n`);
    }
  });
});

describe('paths the system refuses', () => {
  it('a missing file and a directory are named, with why, in one line', () => {
    const missing = spawnBitlens('info', join(dir, 'missing.mp4'));
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`bitlens: cannot read ${join(dir, 'missing.mp4')}: no such file or directory\n`);
    for (const args of [['info', dir], ['inspect', dir, '--sample', '0'], ['remux', dir, join(dir, 'out.mp4')]]) {
      const r = spawnBitlens(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err, args.join(' ')).toBe(`bitlens: cannot read ${dir}: is a directory\n`);
    }
  });

  it('an output in a folder that does not exist is named, with why, in one line', () => {
    const out = join(dir, 'no-such-folder', 'out.mp4');
    for (const args of [['remux', fixture('segment.ts'), out], ['extract', fixture('segment.ts'), '--track', '256', out.replace('.mp4', '.h264')]]) {
      const r = spawnBitlens(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err, args.join(' ')).toMatch(/^bitlens: cannot write .*no-such-folder\/out\.(mp4|h264): no such file or directory\n$/);
    }
  });
});

/** Runs bitlens with standard output piped, and closes the pipe once the first bytes arrive (as `| head -c` does). */
function closedEarly(args: string[]): Promise<{ code: number | null; err: string; got: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let got = 0;
    child.stderr.setEncoding('utf8').on('data', (t: string) => (err += t));
    child.stdout.once('data', (chunk: Buffer) => {
      got = chunk.length;
      child.stdout.destroy();
    });
    child.on('close', (code) => resolve({ code, err, got }));
  });
}

describe('a reader that stops early', () => {
  // Each output is far larger than a pipe holds (64 KiB), so the command is still writing when the pipe closes.
  it('inspect --json | head: exit 0, nothing on standard error', async () => {
    const r = await closedEarly(['inspect', fixture('segment.ts'), '--json']);
    expect(r.got).toBeGreaterThan(0);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('packets --json | head: exit 0, nothing on standard error', async () => {
    const ts = fixtureBytes('segment.ts');
    const copies = 40; // segments back to back: over 5,000 packets, half a megabyte of JSON
    const long = new Uint8Array(ts.length * copies);
    for (let i = 0; i < copies; i++) long.set(ts, i * ts.length);
    const file = damaged('forty-segments.ts', long);
    const r = await closedEarly(['packets', file, '--json']);
    expect(r.got).toBeGreaterThan(0);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('inspect (text) | head: exit 0, nothing on standard error', async () => {
    const r = await closedEarly(['inspect', fixture('segment.ts')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });
});
