/**
 * What `info` says of a file's problems (counts by severity and the first errors), and what `--strict` makes of
 * them: the commands exit 0 whenever the file was read, damaged or not, and 2 under --strict when it has errors.
 */
import type { MediaDocument } from '../../media/model/document-model.js';
import { type JsonDiagnostic, collectDiagnostics, diagnosticToJson } from '../../media/model/json.js';
import type { Diagnostic } from '../../media/model/types.js';

/** The exit status of info, packets, remux and extract under --strict when the file has error diagnostics. */
export const STRICT_ERRORS_STATUS = 2;
/** Errors `info` lists by name (the rest are counted). */
const FIRST_ERRORS = 5;

export interface DiagnosticsSummary {
  error: number;
  warning: number;
  info: number;
  /** Every diagnostic, file order of the tree (each once). */
  all: Diagnostic[];
}

export function summarize(doc: MediaDocument): DiagnosticsSummary {
  const all = [...new Set([...doc.diagnostics, ...collectDiagnostics(doc.tree)])];
  const summary: DiagnosticsSummary = { error: 0, warning: 0, info: 0, all };
  for (const d of all) summary[d.severity]++;
  return summary;
}

/** Lines for `info`: the counts, then the first few errors with their codes and offsets. */
export function summaryLines(s: DiagnosticsSummary): string[] {
  const counts = (['error', 'warning', 'info'] as const).filter((k) => s[k] > 0).map((k) => `${s[k]} ${k === 'info' ? 'info' : `${k}${s[k] === 1 ? '' : 's'}`}`);
  const lines = [`  diagnostics: ${counts.length ? counts.join(', ') : 'none'}`];
  const errors = s.all.filter((d) => d.severity === 'error');
  for (const d of errors.slice(0, FIRST_ERRORS)) lines.push(`    error ${d.code} @${d.start}: ${d.message}`);
  if (errors.length > FIRST_ERRORS) lines.push(`    … and ${errors.length - FIRST_ERRORS} more errors (bitlens inspect shows them where they are)`);
  return lines;
}

/** `info --json`'s diagnostics: the counts and every diagnostic. */
export function summaryJson(s: DiagnosticsSummary): { error: number; warning: number; info: number; items: JsonDiagnostic[] } {
  return { error: s.error, warning: s.warning, info: s.info, items: s.all.map(diagnosticToJson) };
}

/** The exit status a command ends with: 2 under --strict when the file has errors, else 0. */
export function strictStatus(doc: MediaDocument, strict: boolean | undefined): number {
  return strict && summarize(doc).error > 0 ? STRICT_ERRORS_STATUS : 0;
}
