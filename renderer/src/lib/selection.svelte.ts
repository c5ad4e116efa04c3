import type { Diagnostic } from '../../../media/model/types.js';
import type { FieldPath, NodePath } from './paths.js';

/**
 * The one selection of a document, shared by every view: the tree, the hex view, the field panel,
 * the sample table and the diagnostics list all read and write this, so choosing a thing anywhere
 * selects it everywhere.
 */
export class Selection {
  /** The node chosen (or holding the chosen field or byte). */
  node = $state.raw<NodePath | null>(null);
  /** The field chosen inside `node`, if any. */
  field = $state.raw<FieldPath | null>(null);
  /** Selected bytes [start, end); empty when only the cursor is placed. */
  start = $state(0);
  end = $state(0);
  /** The hex view's cursor byte (where the keyboard acts, what the status bar reads). */
  cursor = $state(0);
  /** Exact bits to outline: the chosen field's span, or null for whole bytes. */
  bits = $state.raw<{ offset: number; length: number; own?: number } | null>(null);
  /** Index into the packet table of the chosen sample, or -1. */
  packet = $state(-1);
  diagnostic = $state.raw<Diagnostic | null>(null);
  /** Bumped when a choice should bring the views to it (scroll the tree, the hex view, the tables). */
  reveal = $state(0);
  /** The fixed end of a shift-extended byte range. */
  anchor = 0;

  get size(): number {
    return this.end - this.start;
  }

  clear(): void {
    this.node = null;
    this.field = null;
    this.bits = null;
    this.packet = -1;
    this.diagnostic = null;
  }
}
