/**
 * ID3v2 tags (id3.org ID3v2.3.0 and ID3v2.4.0): before ADTS and MP3 data, between the concatenated segments of
 * HLS packed audio, and as the samples of timed ID3 in MPEG-TS. The header, the extended header's size, and each
 * frame's header are decoded; frame bodies are read by id3v2-frames.ts.
 */
import { FieldReader } from '../../model/field-reader.js';
import { type Node, type ParseOptions, diagnostic, newNode, rangeField } from '../../model/types.js';
import { readFrameBody } from './id3v2-frames.js';
import { OutOfData } from '../../bits/errors.js';

/** Bytes of a tag's header (and of its footer). */
export const ID3V2_HEADER = 10;
/** Frames are decoded in tags up to this size; a bigger tag (a huge picture) shows its frames as bytes. */
const MAX_DECODED_TAG = 16 * 1024 * 1024;
/** At most this many frames are shown per tag. */
const MAX_FRAMES = 4096;

/** Length of the whole tag (header, frames, footer) when `bytes[at ..]` starts with an ID3v2 header, else 0. */
export function id3v2Length(bytes: Uint8Array, at = 0): number {
  if (at < 0 || at + ID3V2_HEADER > bytes.length || bytes[at] !== 0x49 || bytes[at + 1] !== 0x44 || bytes[at + 2] !== 0x33) return 0; // "ID3"
  if (bytes[at + 3] === 0xff || bytes[at + 4] === 0xff) return 0;
  let size = 0;
  for (let i = at + 6; i < at + 10; i++) {
    const b = bytes[i]!;
    if (b & 0x80) return 0; // not a synchsafe integer
    size = size * 128 + b;
  }
  const footer = (bytes[at + 5]! & 0x10) !== 0;
  return ID3V2_HEADER + size + (footer ? ID3V2_HEADER : 0);
}

/** Reads a synchsafe 28-bit integer (7 bits per byte) as one field. */
function synchsafe(r: FieldReader, name: string, display: (v: number) => string): number {
  const raw = r.u32(name);
  const v = ((raw >>> 24) & 0x7f) * 2 ** 21 + ((raw >>> 16) & 0x7f) * 2 ** 14 + ((raw >>> 8) & 0x7f) * 2 ** 7 + (raw & 0x7f);
  const f = r.last;
  if (f) {
    f.value = v;
    f.display = display(v);
  }
  return v;
}

/**
 * The tag whose first `bytes.length` bytes are given (all of it, or at least its header), at absolute `start`, as a
 * node: header fields, then each frame with its header and body. `fileEnd` is where the file (or sample) ends.
 */
export function id3v2Node(bytes: Uint8Array, start: number, fileEnd: number, options: ParseOptions): Node {
  const length = id3v2Length(bytes);
  const end = Math.min(start + length, fileEnd);
  const node = newNode('tag', 'ID3v2', start, end, 'ID3v2 tag');
  const r = FieldReader.at(bytes.subarray(0, Math.min(bytes.length, length)), start, options);
  r.fields = node.fields;
  r.text(3, 'file_identifier');
  const version = r.u8('major_version', (v) => `ID3v2.${v}`);
  r.u8('revision_number');
  const flags = r.group('flags', () => {
    const unsynchronisation = r.flag('unsynchronisation');
    const extended = r.flag('extended_header');
    r.flag('experimental_indicator');
    r.flag('footer_present');
    r.u(4, 'reserved');
    return { unsynchronisation, extended };
  });
  synchsafe(r, 'size', (v) => `${v} bytes after the header (synchsafe: 7 bits per byte)`);
  if (start + length > fileEnd) node.diagnostics.push(diagnostic('error', 'id3v2-overflows-file', `the ID3v2 tag claims ${length} bytes; ${fileEnd - start} remain`, start, end));
  const available = start + bytes.length >= end && length <= MAX_DECODED_TAG;
  if (!available || flags.unsynchronisation || (version !== 3 && version !== 4)) {
    const why = flags.unsynchronisation ? 'unsynchronised frames (not decoded)' : version !== 3 && version !== 4 ? `ID3v2.${version} frames (not decoded)` : 'ID3v2 frames (not decoded)';
    if (r.recording && end > start + ID3V2_HEADER) node.fields.push(rangeField('tag_data', start + ID3V2_HEADER, end, why));
    return node;
  }
  try {
    if (flags.extended) {
      const size = version === 4 ? synchsafe(r, 'extended_header_size', (v) => `${v} bytes`) : r.u32('extended_header_size', (v) => `${v} bytes after this field`);
      const skip = version === 4 ? size - 4 : size;
      if (skip > 0 && skip * 8 <= r.bitsLeft) r.skip(skip * 8, 'extended_header');
    }
    readFrames(r, node, version, start + Math.min(length, end - start));
  } catch (e) {
    if (!(e instanceof OutOfData)) throw e;
    node.diagnostics.push(diagnostic('error', 'id3v2-truncated', 'the tag ends inside its extended header', start, end));
  }
  return node;
}

/** Frames until the padding (a zero byte where a frame ID would start) or the end of the tag. */
function readFrames(r: FieldReader, tag: Node, version: number, tagEnd: number): void {
  const footerless = tagEnd;
  for (let n = 0; n < MAX_FRAMES && r.bytesLeft >= 10; n++) {
    const at = r.absByte;
    if (r.data[r.pos / 8] === 0) {
      if (r.recording) tag.fields.push(rangeField('padding', at, footerless, `${footerless - at} bytes of padding`));
      return;
    }
    const frame = newNode('element', 'frame', at, at);
    const outer = r.fields;
    r.fields = frame.fields;
    try {
      const id = r.text(4, 'frame_id');
      const size = version === 4 ? synchsafe(r, 'size', (v) => `${v} bytes`) : r.u32('size', (v) => `${v} bytes`);
      r.u16('flags');
      frame.name = id;
      if (size > r.bytesLeft) {
        frame.diagnostics.push(diagnostic('error', 'id3v2-frame-overflows-tag', `frame ${id} claims ${size} bytes; the tag has ${r.bytesLeft} left`, at + 4, at + 8));
        frame.end = tagEnd;
        tag.children.push(frame);
        return;
      }
      const bodyEnd = r.pos + size * 8;
      const saved = r.limit(bodyEnd);
      try {
        frame.title = readFrameBody(r, id, frame.diagnostics);
      } catch {
        frame.diagnostics.push(diagnostic('warning', 'id3v2-frame-unreadable', `frame ${id} ends before its fields do`, at, at + 10 + size));
      } finally {
        r.restoreLimit(saved);
      }
      if (r.pos < bodyEnd) r.skip(bodyEnd - r.pos);
      frame.end = at + 10 + size;
    } finally {
      r.fields = outer;
    }
    tag.children.push(frame);
  }
}
