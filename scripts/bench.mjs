#!/usr/bin/env node
// Benchmarks: Bitlens and its peers on the same big files, in one run, printed as ratios.
// They are reports, not tests: a missed target still exits 0; wrong results (e.g. sample
// counts that disagree with the peer) exit 1.
//
//   npm run bench                  every benchmark
//   npm run bench -- info          only the named ones
//   npm run bench -- --runs=9      more rounds (default 5)
//   npm run bench -- --no-build    skip `npm run build:node`
//   npm run bench -- --list
//
// Each benchmark is a module in scripts/bench/ exporting `run({ root, runs })` that resolves
// to `{ ok }`, and `needsBuild` when it runs dist/ bundles. Big inputs come from bench/data.mjs.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

const BENCHMARKS = [
  { name: 'info', about: '`bitlens info` vs mp4box.js indexing a one-hour MP4', load: () => import('./bench/info.mjs') },
  { name: 'remux', about: '`bitlens remux` vs mpegts.js and ffmpeg -c copy: one-hour FLV to fragmented MP4', load: () => import('./bench/remux.mjs') },
  { name: 'record', about: '`bitlens record` of 8 simultaneous 720p 6 Mbit/s publishers: CPU, loss, delay to disk', load: () => import('./bench/record.mjs') },
  { name: 'renderer', about: 'the window in Chromium on a 4 GiB MP4: time to first tree, frame times scrolling the hex view start to end, renderer memory', load: () => import('./bench/renderer.mjs') },
  { name: 'live-latency', about: 'the Live tab in Chromium: a 720p30 publish from server arrival to display, per live player preset (median, p95, stalls)', load: () => import('./bench/live-latency.mjs') },
  { name: 'h264-walk', about: 'every NAL unit and slice header of a one-hour MP4 (bulk) vs a bare byte scan', load: () => import('./bench/h264-walk.mjs') },
  // Next: flv-remux (vs mpegts.js and ffmpeg),
  // rtmp-ingest, renderer timings.
];

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const names = args.filter((a) => !a.startsWith('--'));
const runsFlag = args.find((a) => a.startsWith('--runs='));
const runs = runsFlag ? Number(runsFlag.slice('--runs='.length)) : 5;

if (flags.has('--list') || flags.has('--help')) {
  for (const b of BENCHMARKS) console.log(`${b.name.padEnd(12)} ${b.about}`);
  process.exit(0);
}
if (!Number.isInteger(runs) || runs < 1) {
  console.error('bench: --runs must be a positive integer');
  process.exit(2);
}
const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
if (unknown.length) {
  console.error(`bench: no benchmark named ${unknown.join(', ')} (have: ${BENCHMARKS.map((b) => b.name).join(', ')})`);
  process.exit(2);
}

const selected = [];
for (const b of BENCHMARKS.filter((x) => names.length === 0 || names.includes(x.name))) {
  selected.push({ ...b, module: await b.load() });
}

if (!flags.has('--no-build') && selected.some((b) => b.module.needsBuild)) {
  const build = spawnSync('npm', ['run', '--silent', 'build:node'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('bench: npm run build:node failed');
    process.exit(1);
  }
}

let ok = true;
for (const b of selected) {
  console.log(`\n== ${b.name}: ${b.about}`);
  try {
    const result = await b.module.run({ root: ROOT, runs });
    if (!result.ok) ok = false;
  } catch (err) {
    console.error(`bench ${b.name} failed:`, err);
    ok = false;
  }
}
process.exit(ok ? 0 : 1);
