/**
 * One FLV tag (FLV spec annex E.4.1): the 11-byte tag header, the body read by its type's reader,
 * and the PreviousTagSize that follows it, all in one node. The drivers (push parser, file parser)
 * decide which bytes to hand over; this file reads whatever they got, identically for both.
 */
import { BitstreamError, OutOfData } from '../../bits/errors.js';
import { FieldReader } from '../../model/field-reader.js';
import { type Node, type ParseOptions, type Severity, diagnostic, newNode, rangeField } from '../../model/types.js';
import { readAudioBody } from './audio-tag.js';
import { type FlvTagData, newTagData } from './flv-tag-data.js';
import { TAG_AUDIO, TAG_SCRIPT, TAG_TYPES, TAG_VIDEO } from './flv-tables.js';
import { readScriptBody } from './script-tag.js';
import { readVideoBody } from './video-tag.js';

export const TAG_HEADER_SIZE = 11;
export const PREVIOUS_TAG_SIZE_BYTES = 4;
/**
 * Bodies larger than this are shown as a byte range: only their first BODY_PREFIX bytes are read.
 * DataSize is 24 bits, so no body reaches 16 MiB: the limit sits at half of that.
 */
export const MAX_LOADED_BODY = 8 * 1024 * 1024;
/** Enough for any codec header in front of the payload (multitrack and ModEx included, in practice). */
export const BODY_PREFIX = 256;

/** The tag header decoded without recording, for the drivers' framing. */
export interface TagHeader {
  reserved: number;
  filter: number;
  tagType: number;
  dataSize: number;
  timestamp: number;
  streamId: number;
}

export function peekTagHeader(b: Uint8Array): TagHeader {
  const ts = (b[4]! << 16) | (b[5]! << 8) | b[6]!;
  return {
    reserved: b[0]! >>> 6,
    filter: (b[0]! >>> 5) & 1,
    tagType: b[0]! & 0x1f,
    dataSize: (b[1]! << 16) | (b[2]! << 8) | b[3]!,
    // TimestampExtended is the upper 8 bits of a signed 32-bit millisecond count.
    timestamp: ((b[7]! << 24) | ts) | 0,
    streamId: (b[8]! << 16) | (b[9]! << 8) | b[10]!,
  };
}

/** A header whose reserved bits are set or whose type is unknown is not a tag: nothing after it can be trusted. */
export function isPlausibleTag(h: TagHeader): boolean {
  return h.reserved === 0 && (h.tagType === TAG_AUDIO || h.tagType === TAG_VIDEO || h.tagType === TAG_SCRIPT);
}

/** The bytes of one tag as a driver got them. */
export interface TagInput {
  /** Absolute offset of the tag's first byte. */
  start: number;
  /** The 11 header bytes. */
  header: Uint8Array;
  /** The body bytes read: all that exist, or the first BODY_PREFIX when the body is over MAX_LOADED_BODY. */
  body: Uint8Array;
  /** Body bytes that exist in the source (less than DataSize when the data ends inside the tag). */
  bodyAvailable: number;
  /** The PreviousTagSize bytes that exist (4, fewer at the end of the data). */
  trailer: Uint8Array;
}

/** What a body reader sees of its tag. */
export interface TagScope {
  readonly node: Node;
  readonly data: FlvTagData;
  readonly options: ParseOptions;
  /** Absolute end of the body as DataSize declares it. */
  readonly bodyEnd: number;
  /** Absolute end of the body bytes that exist. */
  readonly availableEnd: number;
  /** True when the whole body is in the reader (not cut off, not over the load cap). */
  readonly loaded: boolean;
  /** Absolute byte up to which fields (including payload ranges) cover the body. */
  coveredTo: number;
  report(severity: Severity, code: string, message: string, start?: number, end?: number): void;
  /** Sets the tag's one-line description in the tree. */
  describe(title: string): void;
}

function withFields<T>(r: FieldReader, node: Node, body: () => T): T {
  r.fields = node.fields;
  return body();
}

