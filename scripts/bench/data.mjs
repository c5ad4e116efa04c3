// The big benchmark inputs, built once from the small corpus files by looping them with
// ffmpeg (stream copy, so it takes about a second) and cached in bench-data/ (git-ignored).
// Run alone to prepare everything: node scripts/bench/data.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
export const DATA_DIR = join(ROOT, 'bench-data');

/**
 * One hour of each format. `copies` loops the fixture (ffmpeg -stream_loop copies-1);
 * `expectMB` is the size a good build has, used to tell a finished file from a stale or cut one.
 */
const INPUTS = {
  // 2 s fixture x 1800, moov at the end: about 246,600 samples.
  mp4: { fixture: 'test/fixtures/avc-baseline-aac.mp4', copies: 1800, out: 'big-1h.mp4', format: 'mp4', expectMB: 171.6 },
  // 3 s fixture x 1200: the H.264 walk's input.
  flv: { fixture: 'test/fixtures/avc-aac.flv', copies: 1200, out: 'big-1h.flv', format: 'flv', expectMB: 178.1 },
};

/** Path of the big input `kind` ('mp4' | 'flv'), building it first when missing or implausible. */
export function bigFile(kind) {
  const spec = INPUTS[kind];
  if (!spec) throw new Error(`no benchmark input named ${kind}`);
  const out = join(DATA_DIR, spec.out);
  if (plausible(out, spec.expectMB)) return out;

  mkdirSync(DATA_DIR, { recursive: true });
  // Build beside the target and rename, so an interrupted build never looks finished.
  const partial = join(DATA_DIR, `partial-${spec.out}`);
  rmSync(partial, { force: true });
  const started = Date.now();
  const ff = spawnSync(
    'ffmpeg',
    ['-v', 'error', '-y', '-stream_loop', String(spec.copies - 1), '-i', join(ROOT, spec.fixture), '-c', 'copy', '-f', spec.format, partial],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (ff.error) throw new Error(`ffmpeg is needed to build ${spec.out}: ${ff.error.message}`);
  if (ff.status !== 0) throw new Error(`ffmpeg failed building ${spec.out} (exit ${ff.status})`);
  if (!plausible(partial, spec.expectMB)) {
    throw new Error(`${spec.out} came out ${mb(statSync(partial).size)} MB, expected about ${spec.expectMB} MB`);
  }
  renameSync(partial, out);
  console.log(`bench: built ${out} (${mb(statSync(out).size)} MB) in ${Date.now() - started} ms`);
  return out;
}

export const bigMp4 = () => bigFile('mp4');
export const bigFlv = () => bigFile('flv');

/** Within 5% of the expected size (ffmpeg versions differ slightly in what they write). */
function plausible(path, expectMB) {
  if (!existsSync(path)) return false;
  const size = statSync(path).size / 1e6;
  return Math.abs(size - expectMB) <= expectMB * 0.05;
}

export const mb = (bytes) => (bytes / 1e6).toFixed(1);

if (process.argv[1] === import.meta.filename) {
  for (const kind of process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(INPUTS)) {
    console.log(bigFile(kind));
  }
}
