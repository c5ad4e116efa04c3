import { FieldReader } from '../../model/field-reader.js';
import type { Node, ParseOptions } from '../../model/types.js';
import type { ByteSource } from '../../source/byte-source.js';
import './boxes/index.js';
import { parseBox } from './box-parser.js';
import { type IsoState, newIsoState } from './iso-state.js';

/**
 * Reads one box again, alone: how a view loads a window further down a long table
 * (`{ firstEntry: 120000, maxEntries: 500 }`) without re-reading the file. `state` carries what the
 * first parse learned from earlier boxes (the handler, IV sizes), which a few box types need.
 */
export async function rereadBox(source: ByteSource, box: Pick<Node, 'start' | 'end'>, options: ParseOptions, state: IsoState = newIsoState()): Promise<Node> {
  const bytes = await source.read(box.start, box.end - box.start);
  const r = FieldReader.at(bytes, box.start, options);
  return parseBox(r, box.start + bytes.length, { state, fileSize: source.size }, 0);
}
