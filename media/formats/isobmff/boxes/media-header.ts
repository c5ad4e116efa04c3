import type { FieldReader } from '../../../model/field-reader.js';
import type { HdlrData, MdhdData } from '../box-data.js';
import type { BoxScope } from '../box-scope.js';
import { registerBoxes } from '../box-registry.js';
import { readDuration, readTimes, readTimescale } from './movie-fields.js';
import { knownVersion } from './table-count.js';

/** Macintosh language codes, which QuickTime stores in place of a packed ISO 639-2 code when below 0x400. */
const MAC_LANGUAGES = [
  'eng', 'fra', 'deu', 'ita', 'nld', 'swe', 'spa', 'dan', 'por', 'nor', 'heb', 'jpn', 'ara', 'fin', 'ell', 'isl',
  'mlt', 'tur', 'hrv', 'zho', 'urd', 'hin', 'tha', 'kor', 'lit', 'pol', 'hun', 'est', 'lav', 'smi', 'fao', 'fas',
] as const;

const letter = (v: number): string | undefined => (v >= 1 && v <= 26 ? String.fromCharCode(v + 0x60) : 'not a letter');

/** MediaHeaderBox (ISO/IEC 14496-12 8.4.2): the media's own timescale and language. */
function readMdhd(r: FieldReader, box: BoxScope): void {
  if (!knownVersion(box, 1)) return;
  readTimes(r, box.version);
  const timescale = readTimescale(r, box);
  const duration = readDuration(r, box.version, timescale);
  r.u(1, 'pad');
  // Three 5-bit letters, each stored as its ASCII code minus 0x60 (ISO 639-2/T).
  const codes = r.group('language', () => [r.u(5, 'language[0]', letter), r.u(5, 'language[1]', letter), r.u(5, 'language[2]', letter)],
    (c) => c.map((v) => String.fromCharCode(v + 0x60)).join(''), describeLanguage);
  r.u16('pre_defined');
  box.keep({ timescale, duration, language: languageOf(codes) } satisfies MdhdData);
}

function packed(codes: number[]): number {
  return (codes[0]! << 10) | (codes[1]! << 5) | codes[2]!;
}

function languageOf(codes: number[]): string {
  const p = packed(codes);
  if (p < 0x400) return MAC_LANGUAGES[p] ?? 'und';
  if (codes.every((v) => v >= 1 && v <= 26)) return codes.map((v) => String.fromCharCode(v + 0x60)).join('');
  return 'und';
}

/** A 16-bit QuickTime language field (Macintosh code below 0x400, else packed ISO 639-2), as mdhd shows it. */
export function describeLanguageCode(value: number): string {
  return describeLanguage([(value >> 10) & 31, (value >> 5) & 31, value & 31]);
}

function describeLanguage(codes: number[]): string {
  const p = packed(codes);
  if (p < 0x400) return `QuickTime Macintosh language code ${p}${MAC_LANGUAGES[p] ? ` (${MAC_LANGUAGES[p]})` : ''}`;
  if (p === 0x7fff) return 'unspecified (QuickTime)';
  const code = languageOf(codes);
  return code === 'und' ? 'undetermined' : `ISO 639-2 '${code}'`;
}

const HANDLER_TYPES: Readonly<Record<string, string>> = {
  vide: 'video track',
  soun: 'audio track',
  hint: 'hint track',
  meta: 'timed metadata track',
  text: 'timed text track',
  subt: 'subtitle track',
  sbtl: 'subtitle track (QuickTime)',
  clcp: 'closed captions (QuickTime)',
  tmcd: 'timecode track (QuickTime)',
  auxv: 'auxiliary video track',
  odsm: 'MPEG-4 object descriptor stream',
  sdsm: 'MPEG-4 scene description stream',
  mdir: 'iTunes-style metadata (ilst)',
  mdta: 'QuickTime metadata with keys',
  pict: 'image items (HEIF)',
  ID32: 'ID3 metadata',
  alis: 'data handler: alias (QuickTime)',
  'url ': 'data handler: URL (QuickTime)',
};

/** QuickTime writes a component type where ISO has pre_defined = 0: a media or a data handler. */
const DATA_HANDLER = 0x64686c72; // 'dhlr'
const COMPONENT_TYPES: Readonly<Record<number, string>> = {
  0x6d686c72: "QuickTime component_type 'mhlr' (media handler)",
  [DATA_HANDLER]: "QuickTime component_type 'dhlr' (data handler)",
};

/**
 * HandlerBox (ISO/IEC 14496-12 8.4.3). Inside a trak's mdia it says what kind of track this is,
 * which later boxes (stsd) need; inside meta it names the metadata format.
 */
function readHdlr(r: FieldReader, box: BoxScope): void {
  const componentType = r.u32('pre_defined', COMPONENT_TYPES);
  const handlerType = r.fourcc('handler_type', (c) => HANDLER_TYPES[c]);
  // QuickTime: component_manufacturer, component_flags, component_flags_mask.
  r.table('reserved', 3, () => r.u32('reserved'));
  const name = readName(r, box);
  box.keep({ handlerType, name } satisfies HdlrData);
  // A QuickTime data handler (in minf) is not the track's media handler.
  if (componentType === DATA_HANDLER) return;
  box.state.handler = handlerType;
  if (box.state.trackId !== undefined) box.state.handlerByTrack.set(box.state.trackId, handlerType);
}

/**
 * ISO writes the name as a NUL-terminated UTF-8 string; QuickTime as a Pascal string (a count byte,
 * no terminator). A count byte that matches the rest of the box exactly marks the Pascal form.
 */
function readName(r: FieldReader, box: BoxScope): string {
  const left = r.bytesLeft;
  const at = r.absByte;
  const quickTime = box.state.quickTime;
  if (left === 0) {
    if (!quickTime) box.report('warning', 'string-not-terminated', 'hdlr has no name, not even the terminating NUL', at, at);
    return '';
  }
  const from = r.pos >>> 3;
  const bytes = r.data;
  if (bytes[from] === left - 1 && left > 1) {
    let nul = false;
    for (let i = from + 1; i < from + left; i++) if (bytes[i] === 0) nul = true;
    if (quickTime || !nul) {
      const n = r.u8('name_length', () => 'QuickTime Pascal string');
      const name = r.text(n, 'name');
      if (!quickTime) box.report('info', 'pascal-string-name', 'the handler name is a QuickTime Pascal string in a file that is not QuickTime', at, at + left);
      return name;
    }
  }
  const { value, terminated } = r.cstring('name');
  if (!terminated && !quickTime) box.report('warning', 'string-not-terminated', 'the handler name has no terminating NUL', at, r.absByte);
  return value;
}

registerBoxes(
  { type: 'mdhd', title: 'Media Header Box', spec: 'ISO/IEC 14496-12 8.4.2', full: true, parse: readMdhd },
  { type: 'hdlr', title: 'Handler Reference Box', spec: 'ISO/IEC 14496-12 8.4.3', full: true, parse: readHdlr },
);