/** Reads a tag (header, body, PreviousTagSize) into a node. Never throws on bad bytes. */
export function readTag(input: TagInput, options: ParseOptions): Node {
  const { start, header, body, bodyAvailable, trailer } = input;
  const h = peekTagHeader(header);
  const bodyStart = start + TAG_HEADER_SIZE;
  const availableEnd = bodyStart + bodyAvailable;
  const complete = bodyAvailable === h.dataSize && trailer.length === PREVIOUS_TAG_SIZE_BYTES;
  const node = newNode('tag', TAG_TYPES[h.tagType as 8] ?? `tag type ${h.tagType}`, start, availableEnd + trailer.length);
  const data = newTagData(h.tagType, h.dataSize, h.timestamp, h.streamId, complete);
  node.data = data;
  const report = (severity: Severity, code: string, message: string, s = start, e = node.end): void => {
    node.diagnostics.push(diagnostic(severity, code, message, s, Math.max(s, e)));
  };

  const hr = FieldReader.at(header, start, options);
  withFields(hr, node, () => readTagHeaderFields(hr));

  if (bodyAvailable < h.dataSize) {
    report('error', 'tag-data-size-beyond-end', `DataSize ${h.dataSize} runs ${h.dataSize - bodyAvailable} bytes past the end of the data; the tag is partial`, start, availableEnd);
  }
  const loaded = body.length === h.dataSize;
  const scope: TagScope = {
    node,
    data,
    options,
    bodyEnd: bodyStart + h.dataSize,
    availableEnd,
    loaded,
    coveredTo: bodyStart,
    report,
    describe: (title) => {
      node.title = title;
    },
  };
  const br = FieldReader.at(body, bodyStart, options);
  withFields(br, node, () => readBody(br, h, scope, bodyAvailable));

  if (trailer.length === PREVIOUS_TAG_SIZE_BYTES) {
    const tr = FieldReader.at(trailer, availableEnd, options);
    const expected = TAG_HEADER_SIZE + h.dataSize;
    const size = withFields(tr, node, () => tr.u32('PreviousTagSize', (v) => (v === expected ? 'matches 11 + DataSize' : `expected ${expected}`)));
    if (size !== expected) {
      report('warning', 'previous-tag-size-mismatch', `PreviousTagSize ${size} should be 11 + DataSize = ${expected}`, availableEnd, availableEnd + 4);
    }
  } else if (bodyAvailable === h.dataSize) {
    if (trailer.length > 0 && options.record) node.fields.push(rangeField('PreviousTagSize', availableEnd, availableEnd + trailer.length, 'cut off'));
    report('warning', 'previous-tag-size-missing', 'the data ends before this tag\'s PreviousTagSize', availableEnd, availableEnd + trailer.length);
  }
  return node;
}

/** Reserved, Filter, TagType, DataSize, Timestamp, TimestampExtended, StreamID (E.4.1). */
function readTagHeaderFields(r: FieldReader): void {
  r.u(2, 'Reserved', (v) => (v === 0 ? 'for FMS, should be 0' : 'should be 0'));
  r.u(1, 'Filter', (v) => (v === 0 ? 'not encrypted' : 'encrypted (pre-processing required)'));
  r.u(5, 'TagType', TAG_TYPES);
  r.u24('DataSize', (v) => `${v} bytes`);
  const low = r.u24('Timestamp', (v) => `${v} ms (lower 24 bits)`);
  const high = r.u8('TimestampExtended', (v) => (v === 0 ? undefined : 'upper 8 bits of the timestamp'));
  const combined = ((high << 24) | low) | 0;
  r.derive('timestamp', combined, `${combined} ms (TimestampExtended << 24 | Timestamp, signed 32-bit)`);
  r.u24('StreamID', (v) => (v === 0 ? 'always 0' : 'should be 0'));
}

function readBody(r: FieldReader, h: TagHeader, scope: TagScope, bodyAvailable: number): void {
  const { node } = scope;
  const bodyStart = r.absByte;
  if (h.streamId !== 0) scope.report('info', 'stream-id-not-zero', `StreamID is ${h.streamId}; the FLV spec says it is always 0`, node.start + 8, node.start + 11);
  try {
    if (h.filter === 1) {
      scope.report('info', 'encrypted-tag', 'the tag is encrypted (Filter = 1): its body is shown as bytes');
    } else if (h.tagType === TAG_AUDIO) {
      readAudioBody(r, scope);
    } else if (h.tagType === TAG_VIDEO) {
      readVideoBody(r, scope);
    } else if (h.tagType === TAG_SCRIPT) {
      readScriptBody(r, scope);
    }
  } catch (e) {
    if (!(e instanceof OutOfData) && !(e instanceof BitstreamError)) throw e;
    // A partial tag already says why its fields stop; a body not loaded is reported below.
    if (bodyAvailable === h.dataSize && scope.loaded) {
      scope.report('error', 'tag-body-truncated', `the body ends before its fields do (${e.message})`, r.absByte, scope.bodyEnd);
    }
  }
  if (!scope.loaded && bodyAvailable === h.dataSize) {
    scope.report('info', 'tag-body-not-loaded', `a ${h.dataSize}-byte body is over the ${MAX_LOADED_BODY}-byte load limit: only its first ${r.data.length} bytes were read`, bodyStart, scope.bodyEnd);
  }
  // Whatever the reader did not consume is shown as bytes, so every byte of the tag belongs to a field.
  const at = Math.max(r.absByte, scope.coveredTo);
  if (at < scope.availableEnd && scope.options.record) {
    node.fields.push(rangeField(at === bodyStart ? 'Data' : 'rest', at, scope.availableEnd, scope.loaded ? undefined : 'not loaded'));
  }
}
