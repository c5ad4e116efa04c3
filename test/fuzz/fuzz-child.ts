/**
 * The fuzzer's worker process: runs each input it is sent through everything the commands run and answers
 * with the outcome and its own peak memory for that input. A hang or a blow-up is the parent's to catch:
 * it kills this process and starts another.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { exercise, isKnownFailure } from './exercise.js';

export interface FuzzRequest {
  id: number;
  bytes: Uint8Array;
  fileName: string;
}

export interface FuzzReply {
  id: number;
  outcome: 'ok' | 'crash' | 'known';
  /** For a crash: the error's name, message and first frames, one per line. */
  error?: string;
  /** Peak resident memory while this input ran, in bytes (0 where the system does not tell). */
  peakRss: number;
  millis: number;
}

/** Resets the kernel's peak-RSS mark for this process (Linux), so each input's peak is its own. */
function resetPeak(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux: peaks then run over the whole process, which only overstates them.
  }
}

function peakRss(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // fall through to what Node knows
  }
  return process.resourceUsage().maxRSS * 1024;
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const frames = (e.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at ')).slice(0, 4);
  return [`${e.name}: ${e.message}`, ...frames.map((f) => f.trim())].join('\n');
}

process.on('message', (request: FuzzRequest) => {
  resetPeak();
  const started = performance.now();
  const answer = (outcome: FuzzReply['outcome'], error?: string): void => {
    const reply: FuzzReply = { id: request.id, outcome, peakRss: peakRss(), millis: performance.now() - started };
    if (error !== undefined) reply.error = error;
    process.send?.(reply);
  };
  exercise(request.bytes, request.fileName).then(
    () => answer('ok'),
    (e: unknown) => answer(isKnownFailure(e) ? 'known' : 'crash', describe(e)),
  );
});
process.send?.({ ready: true });
