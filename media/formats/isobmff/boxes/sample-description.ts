import { BitstreamError, OutOfData } from '../../../bits/errors.js';
import type { FieldReader } from '../../../model/field-reader.js';
import { type Node, newNode } from '../../../model/types.js';
import { readBoxHeader } from '../box-header.js';
import { MAX_DEPTH, type ParseEnv, parseBox, parseBoxes } from '../box-parser.js';
import { boxDef, registerBoxes } from '../box-registry.js';
import { type BoxScope, reportOn } from '../box-scope.js';
import { type SampleEntryKind, entryKind, entryTitle, readSampleEntry } from './sample-entry.js';

/** The fourcc of the box at the reader's (byte-aligned) position; the caller made sure 8 bytes are there. */
function peekType(r: FieldReader): string {
  const at = r.pos >>> 3;
  const d = r.data;
  return String.fromCharCode(d[at + 4]!, d[at + 5]!, d[at + 6]!, d[at + 7]!);
}

/**
 * A sample entry whose fourcc has no registered reader: it is read as a generic entry of the kind
 * the track's handler gives (a `vide` track's entries are VisualSampleEntries whatever their fourcc).
 * Box framing mirrors the walker's: clamp to the parent, resync at the declared end.
 */
function parseGenericEntry(r: FieldReader, stsd: BoxScope, env: ParseEnv, kind: SampleEntryKind): Node {
  const limit = stsd.end;
  const start = r.absByte;
  const node = newNode('box', '?', start, limit, entryTitle(kind));
  const outer = r.fields;
  r.fields = node.fields;
  const saved = r.limit(r.dataBitOfByte(limit));
  try {
    const h = readBoxHeader(r);
    node.name = h.type;
    if (!h.toEnd && h.size < h.headerLength) {
      reportOn(node, 'error', 'box-size-too-small', `size ${h.size} is smaller than the box header (${h.headerLength} bytes)`, start, start + h.headerLength);
      node.end = start;
      return node;
    }
    let end = h.toEnd ? limit : start + h.size;
    if (end > limit) {
      reportOn(node, 'error', 'box-overflows-parent', `declared size ${h.size} runs ${end - limit} bytes past the end of its parent`, start, limit);
      end = limit;
    }
    node.end = end;
    r.limit(r.dataBitOfByte(end));
    reportOn(node, 'info', 'unknown-sample-entry', `sample entry '${h.type}' is not one Bitlens knows; read as a generic ${kind === 'other' ? '' : `${kind} `}sample entry`);
    const depth = stsd.depth + 1;
    const scope: BoxScope = {
      node,
      type: h.type,
      version: 0,
      flags: 0,
      end,
      state: stsd.state,
      depth,
      children: (reader) => {
        if (depth + 1 > MAX_DEPTH) {
          reportOn(node, 'error', 'nesting-too-deep', `boxes nested more than ${MAX_DEPTH} deep are not read`);
          return;
        }
        const inner = reader.fields;
        try {
          parseBoxes(reader, end, node.children, env, depth + 1, node);
        } finally {
          reader.fields = inner;
        }
      },
      report: (severity, code, message, s, e) => reportOn(node, severity, code, message, s, e),
      keep: (data) => {
        node.data = data;
      },
    };
    readSampleEntry(r, scope, kind);
  } catch (e) {
    if (!(e instanceof OutOfData) && !(e instanceof BitstreamError)) throw e;
    reportOn(node, 'error', 'truncated-box', `the box ends before its fields do (${e.message})`, start, node.end);
  } finally {
    r.restoreLimit(saved);
    r.fields = outer;
  }
  r.seek(r.dataBitOfByte(node.end));
  return node;
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
    const type = peekType(r);
    const node = boxDef(type) ? parseBox(r, box.end, env, box.depth + 1) : parseGenericEntry(r, box, env, entryKind(box.state.handler, 'other'));
    box.node.children.push(node);
    entries++;
    if (node.end <= node.start) break;
  }
  if (entries !== entryCount) {
    box.report('warning', 'entry-count-mismatch', `entry_count is ${entryCount}, but the box holds ${entries} entries`, countAt, countAt + 4);
  }
}

registerBoxes({ type: 'stsd', title: 'Sample Description Box', spec: 'ISO/IEC 14496-12 8.5.2', full: true, parse: readStsd });
