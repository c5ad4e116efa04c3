import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_FORMATS, loadSeeds } from '../fuzz/corpus.js';
import { exercise, isKnownFailure } from '../fuzz/exercise.js';
import { applyPlan, planArb } from '../fuzz/plan.js';

/**
 * A short, seeded slice of `npm run fuzz`: the same structure-aware mutators (counts set to 0, 1, 2^31-1 and
 * 2^32-1, sizes past their parents, lengths, start codes, cuts) on every format's real files, through
 * everything the commands run. Every input must give a tree with diagnostics, never an exception.
 */
const seeds = loadSeeds();

describe('mutated real files (a seeded slice of the fuzzer)', () => {
  it.each(FUZZ_FORMATS.map((f) => f.name))('%s: every mutation gives a tree and diagnostics, and nothing escapes', async (format) => {
    const mine = seeds.filter((s) => s.format === format);
    let reported = 0;
    await fc.assert(
      fc.asyncProperty(planArb(), async (plan) => {
        const { bytes, seed } = applyPlan(mine, plan);
        const result = await exercise(bytes, seed.name).catch((e: unknown) => {
          if (isKnownFailure(e)) return undefined;
          throw e;
        });
        if (!result || result.format === 'unknown') return;
        expect(result.nodes).toBeGreaterThan(0);
        if (result.diagnostics > 0) reported++;
      }),
      { numRuns: 60, seed: 20261207 },
    );
    // The mutations break real structure, and the parsers say where.
    expect(reported).toBeGreaterThan(10);
  });

  it('each seed with a trun or constant-size stsz declaring 2^32-1 samples (no per-sample bytes) gives a bounded index', async () => {
    for (const seed of seeds.filter((s) => s.format === 'mp4')) {
      const sites = seed.named.filter((s) => s.kind === 'splice' && s.what.includes('2^32-1')).slice(0, 6);
      for (const site of sites) {
        const { bytes } = applyPlan([{ ...seed, sites: [site], named: [site] }], { seed: 0, steps: [{ kind: 'site', a: 0, b: 0 }] });
        const result = await exercise(bytes, seed.name).catch((e: unknown) => {
          if (isKnownFailure(e)) return undefined;
          throw e;
        });
        if (result) expect(result.packets, `${seed.name}: ${site.what}`).toBeLessThanOrEqual(bytes.length);
      }
    }
  });

  it('the mutators find the fields they are meant to break in each format', () => {
    for (const f of FUZZ_FORMATS) {
      const whats = seeds.filter((s) => s.format === f.name).flatMap((s) => s.sites.map((x) => x.what));
      expect(whats.length, f.name).toBeGreaterThan(20);
    }
    const iso = seeds.find((s) => s.name === 'avc-main-aac-fragmented.mp4')!.sites.map((s) => s.what);
    expect(iso).toContain('trun@1332 count+12');
    expect(iso).toContain('moof@1252 size');
  });
});
