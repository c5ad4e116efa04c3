/**
 * The contract of one guess about pasted bytes: a structure read by its existing parser, then checked by
 * strict rules over what the parser produced. A guess counts only when every rule holds.
 */
import type { Diagnostic, Node } from '../model/types.js';

/** The structures a paste can be (`--as` names). */
export const PASTE_TYPES = ['isobmff', 'flv-tag', 'flv-tag-body', 'avcc', 'hvcc', 'adts', 'nal', 'asc', 'raw-aac'] as const;
export type PasteType = (typeof PASTE_TYPES)[number];

export function isPasteType(s: string): s is PasteType {
  return (PASTE_TYPES as readonly string[]).includes(s);
}

/** What one candidate's parse and checks gave. */
export interface Attempt {
  ok: boolean;
  /** Why it failed (the first rule broken), or what was verified. */
  reason: string;
  /** The annotated tree the parser built (kept for the winner, or for `--as` even when checks fail). */
  tree: Node[];
  /** Assumptions the reading made (sampling rate, channels) and advice (how to make it playable). */
  notes?: string[];
  /** Problems about the whole paste rather than one node. */
  diagnostics?: Diagnostic[];
  /** Larger is a stronger guess; only compared between attempts that are ok. */
  score?: number;
}

export interface Candidate {
  type: PasteType;
  /** Which reading of the type: `video`, `H.264 Annex B`, `4-byte lengths` ... */
  variant: string;
  /**
   * How much a pass proves: a magic number or exact sizes (high) down to a raw AAC frame that has no
   * header at all (low). Ties go to the candidate listed first.
   */
  strength: number;
  run(bytes: Uint8Array): Attempt;
}

export function fail(reason: string, tree: Node[] = []): Attempt {
  return { ok: false, reason, tree };
}

/** Every diagnostic in a tree, in tree order. */
export function treeDiagnostics(nodes: readonly Node[], into: Diagnostic[] = []): Diagnostic[] {
  for (const n of nodes) {
    into.push(...n.diagnostics);
    treeDiagnostics(n.children, into);
  }
  return into;
}

/**
 * The first diagnostic of any severity not in `allowed`, as a reason: a structure that parses with
 * complaints (even an info about reserved bits) is not good evidence that the bytes are that structure.
 */
export function firstProblem(nodes: readonly Node[], allowed: ReadonlySet<string> = new Set(), extra: readonly Diagnostic[] = []): string | undefined {
  const d = [...extra, ...treeDiagnostics(nodes)].find((x) => !allowed.has(x.code));
  return d ? `${d.code} at byte ${d.start}: ${d.message}` : undefined;
}
