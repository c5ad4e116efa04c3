import type { FieldReader } from '../../../model/field-reader.js';
import type { BoxScope } from '../box-scope.js';
import { registerBoxes } from '../box-registry.js';

/** ftyp and styp share one syntax (ISO/IEC 14496-12 4.3, 8.16.2). */
function readFileType(r: FieldReader, box: BoxScope): void {
  const major = r.fourcc('major_brand');
  r.u32('minor_version');
  const brands: string[] = [];
  const count = Math.floor(r.bytesLeft / 4);
  r.table('compatible_brands', count, () => {
    brands.push(r.fourcc('brand'));
  });
  if (major === 'qt  ') box.state.quickTime = true;
  box.keep({ majorBrand: major, compatibleBrands: brands });
}

function readPadding(r: FieldReader): void {
  const n = r.bytesLeft;
  if (n > 0) r.bytes(n, 'data', 'ignored');
}

registerBoxes(
  { type: 'ftyp', title: 'File Type Box', spec: 'ISO/IEC 14496-12 4.3', parse: readFileType },
  { type: 'styp', title: 'Segment Type Box', spec: 'ISO/IEC 14496-12 8.16.2', parse: readFileType },
  { type: 'mdat', title: 'Media Data Box', spec: 'ISO/IEC 14496-12 8.1.1', range: true },
  { type: 'free', title: 'Free Space Box', spec: 'ISO/IEC 14496-12 8.1.2', parse: readPadding },
  { type: 'skip', title: 'Free Space Box', spec: 'ISO/IEC 14496-12 8.1.2', parse: readPadding },
  { type: 'wide', title: 'Wide Placeholder (QuickTime)', spec: 'QuickTime File Format', parse: readPadding },
);
