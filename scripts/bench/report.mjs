// Plain-text output for benchmarks: aligned tables and ratio lines against a target.

/** Prints rows (arrays of cells) under a header, columns padded; numbers are right-aligned. */
export function printTable(header, rows) {
  const all = [header, ...rows].map((r) => r.map((c) => (c === null || c === undefined ? '-' : String(c))));
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const numeric = header.map((_, i) => rows.every((r) => typeof r[i] === 'number' || r[i] === null || /^[\d.,x]+$/.test(String(r[i]))));
  const line = (r) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  console.log(line(all[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of all.slice(1)) console.log(line(r));
}

/**
 * One "ours/theirs" ratio with its target (lower is better), e.g.
 * "time    bitlens/mp4box.js = 0.42x  (target <= 0.5x: met)".
 * @returns {boolean | null} whether the target was met, null when a value is missing
 */
export function printRatio(what, label, ours, theirs, target) {
  if (ours === null || theirs === null || theirs === 0) {
    console.log(`${what.padEnd(7)} ${label} = n/a`);
    return null;
  }
  const ratio = ours / theirs;
  const met = ratio <= target;
  console.log(`${what.padEnd(7)} ${label} = ${ratio.toFixed(2)}x  (target <= ${target}x: ${met ? 'met' : 'MISSED'})`);
  return met;
}

export const fixed = (v, digits = 0) => (v === null || v === undefined ? null : v.toFixed(digits));
