/**
 * The ID3v2 tag header (id3.org ID3v2.4.0 structure, 3.1) that tools put before ADTS (and MP3) data.
 * Only the 10-byte header is decoded; the frames are shown as one byte range.
 */
import { FieldReader } from '../../model/field-reader.js';
import { type Node, type ParseOptions, diagnostic, newNode, rangeField } from '../../model/types.js';

/** Length of the whole tag (header, frames, footer) when `head` starts with an ID3v2 header, else 0. */
export function id3v2Length(head: Uint8Array): number {
  if (head.length < 10 || head[0] !== 0x49 || head[1] !== 0x44 || head[2] !== 0x33) return 0; // "ID3"
  if (head[3] === 0xff || head[4] === 0xff) return 0;
  let size = 0;
  for (let i = 6; i < 10; i++) {
    const b = head[i]!;
    if (b & 0x80) return 0; // not a synchsafe integer
    size = size * 128 + b;
  }
  const footer = (head[5]! & 0x10) !== 0;
  return 10 + size + (footer ? 10 : 0);
}

/** The tag as a node: header fields plus its frames as a byte range (clamped to the file). */
export function id3v2Node(head: Uint8Array, fileSize: number, options: ParseOptions): Node {
  const length = id3v2Length(head);
  const end = Math.min(length, fileSize);
  const node = newNode('tag', 'ID3v2', 0, end, 'ID3v2 tag');
  const r = FieldReader.at(head, 0, options);
  r.fields = node.fields;
  r.text(3, 'file_identifier');
  r.u8('major_version', (v) => `ID3v2.${v}`);
  r.u8('revision_number');
  r.group('flags', () => {
    r.flag('unsynchronisation');
    r.flag('extended_header');
    r.flag('experimental_indicator');
    r.flag('footer_present');
    r.u(4, 'reserved');
  });
  r.u32('size', () => `${length - 10} bytes after the header (synchsafe: 7 bits per byte)`);
  if (r.recording && end > 10) node.fields.push(rangeField('tag_data', 10, end, 'ID3v2 frames (not decoded)'));
  if (length > fileSize) {
    node.diagnostics.push(diagnostic('error', 'id3v2-overflows-file', `the ID3v2 tag claims ${length} bytes; the file has ${fileSize}`, 0, end));
  }
  return node;
}
