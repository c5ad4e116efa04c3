/**
 * A fuzz worker process held to a time and memory limit: each input gets `seconds`; the worker's resident
 * memory is sampled while it runs, and past `bytes` (or past the time) the worker is killed and the input
 * counted as a hang or out of memory. A new worker starts for the next input.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { FuzzReply, FuzzRequest } from './fuzz-child.js';

export interface Limits {
  seconds: number;
  bytes: number;
}

export type Verdict = FuzzReply | { id: number; outcome: 'hang' | 'oom'; peakRss: number; millis: number; error?: string };

/** Resident memory of a live process (Linux), in bytes; 0 when it cannot be read. */
export function residentBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** How often memory is sampled while an input runs: a typed-array blow-up grows by gigabytes a second. */
const SAMPLE_MS = 20;

export class BoundedWorker {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;

  constructor(
    private readonly script: string,
    private readonly limits: Limits,
  ) {}

  private start(): Promise<void> {
    // The heap limit catches a JavaScript blow-up before the system does; typed arrays live outside it and are sampled.
    const heapMiB = Math.floor(this.limits.bytes / (1024 * 1024));
    const child = fork(this.script, [], { execArgv: [`--max-old-space-size=${heapMiB}`], serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    child.stderr?.resume();
    this.child = child;
    return new Promise((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`the fuzz worker exited (${code}) before it was ready`)));
    });
  }

  /** Runs one input; always settles with a verdict, restarting the worker after a kill or a death. */
  async run(request: FuzzRequest): Promise<Verdict> {
    this.ready ??= this.start();
    await this.ready;
    const child = this.child!;
    const started = Date.now();
    let peak = 0;
    return new Promise<Verdict>((resolve) => {
      let settled = false;
      const finish = (v: Verdict, kill: boolean): void => {
        if (settled) return;
        settled = true;
        clearInterval(sampler);
        clearTimeout(timer);
        child.removeListener('message', onMessage);
        child.removeListener('exit', onExit);
        if (kill) this.retire();
        resolve(v);
      };
      const onMessage = (reply: FuzzReply): void => {
        if (reply.id === request.id) finish({ ...reply, peakRss: Math.max(reply.peakRss, peak) }, false);
      };
      const onExit = (code: number | null, signal: string | null): void => {
        this.child = undefined;
        this.ready = undefined;
        // A V8 heap limit ends the process with an abort: that is running out of memory too.
        finish({ id: request.id, outcome: 'oom', peakRss: peak, millis: Date.now() - started, error: `the worker died (${signal ?? code})` }, false);
      };
      const sampler = setInterval(() => {
        peak = Math.max(peak, residentBytes(child.pid!));
        if (peak > this.limits.bytes) finish({ id: request.id, outcome: 'oom', peakRss: peak, millis: Date.now() - started }, true);
      }, SAMPLE_MS);
      const timer = setTimeout(() => finish({ id: request.id, outcome: 'hang', peakRss: peak, millis: Date.now() - started }, true), this.limits.seconds * 1000);
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(request);
    });
  }

  /** Kills the worker (it ran over a limit); the next input starts a fresh one. */
  retire(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
    this.ready = undefined;
  }
}
