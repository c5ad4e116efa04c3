import type { FieldReader } from '../../../model/field-reader.js';
import type { Node } from '../../../model/types.js';
import { type FrmaData, type SampleEntryData, child, dataOf, path } from '../box-data.js';
import type { BoxScope } from '../box-scope.js';
import { type BoxDef, registerBoxes } from '../box-registry.js';

export type SampleEntryKind = SampleEntryData['kind'];

/** The kind the track's handler implies; the fourcc decides only when the handler says nothing. */
export function entryKind(handler: string | undefined, fallback: SampleEntryKind): SampleEntryKind {
  if (handler === 'vide') return 'visual';
  if (handler === 'soun') return 'audio';
  return fallback;
}

const ENTRY_TITLES: Record<SampleEntryKind, string> = { visual: 'Visual Sample Entry', audio: 'Audio Sample Entry', other: 'Sample Entry' };

export function entryTitle(kind: SampleEntryKind): string {
  return ENTRY_TITLES[kind];
}

/** compressorname: 32 bytes, a Pascal string (length byte, then the name, then padding). */
function readCompressorName(r: FieldReader): void {
  r.group('compressorname', () => {
    const length = r.u8('length');
    const shown = Math.min(length, 31);
    const name = shown > 0 ? r.text(shown, 'name') : '';
    if (31 - shown > 0) r.bytes(31 - shown, 'padding');
    return name;
  }, (name) => name);
}

/** VisualSampleEntry fields after the SampleEntry header (ISO/IEC 14496-12 12.1.3). */
function readVisualFields(r: FieldReader, data: SampleEntryData): void {
  r.u16('pre_defined');
  r.u16('reserved');
  r.bytes(12, 'pre_defined');
  data.width = r.u16('width', (v) => `${v} px`);
  data.height = r.u16('height', (v) => `${v} px`);
  for (const name of ['horizresolution', 'vertresolution']) {
    const dpi = r.fixed(16, 16, name);
    const f = r.last;
    if (f) f.display = `${dpi} dpi`;
  }
  r.u32('reserved');
  r.u16('frame_count', (v) => `${v} frame${v === 1 ? '' : 's'} per sample`);
  readCompressorName(r);
  r.u16('depth', (v) => (v === 0x18 ? 'colour, no alpha' : v === 0x20 ? 'colour with alpha' : `${v} bits`));
  r.i(16, 'pre_defined');
}

/**
 * True when a version-1 sound description carries the four QuickTime fields: in a QuickTime file,
 * or when the bytes after samplerate do not start a box (ISO AudioSampleEntryV1 has boxes there).
 */
function hasQuickTimeV1Fields(r: FieldReader, box: BoxScope): boolean {
  if (box.state.quickTime) return true;
  if (r.bytesLeft < 16) return false;
  const at = r.pos >>> 3;
  const d = r.data;
  const size = ((d[at]! << 24) >>> 0) + ((d[at + 1]! << 16) | (d[at + 2]! << 8) | d[at + 3]!);
  const printable = [4, 5, 6, 7].every((k) => d[at + k]! >= 0x20 && d[at + k]! < 0x7f);
  return !(printable && size >= 8 && size <= r.bytesLeft);
}

function readFloat64(r: FieldReader, name: string): number {
  const raw = r.bytes(8, name);
  const value = new DataView(raw.buffer, raw.byteOffset, 8).getFloat64(0);
  const f = r.last;
  if (f) {
    f.value = value;
    f.display = `${value} Hz`;
  }
  return value;
}

