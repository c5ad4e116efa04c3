import type { FieldReader } from '../../../model/field-reader.js';
import type { BoxScope } from '../box-scope.js';
import { registerBoxes } from '../box-registry.js';
import { readCount } from './table-count.js';

/** QuickTime transfer modes; ISO/IEC 14496-12 defines only 0 (copy). */
const GRAPHICS_MODES: Readonly<Record<number, string>> = {
  0x0000: 'copy',
  0x0020: 'blend (QuickTime)',
  0x0024: 'transparent (QuickTime)',
  0x0040: 'dither copy (QuickTime)',
  0x0100: 'straight alpha (QuickTime)',
  0x0101: 'premultiplied white alpha (QuickTime)',
  0x0102: 'premultiplied black alpha (QuickTime)',
  0x0103: 'composition / dither copy (QuickTime)',
  0x0104: 'straight alpha blend (QuickTime)',
};

/** VideoMediaHeaderBox (8.4.5.2). */
function readVmhd(r: FieldReader): void {
  r.u16('graphicsmode', GRAPHICS_MODES);
  const names = ['red', 'green', 'blue'];
  r.table('opcolor', 3, (i) => r.u16('opcolor', () => names[i]));
}

/** SoundMediaHeaderBox (8.4.5.3): balance is 8.8 fixed point, -1 full left to +1 full right. */
function readSmhd(r: FieldReader): void {
  const balance = r.fixed(8, 8, 'balance', true);
  if (r.last) r.last.display = balance === 0 ? '0 (centre)' : `${balance} (${balance < 0 ? 'left' : 'right'})`;
  r.u16('reserved');
}

/** HintMediaHeaderBox (8.4.5.4). */
function readHmhd(r: FieldReader): void {
  r.u16('maxPDUsize', (v) => `${v} bytes`);
  r.u16('avgPDUsize', (v) => `${v} bytes`);
  r.u32('maxbitrate', (v) => `${v} bit/s`);
  r.u32('avgbitrate', (v) => `${v} bit/s`);
  r.u32('reserved');
}

/**
 * DataReferenceBox (8.7.2): entry_count entries, each a box (url , urn ). The smallest entry is a
 * 12-byte FullBox, which bounds the count before the entries are read.
 */
function readDref(r: FieldReader, box: BoxScope): void {
  const count = readCount(r, box, 'entry_count', 12 * 8);
  box.children(r);
  const found = box.node.children.filter((c) => c.kind === 'box').length;
  if (found !== count) box.report('warning', 'entry-count-mismatch', `entry_count says ${count} data references, the box holds ${found}`);
}

/** Flag 1 means the media data is in the same file as the movie box, and no location follows. */
function selfContained(r: FieldReader, box: BoxScope): boolean {
  const flagsField = r.last;
  const self = (box.flags & 1) !== 0;
  if (flagsField?.name === 'flags') flagsField.display = self ? 'self-contained (media in this file)' : 'media in another file';
  return self;
}

function readString(r: FieldReader, box: BoxScope, name: string): void {
  const at = r.absByte;
  const { terminated } = r.cstring(name);
  if (!terminated) box.report('warning', 'string-not-terminated', `${name} has no terminating NUL`, at, r.absByte);
}

/** DataEntryUrlBox (8.7.2): location is absent when the data is in this file. */
function readUrl(r: FieldReader, box: BoxScope): void {
  if (selfContained(r, box) && r.bytesLeft === 0) return;
  readString(r, box, 'location');
}

/** DataEntryUrnBox (8.7.2): a name and an optional location. */
function readUrn(r: FieldReader, box: BoxScope): void {
  selfContained(r, box);
  readString(r, box, 'name');
  if (r.bytesLeft > 0) readString(r, box, 'location');
}

/** QuickTime alias data reference: a Mac OS alias record, empty when self-contained. */
function readAlis(r: FieldReader, box: BoxScope): void {
  selfContained(r, box);
  if (r.bytesLeft > 0) r.bytes(r.bytesLeft, 'alias_record', 'Mac OS alias record');
}

registerBoxes(
  { type: 'vmhd', title: 'Video Media Header Box', spec: 'ISO/IEC 14496-12 8.4.5.2', full: true, parse: readVmhd },
  { type: 'smhd', title: 'Sound Media Header Box', spec: 'ISO/IEC 14496-12 8.4.5.3', full: true, parse: readSmhd },
  { type: 'hmhd', title: 'Hint Media Header Box', spec: 'ISO/IEC 14496-12 8.4.5.4', full: true, parse: readHmhd },
  { type: 'nmhd', title: 'Null Media Header Box', spec: 'ISO/IEC 14496-12 8.4.5.5', full: true },
  { type: 'sthd', title: 'Subtitle Media Header Box', spec: 'ISO/IEC 14496-12 12.6.2', full: true },
  { type: 'dref', title: 'Data Reference Box', spec: 'ISO/IEC 14496-12 8.7.2', full: true, parse: readDref },
  { type: 'url ', title: 'Data Entry URL Box', spec: 'ISO/IEC 14496-12 8.7.2', full: true, parse: readUrl },
  { type: 'urn ', title: 'Data Entry URN Box', spec: 'ISO/IEC 14496-12 8.7.2', full: true, parse: readUrn },
  { type: 'alis', title: 'Alias Data Reference (QuickTime)', spec: 'QuickTime File Format', full: true, parse: readAlis },
);
