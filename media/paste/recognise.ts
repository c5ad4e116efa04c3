/**
 * Works out what pasted bytes are: every candidate structure is read by its parser and checked; of those
 * that pass, the strongest wins. When none passes, the answer is "not recognised" with each candidate's
 * reason. `as` limits the candidates to one type and shows its best reading even when its checks fail.
 */
import { type Diagnostic, type Node, diagnostic, newNode, rangeField } from '../model/types.js';
import { adtsCandidate, rawAacCandidate } from './aac-candidates.js';
import type { Attempt, Candidate, PasteType } from './candidate.js';
import { ascCandidate, avccCandidate, hvccCandidate } from './config-candidates.js';
import { flvBodyCandidates, flvTagCandidate } from './flv-candidates.js';
import { isobmffCandidate } from './isobmff-candidate.js';
import { nalCandidates } from './nal-candidates.js';

/** Every candidate, strongest evidence first (ties go to the earlier). */
export const CANDIDATES: readonly Candidate[] = [
  isobmffCandidate, flvTagCandidate, ...flvBodyCandidates, avccCandidate, hvccCandidate, adtsCandidate, ...nalCandidates, ascCandidate, rawAacCandidate,
];

export interface Tried {
  type: PasteType;
  variant: string;
  ok: boolean;
  reason: string;
}

export interface Recognition {
  /** The type the bytes were read as, or null when nothing validated (and no `as` was given). */
  guess: PasteType | null;
  /** Which reading of the type (`video`, `H.264 with 4-byte lengths` ...). */
  variant?: string;
  /** True when `as` chose the reading and its checks failed. */
  forced?: boolean;
  /** Every reading tried, with why it passed or failed. */
  tried: Tried[];
  tree: Node[];
  /** Problems about the bytes as a whole (each node carries its own too). */
  diagnostics: Diagnostic[];
  /** What was assumed, and advice, in words. */
  notes: string[];
}

function run(c: Candidate, bytes: Uint8Array): Attempt {
  try {
    return c.run(bytes);
  } catch (e) {
    // A parser that throws on bad bytes is a bug to fix there; here it only means this guess fails.
    return { ok: false, reason: `the reader failed: ${e instanceof Error ? e.message : String(e)}`, tree: [] };
  }
}

function notRecognised(bytes: Uint8Array, tried: Tried[]): Recognition {
  const node = newNode('bytes', 'bytes', 0, bytes.length, 'not recognised');
  if (bytes.length > 0) node.fields.push(rangeField('data', 0, bytes.length));
  const message = `not recognised as any structure Bitlens reads: ${tried.filter((t) => !t.ok).length} readings tried, none validated`;
  const d = diagnostic('warning', 'paste-not-recognised', message, 0, bytes.length);
  return { guess: null, tried, tree: [node], diagnostics: [d], notes: [message] };
}

export function recognise(bytes: Uint8Array, as?: PasteType): Recognition {
  const list = as ? CANDIDATES.filter((c) => c.type === as) : CANDIDATES;
  const tried: Tried[] = [];
  let best: { c: Candidate; a: Attempt; score: number } | undefined;
  let fallback: { c: Candidate; a: Attempt } | undefined;
  for (const c of list) {
    const a = run(c, bytes);
    tried.push({ type: c.type, variant: c.variant, ok: a.ok, reason: a.reason });
    if (a.ok) {
      const score = c.strength + (a.score ?? 0) / 100;
      if (!best || score > best.score) best = { c, a, score };
    } else if (a.tree.length > 0 && (!fallback || fallback.a.tree.length === 0)) {
      fallback = { c, a };
    }
  }
  if (best) {
    const notes = [`recognised as ${best.c.type} (${best.c.variant}): ${best.a.reason}`, ...(best.a.notes ?? [])];
    const others = tried.filter((t) => t.ok && t.variant !== best.c.variant);
    if (others.length > 0) notes.push(`also valid, but weaker evidence: ${others.map((t) => `${t.type} (${t.variant})`).join(', ')}`);
    return { guess: best.c.type, variant: best.c.variant, tried, tree: best.a.tree, diagnostics: best.a.diagnostics ?? [], notes };
  }
  if (as && fallback) {
    const message = `read as ${as} (${fallback.c.variant}) because --as asked; it does not validate: ${fallback.a.reason}`;
    const d = diagnostic('warning', 'paste-forced-type', message, 0, bytes.length);
    return { guess: as, variant: fallback.c.variant, forced: true, tried, tree: fallback.a.tree, diagnostics: [d], notes: [message] };
  }
  return notRecognised(bytes, tried);
}
