import { BitstreamError, OutOfData } from '../../bits/errors.js';
import type { FieldReader } from '../../model/field-reader.js';
import { type Node, newNode, rangeField } from '../../model/types.js';
import { type BoxHeader, readBoxHeader } from './box-header.js';
import { type BoxDef, boxDef } from './box-registry.js';
import { type BoxScope, reportOn } from './box-scope.js';
import type { IsoState } from './iso-state.js';

/** Deeper nesting than this is malformed (or hostile); real files stay under 12. */
export const MAX_DEPTH = 64;

/** Data kept on boxes whose payload is a byte range (mdat). */
export interface RangeData {
  payloadStart: number;
  payloadEnd: number;
}

export interface ParseEnv {
  state: IsoState;
  /** Size of the whole source, to tell "runs past the file" from "runs past its parent". */
  fileSize: number;
}

/**
 * Reads boxes from the reader's position up to absolute byte `end`, appending them to `into`.
 * A box that overruns is clamped to `end`; a size that cannot be right (0 to 7) stops the walk
 * at that box with a diagnostic, since nothing after it can be located.
 */
export function parseBoxes(r: FieldReader, end: number, into: Node[], env: ParseEnv, depth: number, parent?: Node): void {
  while (r.absByte < end) {
    const left = end - r.absByte;
    if (left < 8) {
      const at = r.absByte;
      const node = newNode('bytes', 'trailing bytes', at, end);
      const saved = r.fields;
      r.fields = node.fields;
      r.bytes(left, 'data');
      r.fields = saved;
      reportOn(node, 'warning', 'trailing-bytes', `${left} bytes after the last box are too few for a box header`);
      into.push(node);
      return;
    }
    const node = parseBox(r, end, env, depth, undefined, parent?.name);
    into.push(node);
    if (node.end <= node.start) return; // could not size the box: nothing after it can be found
    if (parent && node.end > parent.end) node.end = parent.end;
  }
}

/**
 * Reads one box starting at the reader's position, never past absolute byte `limit`.
 * `fallback` reads a box whose type is not registered (a sample entry of an unknown fourcc, say);
 * `parent` is the type of the box holding it, for types read differently there (BoxDef.within).
 */
export function parseBox(r: FieldReader, limit: number, env: ParseEnv, depth: number, fallback?: BoxDef, parent?: string): Node {
  const start = r.absByte;
  const outerFields = r.fields;
  const node = newNode('box', '?', start, limit);
  r.fields = node.fields;
  try {
    const saved = r.limit(r.dataBitOfByte(limit));
    try {
      const header = readBoxHeader(r);
      node.name = header.type;
      readBoxBody(r, header, node, limit, env, depth, fallback, parent);
    } finally {
      r.restoreLimit(saved);
    }
  } catch (e) {
    if (!(e instanceof OutOfData) && !(e instanceof BitstreamError)) throw e;
    reportOn(node, 'error', 'truncated-box', `the box ends before its fields do (${e.message})`, start, limit);
  } finally {
    r.fields = outerFields;
  }
  r.seek(r.dataBitOfByte(node.end));
  return node;
}

function boxEnd(header: BoxHeader, node: Node, limit: number, env: ParseEnv): number {
  if (header.toEnd) return limit;
  if (header.size < header.headerLength) {
    reportOn(node, 'error', 'box-size-too-small', `size ${header.size} is smaller than the box header (${header.headerLength} bytes)`, header.start, header.start + header.headerLength);
    return header.start; // unusable: stops the walk
  }
  const declaredEnd = header.start + header.size;
  if (!Number.isSafeInteger(declaredEnd)) {
    reportOn(node, 'error', 'box-size-too-large', `size ${header.size} cannot be right (beyond 2^53 bytes)`, header.start, limit);
    return limit;
  }
  if (declaredEnd > limit) {
    const where = limit >= env.fileSize ? 'the file' : 'its parent';
    reportOn(node, 'error', 'box-overflows-parent', `declared size ${header.size} runs ${declaredEnd - limit} bytes past the end of ${where}`, header.start, limit);
    return limit;
  }
  return declaredEnd;
}

function readBoxBody(r: FieldReader, header: BoxHeader, node: Node, limit: number, env: ParseEnv, depth: number, fallback?: BoxDef, parent?: string): void {
  const end = boxEnd(header, node, limit, env);
  node.end = end;
  if (end <= header.start) return;
  r.limit(r.dataBitOfByte(end));
  const def = boxDef(header.key, parent) ?? fallback;
  if (def) node.title = def.title;
  let version = 0;
  let flags = 0;
  if (def?.full) {
    version = r.u8('version');
    flags = r.u24('flags');
  }
  const scope: BoxScope = {
    node,
    type: header.type,
    version,
    flags,
    end,
    state: env.state,
    depth,
    children: (reader) => {
      if (depth + 1 > MAX_DEPTH) {
        reportOn(node, 'error', 'nesting-too-deep', `boxes nested more than ${MAX_DEPTH} deep are not read`);
        return;
      }
      const saved = reader.fields;
      try {
        parseBoxes(reader, end, node.children, env, depth + 1, node);
      } finally {
        reader.fields = saved;
      }
    },
    report: (severity, code, message, s, e) => reportOn(node, severity, code, message, s, e),
    keep: (data) => {
      node.data = data;
    },
  };
  if (!def) {
    const bytes = end - r.absByte;
    r.skip(bytes * 8);
    if (r.recording) r.derive('payload', `${bytes} bytes`, 'not decoded');
    reportOn(node, 'info', 'unknown-box', `box type '${header.type}' is not one Bitlens decodes; shown as bytes`, header.start, end);
    return;
  }
  if (def.range) {
    const at = r.absByte;
    r.skip((end - at) * 8);
    if (r.recording) r.fields.push(rangeField('data', at, end));
    node.data = { payloadStart: at, payloadEnd: end } satisfies RangeData;
    return;
  }
  def.parse?.(r, scope);
  if (def.container) scope.children(r);
  const rest = end - r.absByte;
  if (rest > 0 && !def.container) {
    const at = r.absByte;
    r.bytes(rest, 'unparsed');
    reportOn(node, 'warning', 'unparsed-bytes', `${rest} bytes at the end of '${header.type}' were not expected by its syntax`, at, end);
  }
}