/** AudioSampleEntry (ISO/IEC 14496-12 12.2.3) and the QuickTime sound description versions 1 and 2. */
function readAudioFields(r: FieldReader, box: BoxScope, data: SampleEntryData): void {
  const version = r.u16('entry_version', { 0: 'version 0', 1: 'version 1 (QuickTime: 4 more fields; ISO: rate in srat)', 2: 'version 2 (QuickTime: 64-bit float rate)' });
  r.bytes(6, 'reserved');
  data.channelCount = r.u16('channelcount');
  r.u16('samplesize', (v) => `${v} bits`);
  r.i(16, 'pre_defined', (v) => (v === -2 ? 'QuickTime compression ID: variable' : v === -1 ? 'QuickTime compression ID: fixed' : undefined));
  r.u16('reserved');
  const rate = r.fixed(16, 16, 'samplerate');
  const rateField = r.last;
  if (rateField) rateField.display = `${rate} Hz`;
  data.sampleRate = rate;
  if (version === 1 && hasQuickTimeV1Fields(r, box)) {
    r.u32('samplesPerPacket');
    r.u32('bytesPerPacket');
    r.u32('bytesPerFrame');
    r.u32('bytesPerSample');
  } else if (version === 2) {
    r.u32('sizeOfStructOnly', (v) => `${v} bytes`);
    data.sampleRate = readFloat64(r, 'audioSampleRate');
    data.channelCount = r.u32('numAudioChannels');
    r.u32('always7F000000');
    r.u32('constBitsPerChannel', (v) => `${v} bits`);
    r.u32('formatSpecificFlags');
    r.u32('constBytesPerAudioPacket');
    r.u32('constLPCMFramesPerAudioPacket');
  }
}

/**
 * The body of a sample entry of the given kind: the SampleEntry header (8.5.2.2), the visual or
 * audio fields, then the child boxes (codec configuration, sinf ...). Entries of other kinds
 * have format-specific fields, shown as bytes.
 */
export function readSampleEntry(r: FieldReader, box: BoxScope, kind: SampleEntryKind): void {
  r.bytes(6, 'reserved');
  const data: SampleEntryData = { format: box.type, originalFormat: box.type, kind, dataReferenceIndex: 0 };
  data.dataReferenceIndex = r.u16('data_reference_index');
  if (kind === 'visual') readVisualFields(r, data);
  if (kind === 'audio') readAudioFields(r, box, data);
  if (kind === 'other') {
    if (r.bytesLeft > 0) r.bytes(r.bytesLeft, 'data', 'format-specific fields, not decoded');
  } else {
    box.children(r);
    data.originalFormat = originalFormat(box.node) ?? box.type;
  }
  box.keep(data);
}

/** The data_format of sinf/frma in a protected entry (encv, enca, and any other with a sinf). */
function originalFormat(entry: Node): string | undefined {
  const frma = path(entry, 'sinf', 'frma') ?? child(entry, 'frma');
  return dataOf<FrmaData>(frma)?.dataFormat;
}

function entryDef(type: string, fallback: SampleEntryKind, codec: string): BoxDef {
  return {
    type,
    title: `${entryTitle(fallback)} (${codec})`,
    spec: fallback === 'visual' ? 'ISO/IEC 14496-12 12.1.3' : 'ISO/IEC 14496-12 12.2.3',
    parse: (r, box) => readSampleEntry(r, box, entryKind(box.state.handler, fallback)),
  };
}

/** Sample entry fourccs and their codecs (MP4RA). Entries not listed are still read by the track's handler (see stsd). */
const VISUAL_ENTRIES = {
  avc1: 'H.264', avc2: 'H.264', avc3: 'H.264, parameter sets in band', avc4: 'H.264, parameter sets in band',
  hvc1: 'HEVC', hev1: 'HEVC, parameter sets in band', dvh1: 'Dolby Vision HEVC', dvhe: 'Dolby Vision HEVC',
  encv: 'encrypted video', mp4v: 'MPEG-4 Visual', vp08: 'VP8', vp09: 'VP9', av01: 'AV1', s263: 'H.263',
} as const;
const AUDIO_ENTRIES = {
  mp4a: 'MPEG-4 Audio', enca: 'encrypted audio', 'ac-3': 'AC-3', 'ec-3': 'E-AC-3', 'ac-4': 'AC-4', Opus: 'Opus', fLaC: 'FLAC',
  alac: 'Apple Lossless', samr: 'AMR', sawb: 'AMR-WB', mha1: 'MPEG-H 3D Audio', ipcm: 'integer PCM', fpcm: 'floating-point PCM',
  lpcm: 'QuickTime PCM', sowt: 'QuickTime PCM little-endian', twos: 'QuickTime PCM big-endian', '.mp3': 'MP3',
} as const;

registerBoxes(
  ...Object.entries(VISUAL_ENTRIES).map(([type, codec]) => entryDef(type, 'visual', codec)),
  ...Object.entries(AUDIO_ENTRIES).map(([type, codec]) => entryDef(type, 'audio', codec)),
);
