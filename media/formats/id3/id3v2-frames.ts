/**
 * Bodies of the ID3v2 frames people look for in media files (id3.org ID3v2.4.0 frames, 4): text frames (TIT2,
 * TSSE ...), TXXX, COMM, PRIV (with Apple's HLS transportStreamTimestamp), APIC pictures, and URLs. Anything else
 * is a byte range. Returns a title for the frame node.
 */
import type { FieldReader } from '../../model/field-reader.js';
import { type Diagnostic, diagnostic } from '../../model/types.js';

const ENCODINGS = { 0: 'ISO-8859-1', 1: 'UTF-16 with BOM', 2: 'UTF-16BE', 3: 'UTF-8' } as const;
const PICTURE_TYPES: Readonly<Record<number, string>> = {
  0: 'other', 1: '32x32 file icon', 2: 'other file icon', 3: 'cover (front)', 4: 'cover (back)', 5: 'leaflet page', 6: 'media',
  7: 'lead artist', 8: 'artist', 9: 'conductor', 10: 'band', 11: 'composer', 12: 'lyricist', 13: 'recording location', 14: 'during recording',
  15: 'during performance', 16: 'video screen capture', 17: 'a bright coloured fish', 18: 'illustration', 19: 'band logotype', 20: 'publisher logotype',
};
/** HLS packed audio: the 33-bit MPEG-2 PTS of the segment's first sample (Apple's HTTP Live Streaming spec, 3). */
const APPLE_TIMESTAMP_OWNER = 'com.apple.streaming.transportStreamTimestamp';

/** The TextDecoder label of an encoding byte; a BOM picks the byte order of encoding 1. */
function label(encoding: number, bytes: Uint8Array, at: number): string {
  if (encoding === 3) return 'utf-8';
  if (encoding === 2) return 'utf-16be';
  if (encoding === 1) return bytes[at] === 0xfe && bytes[at + 1] === 0xff ? 'utf-16be' : 'utf-16le';
  return 'latin1';
}

/** Text up to its terminator (one zero byte, two for UTF-16) or the end of the frame; the terminator is skipped. */
function terminated(r: FieldReader, name: string, encoding: number): string {
  const d = r.data;
  const from = r.pos / 8;
  const limit = r.cursor.end / 8;
  const wide = encoding === 1 || encoding === 2;
  let i = from;
  if (wide) while (i + 1 < limit && (d[i] !== 0 || d[i + 1] !== 0)) i += 2;
  else while (i < limit && d[i] !== 0) i++;
  const end = Math.min(i, limit);
  const text = end > from ? r.textAs(end - from, name, label(encoding, d, from)) : '';
  const rest = limit - end;
  if (rest > 0) r.skip(Math.min(rest, wide ? 2 : 1) * 8);
  return text.replace(/^\uFEFF/, '');
}

/** Text to the end of the frame (one string, or several separated by terminators in ID3v2.4). */
function rest(r: FieldReader, name: string, encoding: number): string {
  const n = r.bytesLeft;
  if (n <= 0) return '';
  const text = r.textAs(n, name, label(encoding, r.data, r.pos / 8)).replace(/^\uFEFF/, '').replace(/\0+$/, '').replace(/\0/g, ' / ');
  const field = r.last;
  if (field) field.value = text;
  return text;
}

export function readFrameBody(r: FieldReader, id: string, out: Diagnostic[]): string {
  if (id === 'TXXX' || id === 'WXXX') {
    const encoding = r.u8('text_encoding', ENCODINGS);
    const description = terminated(r, 'description', encoding);
    const value = id === 'WXXX' ? r.textAs(r.bytesLeft, 'url', 'latin1') : rest(r, 'value', encoding);
    return `${id}${description ? `: ${description}` : ''} = ${value.trim()}`;
  }
  if (id.startsWith('T')) {
    const encoding = r.u8('text_encoding', ENCODINGS);
    return `${id}: ${rest(r, 'text', encoding).trim()}`;
  }
  if (id.startsWith('W')) return `${id}: ${r.textAs(r.bytesLeft, 'url', 'latin1')}`;
  if (id === 'COMM' || id === 'USLT') {
    const encoding = r.u8('text_encoding', ENCODINGS);
    r.text(3, 'language');
    terminated(r, 'content_descriptor', encoding);
    return `${id}: ${rest(r, 'text', encoding)}`;
  }
  if (id === 'PRIV') return readPrivate(r, out);
  if (id === 'APIC') {
    const encoding = r.u8('text_encoding', ENCODINGS);
    const mime = terminated(r, 'mime_type', 0);
    const type = r.u8('picture_type', PICTURE_TYPES);
    terminated(r, 'description', encoding);
    const size = r.bytesLeft;
    if (size > 0) r.bytes(size, 'picture_data', `${size} bytes of ${mime || 'image'}`);
    return `APIC: ${PICTURE_TYPES[type] ?? 'picture'}, ${mime}, ${size} bytes`;
  }
  const n = r.bytesLeft;
  if (n > 0) r.bytes(n, 'frame_data', 'not decoded');
  return `${id}: ${n} bytes`;
}

function readPrivate(r: FieldReader, out: Diagnostic[]): string {
  const owner = terminated(r, 'owner_identifier', 0);
  if (owner === APPLE_TIMESTAMP_OWNER) {
    if (r.bytesLeft < 8) {
      const at = r.absByte;
      out.push(diagnostic('error', 'id3-timestamp-short', 'transportStreamTimestamp needs 8 bytes', at, at + Math.max(1, r.bytesLeft)));
      return `PRIV: ${owner}`;
    }
    r.u(31, 'reserved');
    const pts = r.u64('transportStreamTimestamp', 33, (v) => `${v} (90 kHz) = ${(Number(v) / 90000).toFixed(6)} s`);
    return `PRIV: ${owner} = ${pts}`;
  }
  const n = r.bytesLeft;
  if (n > 0) r.bytes(n, 'private_data');
  return `PRIV: ${owner}`;
}
