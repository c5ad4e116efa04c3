// Benchmark `remux`: `bitlens remux` against mpegts.js (its own FLVDemuxer + MP4Remuxer, driven in
// Node by mpegts-remux-driver.mjs) and `ffmpeg -c copy`, each turning the one-hour FLV into fragmented
// MP4 written to a file. The FLV has 1,199 places where the audio time advances by only 1 ms; mpegts.js
// drops AAC frames there, Bitlens must keep every packet. Target: Bitlens at least 1.5x the throughput
// of mpegts.js (input bytes per second of the job's own time, median of the runs). Whole-process wall
// times (Node start and module loading included) are printed beside it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { DATA_DIR, bigFlv, mb } from './data.mjs';
import { measure, median } from './measure.mjs';
import { fixed, printTable } from './report.mjs';

const TARGET_SPEEDUP = 1.5;

export const needsBuild = true;

/** mpegts.js ships ES sources that import TypeScript files: bundle the driver once per run. */
async function bundleDriver() {
  const out = join(DATA_DIR, 'mpegts-remux-driver.bundle.mjs');
  mkdirSync(DATA_DIR, { recursive: true });
  await build({
    entryPoints: [join(import.meta.dirname, 'mpegts-remux-driver.mjs')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return out;
}

/** Packets per stream type in the source, as ffprobe counts them. */
function sourceCounts(file) {
  const r = spawnSync('ffprobe', ['-v', 'error', '-count_packets', '-show_entries', 'stream=codec_type,nb_read_packets', '-of', 'json', file], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const counts = {};
  for (const s of JSON.parse(r.stdout).streams) counts[s.codec_type] = Number(s.nb_read_packets);
  return counts;
}

/** @param {{ root: string, runs: number }} ctx */
export async function run({ root, runs }) {
  const file = bigFlv();
  const cli = process.env.BENCH_BITLENS_CLI ?? join(root, 'bin', 'bitlens.mjs');
  if (!process.env.BENCH_BITLENS_CLI && !existsSync(join(root, 'dist', 'cli.js'))) {
    console.error('remux: dist/cli.js is missing; cannot run Bitlens.');
    return { ok: false };
  }
  let driver;
  try {
    driver = await bundleDriver();
  } catch (e) {
    console.error(`remux: cannot bundle the mpegts.js driver (npm install mpegts.js as a devDependency): ${e.message}`);
    return { ok: false };
  }
  const outDir = join(DATA_DIR, 'remux-out');
  mkdirSync(outDir, { recursive: true });
  const node = process.execPath;
  const size = statSync(file).size;
  const tools = [
    { name: 'bitlens', argv: [node, cli, 'remux', file, join(outDir, 'bitlens.mp4'), '--stats'], parse: parseBitlens },
    { name: 'mpegts.js', argv: [node, driver, file, join(outDir, 'mpegts.mp4')], parse: parseMpegts },
  ];
  if (spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0) {
    const frag = ['-movflags', 'frag_keyframe+empty_moov+default_base_moof'];
    tools.push({ name: 'ffmpeg -c copy', argv: ['ffmpeg', '-v', 'error', '-y', '-i', file, '-map', '0', '-c', 'copy', ...frag, '-f', 'mp4', join(outDir, 'ffmpeg.mp4')], parse: () => null });
  }

  console.log(`remux: ${relative(root, file)} (${mb(size)} MB) to fragmented MP4 files, ${runs} interleaved runs each after one warm-up, medians`);
  for (const tool of tools) {
    tool.wall = [];
    tool.job = [];
    const r = await measure(tool.argv, { cwd: root });
    if (r.code !== 0) return failed(tool, r);
    tool.facts = tool.parse(r.stdout);
  }
  for (let round = 0; round < runs; round++) {
    const order = round % 2 ? [...tools].reverse() : tools;
    for (const tool of order) {
      const r = await measure(tool.argv, { cwd: root });
      if (r.code !== 0) return failed(tool, r);
      tool.wall.push(r.wallMs);
      const facts = tool.parse(r.stdout);
      tool.job.push(facts?.ms ?? null);
    }
  }
  for (const tool of tools) {
    tool.medianWall = median(tool.wall);
    tool.medianJob = median(tool.job);
  }
  const rate = (ms) => (ms ? fixed(size / 1e6 / (ms / 1000), 0) : null);
  printTable(
    ['tool', 'job ms', 'job MB/s', 'process ms', 'process MB/s', 'video frames', 'AAC frames'],
    tools.map((t) => [t.name, fixed(t.medianJob), rate(t.medianJob), fixed(t.medianWall), rate(t.medianWall), t.facts?.video ?? null, t.facts?.audio ?? null]),
  );

  const [ours, theirs] = tools;
  const source = sourceCounts(file);
  let ok = true;
  if (source) {
    console.log(`source: ${source.video} video and ${source.audio} AAC packets (ffprobe)`);
    for (const t of [ours, theirs]) {
      const droppedAudio = source.audio - t.facts.audio;
      const droppedVideo = source.video - t.facts.video;
      console.log(`${t.name}: ${t.facts.audio} of ${source.audio} AAC frames written (${droppedAudio} dropped), ${t.facts.video} of ${source.video} video frames (${droppedVideo} dropped)`);
    }
    if (ours.facts.audio !== source.audio || ours.facts.video !== source.video) {
      console.log('ERROR: bitlens dropped packets');
      ok = false;
    }
  }
  const speedJob = ours.medianJob && theirs.medianJob ? theirs.medianJob / ours.medianJob : null;
  const speedWall = ours.medianWall && theirs.medianWall ? theirs.medianWall / ours.medianWall : null;
  if (speedJob !== null) console.log(`throughput bitlens/mpegts.js = ${speedJob.toFixed(2)}x (job time; target >= ${TARGET_SPEEDUP}x: ${speedJob >= TARGET_SPEEDUP ? 'met' : 'MISSED'})`);
  if (speedWall !== null) console.log(`throughput bitlens/mpegts.js = ${speedWall.toFixed(2)}x (whole process, Node start included)`);
  rmSync(outDir, { recursive: true, force: true });
  return { ok };
}

/** `bitlens remux --stats`: { ms, tracks: [{ kind, samples }] }. */
function parseBitlens(stdout) {
  const s = JSON.parse(stdout.trim().split('\n').at(-1));
  const count = (kind) => s.tracks.filter((t) => t.kind === kind).reduce((n, t) => n + t.samples, 0);
  return { ms: s.ms, video: count('video'), audio: count('audio') };
}

/** The driver's { audioFrames, videoFrames, ms }. */
function parseMpegts(stdout) {
  const s = JSON.parse(stdout.trim().split('\n').at(-1));
  return { ms: s.ms, video: s.videoFrames, audio: s.audioFrames };
}

function failed(tool, r) {
  console.error(`remux: ${tool.name} exited with ${r.code}: ${tool.argv.join(' ')}\n${r.stderr.trim()}`);
  return { ok: false };
}
