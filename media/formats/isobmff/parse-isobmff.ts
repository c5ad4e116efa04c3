import { type Diagnostic, type Node, type ParseOptions, ANNOTATE } from '../../model/types.js';
import type { ByteSource, GrowingByteSource } from '../../source/byte-source.js';
import './boxes/index.js';
import type { ParseEnv } from './box-parser.js';
import { type IsoState, newIsoState } from './iso-state.js';
import { walkTopLevel } from './top-level.js';

export interface IsoBmffTree {
  tree: Node[];
  diagnostics: Diagnostic[];
  state: IsoState;
  /** Where the walk stopped (the source size, unless it is still growing). */
  next: number;
}

/** Parses the box structure of an ISO-BMFF file (MP4, fMP4, MOV, ISMV/ISMA, 3GP). */
export async function parseIsoBmff(source: ByteSource, options: ParseOptions = ANNOTATE): Promise<IsoBmffTree> {
  const state = newIsoState();
  const env: ParseEnv = { state, fileSize: source.size };
  const { nodes, diagnostics, next } = await walkTopLevel(source, options, env);
  return { tree: nodes, diagnostics, state, next };
}

/**
 * Reads a source that is still growing (a recording, a download): each `advance` parses the top-level
 * boxes that have fully arrived since the last call and leaves a box in progress for the next one.
 */
export class IsoBmffIncremental {
  readonly tree: Node[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly state: IsoState = newIsoState();
  next = 0;

  constructor(private readonly options: ParseOptions = ANNOTATE) {}

  /** Parses what is new; returns the boxes completed by this call. */
  async advance(source: GrowingByteSource): Promise<Node[]> {
    const env: ParseEnv = { state: this.state, fileSize: source.size };
    const result = await walkTopLevel(source, this.options, env, this.next, !source.complete);
    this.tree.push(...result.nodes);
    this.diagnostics.push(...result.diagnostics);
    this.next = result.next;
    return result.nodes;
  }
}
