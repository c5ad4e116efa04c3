// Runs one command as a child process and measures it: wall time (spawn to exit) and peak
// memory (max RSS). Peak memory comes from GNU time when /usr/bin/time exists; otherwise
// Node children get a preload that prints their own maxRSS on exit (no extra packages).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const GNU_TIME = '/usr/bin/time';
const PRELOAD = pathToFileURL(join(import.meta.dirname, 'max-rss-preload.mjs')).href;
const RSS_LINE = /\n?bench-max-rss-kb=(\d+)\n?/;

/** 'time' (GNU time), or 'preload' (the child reports itself); BENCH_RSS=preload forces it. */
export const rssMethod =
  process.env.BENCH_RSS === 'preload' || !existsSync(GNU_TIME) ? 'preload' : 'time';

const isNode = (cmd) => cmd === process.execPath || basename(cmd) === 'node';

/**
 * @param {string[]} argv command and arguments
 * @param {{ cwd?: string }} [options]
 * @returns {Promise<{ wallMs: number, maxRssKb: number | null, code: number | null, stdout: string, stderr: string }>}
 */
export async function measure(argv, options = {}) {
  const [cmd, ...args] = argv;
  let spawnArgv = argv;
  let timeFile = null;
  if (rssMethod === 'time') {
    timeFile = join(mkdtempSync(join(tmpdir(), 'bitlens-bench-')), 'rss');
    // -o keeps GNU time's report out of the child's own stderr.
    spawnArgv = [GNU_TIME, '-f', '%M', '-o', timeFile, ...argv];
  } else if (isNode(cmd)) {
    spawnArgv = [cmd, '--import', PRELOAD, ...args];
  }

  const started = performance.now();
  const child = spawn(spawnArgv[0], spawnArgv.slice(1), {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = [];
  const err = [];
  child.stdout.on('data', (d) => out.push(d));
  child.stderr.on('data', (d) => err.push(d));
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  });
  const wallMs = performance.now() - started;

  let stderr = Buffer.concat(err).toString('utf8');
  let maxRssKb = null;
  if (timeFile) {
    // GNU time writes "Command exited with non-zero status N" before the number on failure.
    const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
    maxRssKb = Number(lines.at(-1)) || null;
    rmSync(join(timeFile, '..'), { recursive: true, force: true });
  } else {
    const m = RSS_LINE.exec(stderr);
    if (m) {
      maxRssKb = Number(m[1]);
      stderr = stderr.replace(RSS_LINE, '');
    }
  }
  return { wallMs, maxRssKb, code, stdout: Buffer.concat(out).toString('utf8'), stderr };
}

/** Median of a list of numbers (nulls dropped); null when nothing is left. */
export function median(values) {
  const v = values.filter((x) => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}
