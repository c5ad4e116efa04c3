import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBounded } from '../helpers/bounded-run.js';
import { constantStszFile, trunFromDefaultsFile } from '../helpers/declared-counts.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'bitlens.mjs');

/**
 * The bound the security review asks of any input under 1 MiB: 20 s and 512 MiB. Generous on purpose (these
 * files take well under a second and 100 MiB); they are here because the unbounded reader took gigabytes.
 */
const LIMITS = { seconds: 20, bytes: 512 * 1024 * 1024 };

const files: Record<string, { path: string; code: string }> = {};

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bitlens-counts-'));
  const write = (name: string, bytes: Uint8Array, code: string): void => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    files[name] = { path, code };
  };
  write('trun-empty-defaults.mp4', (await trunFromDefaultsFile(0)).bytes, 'sample-index-full');
  write('trun-sized-defaults.mp4', (await trunFromDefaultsFile()).bytes, 'sample-count-exceeds-data');
  write('stsz-constant.mp4', (await constantStszFile()).bytes, 'sample-count-exceeds-data');
});

describe.each(['trun-empty-defaults.mp4', 'trun-sized-defaults.mp4', 'stsz-constant.mp4'])('bitlens on %s (a count of 2^32-1 with no per-sample bytes)', (name) => {
  it.each([['info', '--json'], ['packets', '--json'], ['inspect', '--json'], ['inspect', '']])('%s %s exits 0 within 20 s and 512 MiB', async (command, flag) => {
    const { path, code } = files[name]!;
    const run = await runBounded(process.execPath, [BIN, command, path, ...(flag ? [flag] : [])], LIMITS);
    expect(run.killed).toBeUndefined();
    expect(run.code, run.err).toBe(0);
    expect(run.peakBytes).toBeGreaterThan(0);
    expect(run.peakBytes).toBeLessThan(LIMITS.bytes);
    if (command === 'inspect' && flag === '--json') {
      const doc = JSON.parse(run.out) as { diagnostics: Array<{ code: string }> };
      expect(doc.diagnostics.map((d) => d.code)).toContain(code);
    }
    if (command === 'inspect' && !flag) expect(run.out).toContain(code);
  });
});
