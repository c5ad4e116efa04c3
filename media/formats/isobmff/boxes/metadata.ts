import { OutOfData } from '../../../bits/errors.js';
import type { FieldReader } from '../../../model/field-reader.js';
import { type Node, newNode } from '../../../model/types.js';
import { readBoxHeader } from '../box-header.js';
import { type ParseEnv, parseBoxes } from '../box-parser.js';
import type { BoxScope } from '../box-scope.js';
import { registerBoxes } from '../box-registry.js';
import { readCount } from './table-count.js';

/**
 * True when the body starts with a box header (QuickTime's meta, with no version and flags): a
 * size that fits and a printable type, normally 'hdlr'. An ISO meta starts with version 0 and
 * flags 0, which is no usable size. The brand alone cannot tell: QuickTime-style meta turns up in MP4 files too.
 */
function startsWithBox(r: FieldReader): boolean {
  if (r.bytesLeft < 8) return false;
  const d = r.data;
  const i = r.pos >>> 3;
  const size = ((d[i]! << 24) >>> 0) + ((d[i + 1]! << 16) | (d[i + 2]! << 8) | d[i + 3]!);
  if (size < 8 || size > r.bytesLeft) return false;
  for (let k = 4; k < 8; k++) {
    const c = d[i + k]!;
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/**
 * MetaBox (ISO/IEC 14496-12 8.11.1): a FullBox in ISO files, a plain box in QuickTime files.
 * Its hdlr names the metadata format; that handler must not become the enclosing track's.
 */
function readMeta(r: FieldReader, box: BoxScope): void {
  if (startsWithBox(r)) {
    r.derive('layout', 'QuickTime', 'no version and flags: the first child box starts here');
  } else {
    r.u8('version');
    r.u24('flags');
  }
  const state = box.state;
  const handler = state.handler;
  const trackId = state.trackId;
  const trackHandler = trackId === undefined ? undefined : state.handlerByTrack.get(trackId);
  try {
    box.children(r);
  } finally {
    state.handler = handler;
    if (trackId !== undefined) {
      if (trackHandler === undefined) state.handlerByTrack.delete(trackId);
      else state.handlerByTrack.set(trackId, trackHandler);
    }
  }
}

/** iTunes-style item names; others are shown by their fourcc (or key index, under a keys box). */
const ITEM_TITLES: Readonly<Record<string, string>> = {
  '\u00a9nam': 'Title',
  '\u00a9ART': 'Artist',
  '\u00a9alb': 'Album',
  '\u00a9day': 'Date',
  '\u00a9cmt': 'Comment',
  '\u00a9gen': 'Genre',
  '\u00a9too': 'Encoding Tool',
  '\u00a9wrt': 'Composer',
  '\u00a9lyr': 'Lyrics',
  '\u00a9des': 'Description',
  '\u00a9xyz': 'Location',
  aART: 'Album Artist',
  cprt: 'Copyright',
  desc: 'Description',
  trkn: 'Track Number',
  disk: 'Disc Number',
  covr: 'Cover Art',
  tmpo: 'Tempo',
  cpil: 'Compilation',
  gnre: 'Genre (ID3 index)',
  '----': 'Custom Item (mean, name, data)',
};

function itemTitle(type: string): string {
  const known = ITEM_TITLES[type];
  if (known) return known;
  const c = type.charCodeAt(0) | type.charCodeAt(1) | type.charCodeAt(2);
  // Under a QuickTime keys box, items are numbered: the type is a 1-based index into keys.
  if (c === 0) return `Metadata Item (key ${((type.charCodeAt(2) << 8) | type.charCodeAt(3)) >>> 0})`;
  return 'Metadata Item';
}

/**
 * ItemListBox (iTunes / QuickTime ilst): every child is an item whose children are data boxes.
 * Item types are arbitrary (©nam, key indices), so ilst reads its items itself rather than
 * registering each type.
 */
function readIlst(r: FieldReader, box: BoxScope): void {
  // The file's size is not known here; an infinite one makes overruns read as "past its parent", which they are.
  const env: ParseEnv = { state: box.state, fileSize: Number.POSITIVE_INFINITY };
  while (r.absByte < box.end) {
    if (box.end - r.absByte < 8) {
      r.bytes(box.end - r.absByte, 'trailing bytes');
      box.report('warning', 'trailing-bytes', 'bytes after the last item are too few for a box header', r.absByte, box.end);
      return;
    }
    const item = readItem(r, box, env);
    box.node.children.push(item);
    if (item.end <= item.start) return; // an unusable size: nothing after it can be found
  }
}

function readItem(r: FieldReader, box: BoxScope, env: ParseEnv): Node {
  const start = r.absByte;
  const node = newNode('box', '?', start, box.end);
  const outer = r.fields;
  r.fields = node.fields;
  try {
    const header = readBoxHeader(r);
    node.name = header.type;
    node.title = itemTitle(header.type);
    const declared = header.toEnd ? box.end : start + header.size;
    if (!header.toEnd && header.size < header.headerLength) {
      box.report('error', 'box-size-too-small', `item size ${header.size} is smaller than its header`, start, start + header.headerLength);
      node.end = start; // unusable: the walk stops here
    } else {
      if (declared > box.end) {
        box.report('error', 'box-overflows-parent', `item '${header.type}' runs ${declared - box.end} bytes past the end of ilst`, start, box.end);
      }
      node.end = Math.min(declared, box.end);
      const saved = r.limit(r.dataBitOfByte(node.end));
      try {
        parseBoxes(r, node.end, node.children, env, box.depth + 2, node);
      } finally {
        r.restoreLimit(saved);
      }
    }
  } catch (e) {
    if (!(e instanceof OutOfData)) throw e;
    box.report('error', 'truncated-box', 'an ilst item ends inside its header', start, box.end);
    node.end = box.end;
  } finally {
    r.fields = outer;
  }
  if (node.end > start) r.seek(r.dataBitOfByte(node.end));
  return node;
}

/** Well-known data types (QuickTime File Format, "Well-known types"). */
const WELL_KNOWN_TYPES: Readonly<Record<number, string>> = {
  0: 'reserved / implicit (binary, meaning set by the item)',
  1: 'UTF-8 text',
  2: 'UTF-16 BE text',
  3: 'S/JIS text',
  4: 'UTF-8 sort text',
  5: 'UTF-16 sort text',
  13: 'JPEG image',
  14: 'PNG image',
  21: 'big-endian signed integer',
  22: 'big-endian unsigned integer',
  23: 'big-endian 32-bit float',
  24: 'big-endian 64-bit float',
  27: 'BMP image',
  28: 'QuickTime metadata atom',
  65: '8-bit signed integer',
  66: '16-bit big-endian signed integer',
  67: '32-bit big-endian signed integer',
  74: '64-bit big-endian signed integer',
  75: '8-bit unsigned integer',
  76: '16-bit big-endian unsigned integer',
  77: '32-bit big-endian unsigned integer',
  78: '64-bit big-endian unsigned integer',
};

const utf16 = new TextDecoder('utf-16be', { fatal: false });

/** The value atom of a metadata item: type indicator, locale, then the value itself. */
function readData(r: FieldReader): void {
  r.u8('type_indicator_set', (v) => (v === 0 ? 'well-known types' : 'reserved'));
  const type = r.u24('well_known_type', WELL_KNOWN_TYPES);
  r.u16('country', (v) => (v === 0 ? 'default' : undefined));
  r.u16('language', (v) => (v === 0 ? 'default' : undefined));
  const n = r.bytesLeft;
  if (type === 1 || type === 4) {
    r.text(n, 'value');
  } else if (type === 2 || type === 5) {
    const bytes = r.bytes(n, 'value');
    if (r.last) r.last.display = utf16.decode(bytes);
  } else if ((type === 21 || type === 22) && (n === 1 || n === 2 || n === 3 || n === 4)) {
    if (type === 21) r.i(n * 8, 'value');
    else r.u(n * 8, 'value');
  } else if ((type === 21 || type === 22) && n === 8) {
    if (type === 21) r.i64('value');
    else r.u64('value');
  } else {
    r.bytes(n, 'value', `${n} bytes`);
  }
}

/** QuickTime metadata key table: the items of the ilst that follows are numbered into it. */
function readKeys(r: FieldReader, box: BoxScope): void {
  const count = readCount(r, box, 'entry_count', 64);
  r.table('keys', count, () => {
    const at = r.absByte;
    const size = r.u32('key_size', (v) => `${v} bytes`);
    r.fourcc('key_namespace', (c) => (c === 'mdta' ? 'reverse-DNS key' : c === 'udta' ? 'user data key' : undefined));
    let length = size - 8;
    if (length < 0 || length > r.bytesLeft) {
      box.report('error', 'key-size-invalid', `key_size ${size} does not fit the box`, at, box.end);
      length = Math.max(0, Math.min(length, r.bytesLeft));
    }
    r.text(length, 'key_value');
  });
}

registerBoxes(
  // Not `full`: whether version and flags are there depends on the file (see readMeta).
  { type: 'meta', title: 'Meta Box', spec: 'ISO/IEC 14496-12 8.11.1', parse: readMeta },
  { type: 'ilst', title: 'Item List (iTunes metadata)', spec: 'QuickTime File Format', parse: readIlst },
  { type: 'keys', title: 'Metadata Item Keys (QuickTime)', spec: 'QuickTime File Format', full: true, parse: readKeys },
  { type: 'data', title: 'Metadata Value', spec: 'QuickTime File Format', parse: readData },
);
