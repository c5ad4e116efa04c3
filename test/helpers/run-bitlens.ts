/** Running `bitlens` in tests: in this process (fast, for many runs) or as people run it (bin/bitlens.mjs). */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { runCli } from '../../electron/cli/run-cli.js';

export const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'bitlens.mjs');

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

/** The built command in a new process. */
export function spawnBitlens(...args: string[]): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same dispatcher in this process, its standard output and error collected. */
export async function runBitlens(...args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    out: { write: async (text) => void (out += text) },
    err: (text) => void (err += text),
    debug: false,
  });
  return { code, out, err };
}

/** Lines of an exception leaking out: a class name with its message, or a stack frame. */
const EXCEPTION_TEXT = /\b[A-Z][A-Za-z]*(Error|Exception)\b:|^\s+at /m;

/**
 * What every run on any input must do: exit 0, or exit 1 with one line naming the file (its path in
 * it) that is not an internal error; never an exception's text or a stack on standard error.
 */
export function expectHandled(r: CliRun, file: string, what: string): void {
  expect(r.err, `${what}: ${r.err}`).not.toMatch(EXCEPTION_TEXT);
  if (r.code === 0) return;
  expect(r.code, `${what}: ${r.err}`).toBe(1);
  const lines = r.err.trimEnd().split('\n');
  expect(lines, `${what}: ${r.err}`).toHaveLength(1);
  expect(lines[0], what).toMatch(/^bitlens: /);
  expect(lines[0], what).not.toMatch(/internal error/);
  expect(lines[0], what).toContain(file);
}
