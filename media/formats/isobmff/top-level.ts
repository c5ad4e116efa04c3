import { FieldReader } from '../../model/field-reader.js';
import { type Diagnostic, type Node, type ParseOptions, diagnostic, newNode, rangeField } from '../../model/types.js';
import type { ByteSource } from '../../source/byte-source.js';
import { readBoxHeader } from './box-header.js';
import { type ParseEnv, type RangeData, parseBox } from './box-parser.js';
import { boxDef } from './box-registry.js';
import { reportOn } from './box-scope.js';

/** Top-level boxes larger than this are not loaded whole (their header is still shown). */
export const MAX_LOADED_BOX = 256 * 1024 * 1024;
/** Bounded work on hostile files: a file of billions of 8-byte boxes stops here. */
export const MAX_TOP_LEVEL_BOXES = 1_000_000;

export interface TopLevelResult {
  nodes: Node[];
  diagnostics: Diagnostic[];
  /** Where the walk stopped: a growing source continues from here. */
  next: number;
}

/**
 * Walks the top-level boxes of a source. Only box headers and the boxes that are read (not mdat)
 * are loaded, one at a time, so a 10 GB file costs what its moov and moofs cost.
 */
export async function walkTopLevel(source: ByteSource, options: ParseOptions, env: ParseEnv, from = 0, waitForMore = false): Promise<TopLevelResult> {
  const nodes: Node[] = [];
  const diagnostics: Diagnostic[] = [];
  let offset = from;
  const size = source.size;
  while (offset < size) {
    if (nodes.length >= MAX_TOP_LEVEL_BOXES) {
      diagnostics.push(diagnostic('error', 'too-many-boxes', `more than ${MAX_TOP_LEVEL_BOXES} top-level boxes; the rest is not read`, offset, size));
      break;
    }
    const headBytes = await source.read(offset, Math.min(32, size - offset));
    const probe = FieldReader.at(headBytes, offset, { record: false, maxEntries: 0 });
    let declared: number;
    let headerLength: number;
    let key: string;
    try {
      const h = readBoxHeader(probe);
      declared = h.toEnd ? size - offset : h.size;
      headerLength = h.headerLength;
      key = h.key;
    } catch {
      if (waitForMore) break; // the header has not fully arrived yet
      const node = newNode('bytes', 'trailing bytes', offset, size);
      reportOn(node, 'warning', 'trailing-bytes', `${size - offset} bytes after the last box are too few for a box header`);
      nodes.push(node);
      offset = size;
      break;
    }
    const available = size - offset;
    if (waitForMore && declared > available && declared >= headerLength) break; // the box is still arriving
    const def = boxDef(key);
    const keepAsRange = def?.range === true || declared > MAX_LOADED_BOX;
    const loadLength = keepAsRange ? Math.min(headerLength, available) : Math.min(Math.max(declared, headerLength), available);
    const bytes = keepAsRange ? headBytes.subarray(0, loadLength) : await source.read(offset, loadLength);
    const r = FieldReader.at(bytes, offset, options);
    const node = keepAsRange ? rangeBox(r, offset, declared, size) : parseBox(r, offset + bytes.length, env, 0);
    nodes.push(node);
    if (node.end <= offset) {
      // The size cannot be right: nothing after this box can be located.
      if (node.end < size) {
        const rest = newNode('bytes', 'unreadable', offset + Math.min(headerLength, available), size);
        reportOn(rest, 'error', 'unlocatable-bytes', 'bytes after a box whose size is unusable cannot be read as boxes');
        nodes.push(rest);
      }
      offset = size;
      break;
    }
    offset = node.end;
  }
  return { nodes, diagnostics, next: offset };
}

/** A box whose payload stays on disk: header fields and a byte range. */
function rangeBox(r: FieldReader, start: number, declared: number, fileSize: number): Node {
  const node = newNode('box', '?', start, Math.min(start + declared, fileSize));
  r.fields = node.fields;
  const h = readBoxHeader(r);
  node.name = h.type;
  const def = boxDef(h.key);
  if (def) node.title = def.title;
  if (h.size < h.headerLength && !h.toEnd) {
    reportOn(node, 'error', 'box-size-too-small', `size ${h.size} is smaller than the box header (${h.headerLength} bytes)`, start, start + h.headerLength);
    node.end = start;
    return node;
  }
  if (start + declared > fileSize) {
    reportOn(node, 'error', 'box-overflows-parent', `declared size ${declared} runs ${start + declared - fileSize} bytes past the end of the file`, start, fileSize);
  }
  if (!def?.range) reportOn(node, 'warning', 'box-not-loaded', `a ${declared}-byte '${h.type}' box is too large to decode; shown as a byte range`);
  const payload = node.end - start - h.headerLength;
  if (r.recording) node.fields.push(rangeField('data', start + h.headerLength, node.end, `${payload} bytes, not loaded`));
  // Only a box whose payload is meant to stay on disk (mdat) carries its range as data. Any other box keeps
  // none: later readers take `data` as that box's decoded fields (an ftyp's brands), and must find nothing.
  if (def?.range) node.data = { payloadStart: start + h.headerLength, payloadEnd: node.end } satisfies RangeData;
  return node;
}
