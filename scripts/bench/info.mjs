// Benchmark `info`: `bitlens info FILE --json` against mp4box.js indexing the same one-hour
// MP4 (moov at the end, about 246,600 samples). Targets: Bitlens at most 0.5x the time and
// 0.5x the peak memory of mp4box.js. ffprobe and a bare `node` start are shown for scale.
// Every tool is a child process; rounds interleave the tools (order flipped every round).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bigMp4, mb } from './data.mjs';
import { measure, median, rssMethod } from './measure.mjs';
import { fixed, printRatio, printTable } from './report.mjs';

const TARGET_TIME = 0.5;
const TARGET_MEMORY = 0.5;

export const needsBuild = true;

/** @param {{ root: string, runs: number }} ctx */
export async function run({ root, runs }) {
  const file = bigMp4();
  // BENCH_BITLENS_CLI=path/to/script.mjs measures another build of the CLI instead.
  const cli = process.env.BENCH_BITLENS_CLI ?? join(root, 'bin', 'bitlens.mjs');
  if (!process.env.BENCH_BITLENS_CLI && !existsSync(join(root, 'dist', 'cli.js'))) {
    console.error('info: dist/cli.js is missing (electron/cli.ts not written or not built); cannot run Bitlens.');
    return { ok: false };
  }

  const node = process.execPath;
  const tools = [
    { name: 'bitlens', argv: [node, cli, 'info', file, '--json'], parse: parseInfoJson },
    { name: 'mp4box.js', argv: [node, join(import.meta.dirname, 'mp4box-info.mjs'), file], parse: parseInfoJson },
  ];
  if (spawnSync('ffprobe', ['-version'], { stdio: 'ignore' }).status === 0) {
    // ffprobe's mov demuxer builds the full sample index while opening, like the others.
    tools.push({ name: 'ffprobe', argv: ['ffprobe', '-v', 'error', '-show_entries', 'stream=index,id,nb_frames', '-of', 'json', file], parse: parseFfprobe });
  }
  tools.push({ name: 'node (empty)', argv: [node, '-e', ''], parse: () => null });

  console.log(`info: ${relative(root, file)} (${mb(statSync(file).size)} MB), ${runs} interleaved runs each after one warm-up, medians; peak RSS via ${rssMethod === 'time' ? '/usr/bin/time' : 'process.resourceUsage()'}`);
  for (const tool of tools) {
    tool.wall = [];
    tool.rss = [];
    const r = await measure(tool.argv, { cwd: root }); // warm-up: page cache, and the facts to compare
    if (r.code !== 0) return failed(tool, r);
    tool.facts = tool.parse(r.stdout);
  }
  for (let round = 0; round < runs; round++) {
    const order = round % 2 ? [...tools].reverse() : tools;
    for (const tool of order) {
      const r = await measure(tool.argv, { cwd: root });
      if (r.code !== 0) return failed(tool, r);
      tool.wall.push(r.wallMs);
      tool.rss.push(r.maxRssKb === null ? null : r.maxRssKb / 1024);
    }
  }

  for (const tool of tools) {
    tool.medianWall = median(tool.wall);
    tool.medianRss = median(tool.rss);
  }
  printTable(
    ['tool', 'wall ms', 'min-max ms', 'peak RSS MiB', 'samples per track (keyframes)'],
    tools.map((t) => [t.name, fixed(t.medianWall), `${fixed(Math.min(...t.wall))}-${fixed(Math.max(...t.wall))}`, fixed(t.medianRss, 1), describe(t.facts)]),
  );
  const [ours, theirs] = tools;
  // A report, not a test: missed targets still exit 0, but disagreeing sample counts do not
  // (and then the ratios compare different work, so they are flagged).
  const ok = sameSamples(ours, theirs, true);
  for (const other of tools.slice(2)) if (other.facts) sameSamples(ours, other, false);
  if (!ok) console.log('ratios below are NOT comparable: the tools did not index the same samples');
  printRatio('time', 'bitlens/mp4box.js', ours.medianWall, theirs.medianWall, TARGET_TIME);
  printRatio('memory', 'bitlens/mp4box.js', ours.medianRss, theirs.medianRss, TARGET_MEMORY);
  return { ok };
}

/** `{ tracks: [{ id, samples, keyframes }] }` as printed by `bitlens info --json` and mp4box-info.mjs. */
function parseInfoJson(stdout) {
  const info = JSON.parse(stdout);
  return info.tracks.map((t) => ({ id: t.id, samples: t.samples, keyframes: t.keyframes ?? null }));
}

function parseFfprobe(stdout) {
  return JSON.parse(stdout).streams.map((s) => ({
    id: s.id ? Number.parseInt(s.id, 16) : s.index + 1,
    samples: Number(s.nb_frames),
    keyframes: null,
  }));
}

function describe(facts) {
  if (!facts) return null;
  const total = facts.reduce((n, t) => n + t.samples, 0);
  const each = facts.map((t) => `#${t.id} ${t.samples}${t.keyframes === null ? '' : ` (${t.keyframes})`}`);
  return `${each.join(', ')}; total ${total}`;
}

/** Compares sample (and keyframe) counts track by track; prints what differs. */
function sameSamples(a, b, strict) {
  const problems = [];
  if (a.facts.length !== b.facts.length) problems.push(`${a.facts.length} tracks vs ${b.facts.length}`);
  for (const t of a.facts) {
    const u = b.facts.find((x) => x.id === t.id);
    if (!u) problems.push(`track #${t.id} missing from ${b.name}`);
    else if (u.samples !== t.samples) problems.push(`track #${t.id}: ${t.samples} samples vs ${u.samples}`);
    else if (t.keyframes !== null && u.keyframes !== null && t.keyframes !== u.keyframes) {
      console.log(`warning: track #${t.id}: ${a.name} counts ${t.keyframes} keyframes, ${b.name} ${u.keyframes}`);
    }
  }
  if (problems.length === 0) {
    console.log(`samples: ${a.name} and ${b.name} agree`);
    return true;
  }
  console.log(`${strict ? 'ERROR' : 'warning'}: ${a.name} and ${b.name} disagree: ${problems.join('; ')}`);
  return false;
}

function failed(tool, r) {
  console.error(`info: ${tool.name} exited with ${r.code}: ${tool.argv.join(' ')}\n${r.stderr.trim()}`);
  return { ok: false };
}
