// Damage is news: `info` says what is wrong with a file (counts by severity, the first errors), `--json` carries
// every diagnostic, and `--strict` makes info, packets, remux and extract exit 2 when the file has errors
// (the file is still read and the output still written).
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, fixtureBytes } from '../helpers/fixtures.js';
import { spawnBitlens } from '../helpers/run-bitlens.js';

const dir = mkdtempSync(join(tmpdir(), 'bitlens-strict-'));
/** segment.ts without its 11th transport packet: a continuity error on the video PID. */
const lost = join(dir, 'lost-packet.ts');
const ts = fixtureBytes('segment.ts');
writeFileSync(lost, Buffer.concat([ts.subarray(0, 188 * 10), ts.subarray(188 * 11)]));

describe('info on a damaged file', () => {
  it('prints the diagnostics: counts, then each error with its code and offset', () => {
    const r = spawnBitlens('info', lost);
    expect(r.code).toBe(0);
    expect(r.out).toContain('  diagnostics: 1 error\n    error ts-continuity-error @1883: continuity_counter is 8, expected 7: packets of PID 0x0100 were lost\n');
  });

  it('--json carries the counts and every diagnostic', () => {
    const info = JSON.parse(spawnBitlens('info', lost, '--json').out) as { diagnostics: { error: number; warning: number; items: Array<{ code: string; offset: number }> } };
    expect(info.diagnostics.error).toBe(1);
    expect(info.diagnostics.items.filter((d) => d.code === 'ts-continuity-error')).toEqual([expect.objectContaining({ offset: 1883 })]);
  });

  it('says none for a clean file', () => {
    expect(spawnBitlens('info', fixture('segment.ts')).out).toContain('  diagnostics: none\n');
  });
});

describe('--strict', () => {
  it('exits 2 when the file has errors, after writing what it was asked for', () => {
    const out = join(dir, 'out.mp4');
    const runs = [
      spawnBitlens('info', lost, '--strict'),
      spawnBitlens('packets', lost, '--json', '--strict'),
      spawnBitlens('remux', lost, out, '--strict'),
      spawnBitlens('extract', lost, '--track', '257', join(dir, 'audio.aac'), '--strict'),
    ];
    expect(runs.map((r) => [r.code, r.err])).toEqual(runs.map(() => [2, '']));
    expect(JSON.parse(runs[1]!.out).packets.length).toBe(138);
    expect(existsSync(out) && existsSync(join(dir, 'audio.aac'))).toBe(true);
  });

  it('exits 0 for a clean file, and without --strict for a damaged one', () => {
    expect(spawnBitlens('info', fixture('segment.ts'), '--strict').code).toBe(0);
    expect(spawnBitlens('remux', fixture('avc-aac.flv'), join(dir, 'flv.mp4'), '--strict').code).toBe(0);
    expect(spawnBitlens('packets', lost, '--json').code).toBe(0);
  });
});
