import type { FieldReader } from '../../../model/field-reader.js';
import { COLOUR_PRIMARIES, MATRIX_COEFFICIENTS, TRANSFER_CHARACTERISTICS } from '../../../codecs/h273-colour.js';
import type { BoxScope } from '../box-scope.js';
import { registerBoxes } from '../box-registry.js';

/** btrt (ISO/IEC 14496-12 8.5.2.2). */
function readBtrt(r: FieldReader): void {
  r.u32('bufferSizeDB', (v) => `${v} bytes`);
  r.u32('maxBitrate', (v) => `${v} bit/s`);
  r.u32('avgBitrate', (v) => `${v} bit/s`);
}

/** pasp (12.1.4): the pixel aspect ratio hSpacing:vSpacing. */
function readPasp(r: FieldReader): void {
  const h = r.u32('hSpacing');
  const v = r.u32('vSpacing');
  r.derive('pixel_aspect_ratio', v === 0 ? 'undefined' : `${h}:${v}`, v === 0 ? 'vSpacing 0' : (h / v).toFixed(4));
}

const COLOUR_TYPES = {
  nclx: 'on-screen colours (H.273 code points)',
  nclc: 'on-screen colours (QuickTime)',
  rICC: 'restricted ICC profile',
  prof: 'unrestricted ICC profile',
} as const;

/** colr (12.1.5), with QuickTime's nclc. */
function readColr(r: FieldReader, box: BoxScope): void {
  const type = r.fourcc('colour_type', (t) => (COLOUR_TYPES as Record<string, string>)[t] ?? 'unknown colour type');
  if (type === 'nclx' || type === 'nclc') {
    r.u16('colour_primaries', COLOUR_PRIMARIES);
    r.u16('transfer_characteristics', TRANSFER_CHARACTERISTICS);
    r.u16('matrix_coefficients', MATRIX_COEFFICIENTS);
    if (type === 'nclx') {
      r.u(1, 'full_range_flag', { 0: 'limited (video) range', 1: 'full range' });
      r.u(7, 'reserved');
    }
    return;
  }
  if (r.bytesLeft === 0) return;
  if (type === 'rICC' || type === 'prof') {
    r.bytes(r.bytesLeft, 'ICC_profile', `${r.bytesLeft} bytes`);
  } else {
    box.report('info', 'unknown-colour-type', `colour_type '${type}' is not defined; its data is shown as bytes`);
    r.bytes(r.bytesLeft, 'data');
  }
}

/** clap (12.1.4): the clean aperture as fractions. Offsets are signed. */
function readClap(r: FieldReader): void {
  const fraction = (n: string, d: string, signed: boolean): void => {
    const num = signed ? r.i(32, n) : r.u32(n);
    const den = r.u32(d);
    const f = r.last;
    if (f) f.display = den === 0 ? 'undefined (denominator 0)' : `${n.replace(/N$/, '')} = ${(num / den).toFixed(3)}`;
  };
  fraction('cleanApertureWidthN', 'cleanApertureWidthD', false);
  fraction('cleanApertureHeightN', 'cleanApertureHeightD', false);
  fraction('horizOffN', 'horizOffD', true);
  fraction('vertOffN', 'vertOffD', true);
}

const FIELD_COUNTS = { 1: 'progressive', 2: 'interlaced (two fields)' } as const;
const FIELD_ORDERINGS = {
  0: 'one field only',
  1: 'top field first in time, top field stored first',
  6: 'bottom field first in time, bottom field stored first',
  9: 'bottom field first in time, top field stored first',
  14: 'top field first in time, bottom field stored first',
} as const;

/** fiel (QuickTime File Format, Video sample description extensions). */
function readFiel(r: FieldReader): void {
  r.u8('fields', FIELD_COUNTS);
  r.u8('detail', FIELD_ORDERINGS);
}

registerBoxes(
  { type: 'btrt', title: 'Bit Rate Box', spec: 'ISO/IEC 14496-12 8.5.2.2', parse: readBtrt },
  { type: 'pasp', title: 'Pixel Aspect Ratio Box', spec: 'ISO/IEC 14496-12 12.1.4', parse: readPasp },
  { type: 'colr', title: 'Colour Information Box', spec: 'ISO/IEC 14496-12 12.1.5', parse: readColr },
  { type: 'clap', title: 'Clean Aperture Box', spec: 'ISO/IEC 14496-12 12.1.4', parse: readClap },
  { type: 'fiel', title: 'Field Handling (QuickTime)', spec: 'QuickTime File Format', parse: readFiel },
);
