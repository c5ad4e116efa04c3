import type { FieldReader } from '../../model/field-reader.js';
import { type Diagnostic, type Node, type Severity, diagnostic } from '../../model/types.js';
import type { IsoState } from './iso-state.js';

/** What a box parser sees of its box and of the parse around it. */
export interface BoxScope {
  readonly node: Node;
  readonly type: string;
  /** FullBox version and flags (0 for plain boxes). */
  readonly version: number;
  readonly flags: number;
  /** Absolute byte where the box ends (clamped to its parent). */
  readonly end: number;
  readonly state: IsoState;
  readonly depth: number;
  /** Reads the rest of the box (up to `end`) as child boxes. */
  children(r: FieldReader): void;
  /** Attaches a diagnostic to this box (default range: the whole box). */
  report(severity: Severity, code: string, message: string, start?: number, end?: number): Diagnostic;
  /** Keeps decoded values for later stages (sample index, remux). */
  keep(data: unknown): void;
}

export function reportOn(node: Node, severity: Severity, code: string, message: string, start = node.start, end = node.end): Diagnostic {
  const d = diagnostic(severity, code, message, start, end);
  node.diagnostics.push(d);
  return d;
}
