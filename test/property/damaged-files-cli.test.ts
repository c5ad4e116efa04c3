/**
 * Every document command on damaged copies of every fixture: the command line reads what it can and says
 * what is wrong (exit 0 with diagnostics), or stops with one line naming the file; it never shows an
 * exception or a stack. Most runs are in this process (hundreds of them); a few go through bin/bitlens.mjs.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, fixtureBytes } from '../helpers/fixtures.js';
import { HOSTILE_BOX_SIZES, isoBoxes, mutations } from '../helpers/mutations.js';
import { type CliRun, expectHandled, runBitlens, spawnBitlens } from '../helpers/run-bitlens.js';

const MEDIA = readdirSync(FIXTURES).filter((name) => /\.(mp4|mov|ismv|isma|flv|ts|aac|ac3|h264|hevc)$/.test(name));
/** Damaged copies per fixture: enough to reach every family of damage, few enough for a quick run. */
const COPIES = 32;

const dir = mkdtempSync(join(tmpdir(), 'bitlens-damaged-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The elementary stream file `extract` writes for a codec, when it has one. */
const ELEMENTARY: Record<string, string> = { aac: 'aac', h264: 'h264', hevc: 'h265' };

function json(r: CliRun, what: string): unknown {
  if (r.code !== 0) return undefined;
  expect(() => JSON.parse(r.out), `${what}: standard output is not JSON`).not.toThrow();
  return JSON.parse(r.out);
}

/** Runs every document command on `file`; `what` names the damage in failure messages. */
async function everyCommand(file: string, what: string): Promise<void> {
  const run = async (...args: string[]): Promise<CliRun> => {
    const r = await runBitlens(...args);
    expectHandled(r, file, `${what}: bitlens ${args.join(' ')}`);
    return r;
  };
  await run('inspect', file);
  json(await run('inspect', file, '--json'), `${what}: inspect --json`);
  const info = json(await run('info', file, '--json'), `${what}: info --json`) as { tracks: Array<{ id: number; codecName: string }> } | undefined;
  const packets = json(await run('packets', file, '--json'), `${what}: packets --json`) as { packets: unknown[] } | undefined;
  const count = packets?.packets.length ?? 0;
  await run('inspect', file, '--sample', '0');
  if (count > 1) json(await run('inspect', file, '--sample', String(count >> 1), '--json'), `${what}: inspect --sample --json`);
  await run('remux', file, join(dir, 'remux.mp4'));
  const track = info?.tracks[0];
  if (track) {
    await run('extract', file, '--track', String(track.id), join(dir, 'extract.mp4'));
    const ext = ELEMENTARY[track.codecName];
    if (ext) await run('extract', file, '--track', String(track.id), join(dir, `extract.${ext}`));
  }
}

describe.each(MEDIA)('%s damaged', (name) => {
  const copies = mutations(fixtureBytes(name), COPIES, name.length * 7919);

  it('every document command reads each damaged copy or names the file problem in one line', async () => {
    const file = join(dir, `damaged-${name}`);
    for (const m of copies) {
      writeFileSync(file, m.bytes);
      await everyCommand(file, `${name} (${m.label})`);
    }
  });

  it('the built command (bin/bitlens.mjs) does the same', () => {
    const file = join(dir, `spawned-${name}`);
    for (const m of copies.slice(0, 2)) {
      writeFileSync(file, m.bytes);
      for (const args of [['inspect', file, '--json'], ['packets', file, '--json'], ['inspect', file, '--sample', '0']]) {
        const r = spawnBitlens(...args);
        expectHandled(r, file, `${name} (${m.label}): bitlens ${args.join(' ')}`);
        if (r.code === 0 && args.includes('--json')) expect(() => JSON.parse(r.out)).not.toThrow();
      }
    }
  });
});

/**
 * Every box of every ISO-BMFF fixture, one at a time, declaring each size that breaks readers (0, 1, 7,
 * 0xFFFFFFFF, beyond the 256 MiB loaded whole): what later code reads from a box (brands, tracks, tables)
 * must cope with a box that stayed a byte range or was cut to its parent.
 */
describe.each(MEDIA.filter((name) => isoBoxes(fixtureBytes(name)).length > 0))('%s with one box of a hostile size', (name) => {
  it('info, packets, a sample and remux read it or name the file problem in one line', async () => {
    const bytes = fixtureBytes(name);
    const file = join(dir, `box-size-${name}`);
    for (const box of isoBoxes(bytes)) {
      for (const size of HOSTILE_BOX_SIZES) {
        const copy = bytes.slice();
        new DataView(copy.buffer).setUint32(box.at, size);
        writeFileSync(file, copy);
        const what = `${name} ('${box.type}' at ${box.at} size 0x${size.toString(16)})`;
        for (const args of [['info', file, '--json'], ['packets', file, '--json'], ['inspect', file, '--sample', '3'], ['remux', file, join(dir, 'box-size.mp4')]]) {
          const r = await runBitlens(...args);
          expectHandled(r, file, `${what}: bitlens ${args.join(' ')}`);
          if (args.includes('--json')) json(r, what);
        }
      }
    }
  });
});
