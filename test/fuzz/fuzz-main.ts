/**
 * `npm run fuzz -- --seconds N [--format F] [--seed S]`: mutates the real files of every format (or of F)
 * with the structure-aware mutators, runs each input through everything the commands run in a worker
 * held to 20 s and 512 MiB, and prints inputs tried, crashes, hangs, out-of-memory inputs and peak memory.
 * Every finding is saved (bytes and the steps that made them) under fuzz-findings/ for reproduction.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { BoundedWorker, type Verdict } from './bounded-child.js';
import { FUZZ_FORMATS, loadSeeds } from './corpus.js';
import { applyPlan, planArb } from './plan.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    format: { type: 'string' },
    seed: { type: 'string' },
    fixtures: { type: 'string' },
    out: { type: 'string', default: 'fuzz-findings' },
    worker: { type: 'string' },
  },
});

const MIB = 1024 * 1024;
const LIMITS = { seconds: 20, bytes: 512 * MIB };
const seconds = Number(values.seconds);
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;
const formats = FUZZ_FORMATS.filter((f) => values.format === undefined || f.name === values.format);
if (!(seconds > 0) || !Number.isInteger(seed) || formats.length === 0 || !values.fixtures || !values.worker) {
  console.error(`fuzz: --seconds N [--format ${FUZZ_FORMATS.map((f) => f.name).join('|')}] [--seed S] (and --fixtures, --worker, which npm run fuzz gives)`);
  process.exit(2);
}

const seeds = loadSeeds(formats, values.fixtures);
const worker = new BoundedWorker(values.worker, LIMITS);
const tally = { tried: 0, ok: 0, crash: 0, hang: 0, oom: 0, known: 0 };
const perFormat = new Map<string, number>();
const signatures = new Map<string, { count: number; file: string }>();
let peak = { bytes: 0, what: '' };
let slowest = { millis: 0, what: '' };

function save(kind: string, format: string, bytes: Uint8Array, did: string[], verdict: Verdict): string {
  mkdirSync(values.out!, { recursive: true });
  const hash = createHash('sha1').update(bytes).digest('hex').slice(0, 12);
  const base = join(values.out!, `${kind}-${format}-${hash}`);
  writeFileSync(`${base}.bin`, bytes);
  writeFileSync(`${base}.txt`, `${did.join('\n')}\n\n${verdict.error ?? ''}\n${Math.round(verdict.millis)} ms, peak ${Math.round(verdict.peakRss / MIB)} MiB\n`);
  return `${base}.bin`;
}

console.log(`fuzz: ${formats.map((f) => f.name).join(', ')} for ${seconds} s, seed ${seed}, limits ${LIMITS.seconds} s and ${LIMITS.bytes / MIB} MiB per input`);
const deadline = Date.now() + seconds * 1000;
const arb = planArb();
for (let batch = 0; Date.now() < deadline; batch++) {
  for (const plan of fc.sample(arb, { seed: seed + batch, numRuns: 50 })) {
    if (Date.now() >= deadline) break;
    const { bytes, seed: from, did } = applyPlan(seeds, plan);
    const verdict = await worker.run({ id: tally.tried, bytes, fileName: from.name });
    tally.tried++;
    tally[verdict.outcome]++;
    perFormat.set(from.format, (perFormat.get(from.format) ?? 0) + 1);
    const what = `${from.name}: ${did.join('; ')}`;
    if (verdict.peakRss > peak.bytes) peak = { bytes: verdict.peakRss, what };
    if (verdict.millis > slowest.millis) slowest = { millis: verdict.millis, what };
    if (verdict.outcome === 'ok' || verdict.outcome === 'known') continue;
    const signature = `${verdict.outcome} ${from.format} ${(verdict.error ?? '').split('\n').slice(0, 2).join(' | ').replace(/\d+/g, 'N')}`;
    const seen = signatures.get(signature);
    if (seen) seen.count++;
    else {
      const file = save(verdict.outcome, from.format, bytes, did, verdict);
      signatures.set(signature, { count: 1, file });
      console.log(`fuzz: ${verdict.outcome} on ${what}\n  ${(verdict.error ?? '').split('\n')[0]}\n  saved ${file}`);
    }
  }
}
worker.retire();

console.log(`\ninputs tried: ${tally.tried} (${[...perFormat].map(([f, n]) => `${f} ${n}`).join(', ')})`);
console.log(`crashes: ${tally.crash}, hangs: ${tally.hang}, out of memory: ${tally.oom}, known failures: ${tally.known}, clean: ${tally.ok}`);
console.log(`peak memory: ${Math.round(peak.bytes / MIB)} MiB (${peak.what})`);
console.log(`slowest input: ${Math.round(slowest.millis)} ms (${slowest.what})`);
for (const [signature, { count, file }] of signatures) console.log(`  ${count}x ${signature}\n     ${file}`);
process.exit(tally.crash + tally.hang + tally.oom > 0 ? 1 : 0);
