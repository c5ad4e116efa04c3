// Benchmark `record`: 8 ffmpeg publishers at once (real time, -re) of a 1280x720 30 fps 6 Mbit/s
// H.264 + AAC stream with a 2 s GOP over loopback, recorded by `bitlens record` (a child process).
// Reports the recorder's CPU per stream (from /proc/PID/stat), whether every packet arrived
// (packet counts of each recording against the source), and the delay from a tag's first byte
// arriving to its fragment being on disk (the recorder measures it and prints median / p95 per
// session). The source is made once with ffmpeg (testsrc2 + sine, 20 s) into bench-data/.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR } from './data.mjs';
import { printTable } from './report.mjs';

const STREAMS = 8;
const SECONDS = 20;

export const needsBuild = true;

/** bench-data/record-720p30-6M.flv, encoded once (about 20-40 s on two cores). */
export function source() {
  const out = join(DATA_DIR, 'record-720p30-6M.flv');
  if (existsSync(out)) return out;
  mkdirSync(DATA_DIR, { recursive: true });
  const partial = join(DATA_DIR, 'partial-record-720p30-6M.flv');
  const started = Date.now();
  const r = spawnSync('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-t', String(SECONDS),
    '-c:v', 'libx264', '-preset', 'veryfast', '-b:v', '6M', '-minrate', '6M', '-maxrate', '6M', '-bufsize', '3M',
    '-g', '60', '-keyint_min', '60', '-sc_threshold', '0', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '128k',
    '-f', 'flv', partial,
  ], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error('ffmpeg could not make the record benchmark source');
  renameSync(partial, out);
  console.log(`record: made ${out} in ${Date.now() - started} ms`);
  return out;
}

/** Packets per stream as ffprobe counts them: [video, audio]. */
function packetCounts(file) {
  const r = spawnSync('ffprobe', ['-v', 'error', '-count_packets', '-show_entries', 'stream=codec_type,nb_read_packets', '-of', 'csv=p=0', file], { encoding: 'utf8' });
  const counts = { video: 0, audio: 0 };
  for (const line of r.stdout.trim().split('\n')) {
    const [type, n] = line.split(',');
    counts[type] = Number(n);
  }
  return counts;
}

/** utime + stime of a process, in seconds. */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  return (Number(fields[11]) + Number(fields[12])) / ticks; // fields 14 and 15 of stat (utime, stime)
}

function startRecorder(root, dir) {
  const child = spawn(process.execPath, [join(root, 'bin', 'bitlens.mjs'), 'record', '--port', '0', '--out', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = [];
  let buffered = '';
  const port = new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      buffered += d.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop();
      for (const l of parts) {
        lines.push(l);
        const m = /^recording rtmp:\/\/[^:]+:(\d+)\//.exec(l);
        if (m) resolve(Number(m[1]));
      }
    });
    child.on('close', () => reject(new Error(`bitlens record exited:\n${lines.join('\n')}`)));
  });
  const exited = new Promise((resolve) => child.on('close', resolve));
  return { child, lines, port, exited };
}

function publish(src, url) {
  return new Promise((resolve) => {
    const p = spawn('ffmpeg', ['-v', 'error', '-nostdin', '-re', '-i', src, '-c', 'copy', '-f', 'flv', url], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => resolve({ code, err }));
  });
}

/** @param {{ root: string }} ctx */
export async function run({ root }) {
  const src = source();
  const want = packetCounts(src);
  const dir = mkdtempSync(join(tmpdir(), 'bitlens-bench-record-'));
  const rec = startRecorder(root, dir);
  const port = await rec.port;
  const cpu0 = cpuSeconds(rec.child.pid);
  const t0 = performance.now();
  const results = await Promise.all(Array.from({ length: STREAMS }, (_, i) => publish(src, `rtmp://127.0.0.1:${port}/live/s${i + 1}`)));
  const wall = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 500)); // the last sessions finish their files
  const cpu = cpuSeconds(rec.child.pid) - cpu0;
  rec.child.kill('SIGINT');
  await rec.exited;

  let ok = results.every((r) => r.code === 0);
  for (const r of results) if (r.code !== 0) console.log(`record: a publisher failed: ${r.err.trim()}`);
  const rows = [];
  for (const line of rec.lines.filter((l) => l.includes(' ended '))) {
    const mp4 = /files: (\S+\.mp4)/.exec(line)?.[1];
    const stream = /live_(s\d+)_/.exec(mp4 ?? '')?.[1] ?? '?';
    const got = mp4 ? packetCounts(mp4) : { video: 0, audio: 0 };
    const same = got.video === want.video && got.audio === want.audio;
    if (!same) ok = false;
    const delay = /median ([\d.]+) ms, p95 ([\d.]+) ms/.exec(line);
    rows.push([stream, `${got.video}/${want.video}`, `${got.audio}/${want.audio}`, same ? 'yes' : 'NO', delay?.[1] ?? null, delay?.[2] ?? null]);
  }
  if (rows.length !== STREAMS) {
    console.log(`record: ${rows.length} of ${STREAMS} sessions reported`);
    ok = false;
  }
  rows.sort((a, b) => a[0].localeCompare(b[0], 'en', { numeric: true }));
  console.log(`record: ${STREAMS} publishers of ${src.replace(`${root}/`, '')} (${SECONDS} s, 720p30 6 Mbit/s + AAC, GOP 2 s), in real time over loopback`);
  printTable(['stream', 'video packets', 'audio packets', 'all there', 'to disk median ms', 'p95 ms'], rows);
  const perStream = (cpu / wall / STREAMS) * 100;
  console.log(`cpu     recorder ${cpu.toFixed(2)} s over ${wall.toFixed(1)} s: ${perStream.toFixed(2)}% of one core per stream`);
  rmSync(dir, { recursive: true, force: true });
  return { ok };
}
