import type { FieldReader } from '../../../model/field-reader.js';
import { MAX_DEPTH, type ParseEnv, parseBox } from '../box-parser.js';
import { type BoxDef, registerBoxes } from '../box-registry.js';
import type { BoxScope } from '../box-scope.js';
import { type SampleEntryKind, entryKind, entryTitle, readSampleEntry } from './sample-entry.js';

/**
 * How a sample entry whose fourcc has no registered reader is read: as a generic entry of the kind
 * the track's handler gives (a `vide` track's entries are VisualSampleEntries whatever their fourcc).
 */
function genericEntry(kind: SampleEntryKind): BoxDef {
  return {
    type: '?',
    title: entryTitle(kind),
    parse: (r, scope) => {
      scope.report('info', 'unknown-sample-entry', `sample entry '${scope.type}' is not one Bitlens knows; read as a generic ${kind === 'other' ? '' : `${kind} `}sample entry`);
      readSampleEntry(r, scope, kind);
    },
  };
}

/** stsd (ISO/IEC 14496-12 8.5.2): entry_count, then one sample entry box each. */
function readStsd(r: FieldReader, box: BoxScope): void {
  const countAt = r.absByte;
  const entryCount = r.u32('entry_count');
  // Every entry is at least a box header; the loop below is bounded by the bytes, not the count.
  if (entryCount * 8 > r.bytesLeft) {
    box.report('error', 'table-count-exceeds-box', `entry_count ${entryCount} needs at least ${entryCount * 8} bytes, but the box has ${r.bytesLeft} left`, countAt, countAt + 4);
  }
  if (box.depth + 1 > MAX_DEPTH) {
    box.report('error', 'nesting-too-deep', `boxes nested more than ${MAX_DEPTH} deep are not read`);
    return;
  }
  const env: ParseEnv = { state: box.state, fileSize: Number.POSITIVE_INFINITY };
  let entries = 0;
  while (r.absByte < box.end) {
    if (box.end - r.absByte < 8) {
      box.children(r); // shows the trailing bytes the way every box does
      break;
    }
    const node = parseBox(r, box.end, env, box.depth + 1, genericEntry(entryKind(box.state.handler, 'other')));
    box.node.children.push(node);
    entries++;
    if (node.end <= node.start) break;
  }
  if (entries !== entryCount) {
    box.report('warning', 'entry-count-mismatch', `entry_count is ${entryCount}, but the box holds ${entries} entries`, countAt, countAt + 4);
  }
}

registerBoxes({ type: 'stsd', title: 'Sample Description Box', spec: 'ISO/IEC 14496-12 8.5.2', full: true, parse: readStsd });
