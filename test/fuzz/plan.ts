import fc from 'fast-check';
import type { Seed } from './corpus.js';
import { type Site, applySplice, countValues, writeField } from './sites.js';

/**
 * One mutation step: a structure-aware one (a site of the seed and one of its values), or a generic one
 * that knows nothing of the format (a flipped byte, a 32-bit word set to a count value, a cut).
 */
export interface Step {
  kind: 'site' | 'flip' | 'word' | 'truncate';
  a: number;
  b: number;
}

/** A seed (index into the seed list) and the steps applied to it, in order. */
export interface Plan {
  seed: number;
  steps: Step[];
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom<Step['kind']>('site', 'site', 'site', 'site', 'site', 'flip', 'word', 'truncate'),
  a: fc.nat(),
  b: fc.nat(),
});

export function planArb(): fc.Arbitrary<Plan> {
  return fc.record({ seed: fc.nat({ max: 1 << 20 }), steps: fc.array(stepArb, { minLength: 1, maxLength: 4 }) });
}

const WORD_VALUES = countValues(32);

/** Formats get equal turns whatever their number of seed files: `n` picks a format, then one of its seeds. */
function pickSeed(seeds: readonly Seed[], n: number): Seed {
  const formats = [...new Set(seeds.map((s) => s.format))];
  const mine = seeds.filter((s) => s.format === formats[n % formats.length]);
  return mine[Math.floor(n / formats.length) % mine.length]!;
}

/** The mutated bytes, and what each step did (to name a finding). */
export function applyPlan(seeds: readonly Seed[], plan: Plan): { bytes: Uint8Array; seed: Seed; did: string[] } {
  const seed = pickSeed(seeds, plan.seed);
  let bytes: Uint8Array = seed.bytes.slice();
  const did: string[] = [];
  for (const step of plan.steps) {
    if (bytes.length === 0) break;
    if (step.kind === 'site' && seed.sites.length > 0) {
      // Every other step picks among the fields the walk named, which fallback words would outnumber.
      const pool = step.a % 2 === 0 && seed.named.length > 0 ? seed.named : seed.sites;
      const site: Site = pool[Math.floor(step.a / 2) % pool.length]!;
      if (site.kind === 'field') {
        const value = site.values[step.b % site.values.length]!;
        writeField(bytes, site, value);
        did.push(`${site.what} = ${value}`);
      } else {
        bytes = applySplice(bytes, site);
        did.push(site.what);
      }
    } else if (step.kind === 'flip') {
      const at = step.a % bytes.length;
      bytes[at] = bytes[at]! ^ (1 + (step.b % 255));
      did.push(`byte ${at} ^= ${1 + (step.b % 255)}`);
    } else if (step.kind === 'word') {
      const at = step.a % Math.max(1, bytes.length - 3);
      const value = WORD_VALUES[step.b % WORD_VALUES.length]!;
      writeField(bytes, { kind: 'field', what: 'word', at, bitOffset: 0, bits: 32, values: [] }, value);
      did.push(`word ${at} = ${value}`);
    } else if (step.kind === 'truncate') {
      const at = step.a % bytes.length;
      bytes = bytes.slice(0, at);
      did.push(`cut at ${at}`);
    }
  }
  return { bytes, seed, did };
}
