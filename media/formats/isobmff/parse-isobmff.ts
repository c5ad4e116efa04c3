import { type Diagnostic, type Node, type ParseOptions, ANNOTATE } from '../../model/types.js';
import type { ByteSource } from '../../source/byte-source.js';
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
