/**
 * Runs a command under /usr/bin/time and holds it to a time and memory limit: its resident memory is
 * sampled while it runs and it is killed past either limit, so a regression costs a failed test, not the
 * machine. The peak comes from the kernel's own count (time's %M).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { residentBytes } from '../fuzz/bounded-child.js';

export interface BoundedRun {
  code: number | null;
  out: string;
  err: string;
  peakBytes: number;
  killed?: 'time' | 'memory';
}

function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export function runBounded(command: string, args: readonly string[], limits: { seconds: number; bytes: number }): Promise<BoundedRun> {
  const child = spawn('/usr/bin/time', ['-f', 'peak-kb=%M', command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  let killed: BoundedRun['killed'];
  const stop = (why: 'time' | 'memory'): void => {
    killed ??= why;
    for (const pid of childPids(child.pid!)) process.kill(pid, 'SIGKILL');
  };
  const sampler = setInterval(() => {
    if (childPids(child.pid!).some((pid) => residentBytes(pid) > limits.bytes)) stop('memory');
  }, 20);
  const timer = setTimeout(() => stop('time'), limits.seconds * 1000);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearInterval(sampler);
      clearTimeout(timer);
      const peak = /peak-kb=(\d+)\s*$/.exec(err);
      const run: BoundedRun = { code, out, err: peak ? err.slice(0, peak.index) : err, peakBytes: peak ? Number(peak[1]) * 1024 : 0 };
      if (killed) run.killed = killed;
      resolve(run);
    });
  });
}
