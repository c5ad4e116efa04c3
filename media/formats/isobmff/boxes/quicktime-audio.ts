// QuickTime's sound description extensions (QuickTime File Format, "Sound Sample Description Extensions"):
// the `wave` atom that holds the codec's own atoms (an MOV's AAC keeps its esds there), its small atoms,
// and the channel layout (`chan`, Core Audio's AudioChannelLayout).
import type { FieldReader } from '../../../model/field-reader.js';
import type { FrmaData } from '../box-data.js';
import type { BoxScope } from '../box-scope.js';
import { registerBoxes } from '../box-registry.js';
import { readCount } from './table-count.js';

const QTFF = 'QuickTime File Format, Sound Sample Description Extensions';

/** Core Audio layout tags: (layout << 16) | channel count (CoreAudioBaseTypes.h). */
const LAYOUTS: Readonly<Record<number, string>> = {
  0: 'use the channel descriptions',
  1: 'use the channel bitmap',
  100: 'Mono',
  101: 'Stereo',
  102: 'Stereo headphones',
  103: 'Matrix stereo (Lt/Rt)',
  104: 'Mid/side',
  105: 'XY',
  106: 'Binaural',
  107: 'Ambisonic B-format',
  108: 'Quadraphonic',
  109: 'Pentagonal',
  110: 'Hexagonal',
  111: 'Octagonal',
  112: 'Cube',
  113: 'MPEG 3.0 A (L R C)',
  114: 'MPEG 3.0 B (C L R)',
  115: 'MPEG 4.0 A (L R C Cs)',
  116: 'MPEG 4.0 B (C L R Cs)',
  117: 'MPEG 5.0 A (L R C Ls Rs)',
  118: 'MPEG 5.0 B (L R Ls Rs C)',
  119: 'MPEG 5.0 C (L C R Ls Rs)',
  120: 'MPEG 5.0 D (C L R Ls Rs)',
  121: 'MPEG 5.1 A (L R C LFE Ls Rs)',
  122: 'MPEG 5.1 B (L R Ls Rs C LFE)',
  123: 'MPEG 5.1 C (L C R Ls Rs LFE)',
  124: 'MPEG 5.1 D (C L R Ls Rs LFE)',
  125: 'MPEG 6.1 A (L R C LFE Ls Rs Cs)',
  126: 'MPEG 7.1 A (L R C LFE Ls Rs Lc Rc)',
  127: 'MPEG 7.1 B (C Lc Rc L R Ls Rs LFE)',
  128: 'MPEG 7.1 C (L R C LFE Ls Rs Rls Rrs)',
  129: 'Emagic default 7.1',
  130: 'SMPTE DTV',
  131: 'ITU 2.1',
  132: 'ITU 2.2',
  147: 'AAC 6.0',
  148: 'AAC 6.1',
  149: 'AAC 7.0',
  150: 'AAC octagonal',
  153: 'AAC quadraphonic',
};

/** Core Audio channel bitmap bits, lowest first. */
const BITMAP_CHANNELS = ['L', 'R', 'C', 'LFE', 'Ls', 'Rs', 'Lc', 'Rc', 'Cs', 'Lsd', 'Rsd', 'Ts', 'Vhl', 'Vhc', 'Vhr', 'Rhl', 'Rhc', 'Rhr'] as const;

/** Core Audio channel labels (AudioChannelLabel) for the common speakers. */
const LABELS: Readonly<Record<number, string>> = {
  0: 'unknown', 1: 'Left', 2: 'Right', 3: 'Center', 4: 'LFE', 5: 'Left surround', 6: 'Right surround',
  7: 'Left center', 8: 'Right center', 9: 'Center surround', 10: 'Left surround direct', 11: 'Right surround direct',
  12: 'Top center surround', 33: 'Rear surround left', 34: 'Rear surround right', 42: 'Mono', 100: 'discrete',
  0xffffffff: 'unused',
};

function layoutName(tag: number): string {
  const layout = tag >>> 16;
  const channels = tag & 0xffff;
  const name = LAYOUTS[layout] ?? `layout ${layout}`;
  return layout <= 1 ? name : `${name}, ${channels} channel${channels === 1 ? '' : 's'}`;
}

function bitmapNames(bitmap: number): string | undefined {
  const names = BITMAP_CHANNELS.filter((_, i) => bitmap & (1 << i));
  return names.length ? names.join(' ') : undefined;
}

const float32 = new DataView(new ArrayBuffer(4));
function asFloat(bits: number): string {
  float32.setUint32(0, bits);
  return String(float32.getFloat32(0));
}

/** Audio Channel Layout atom: a layout tag, or a bitmap, or one description per channel. */
function readChan(r: FieldReader, box: BoxScope): void {
  r.u32('mChannelLayoutTag', layoutName);
  r.u32('mChannelBitmap', bitmapNames);
  const count = readCount(r, box, 'mNumberChannelDescriptions', 160);
  r.table('mChannelDescriptions', count, () => {
    r.u32('mChannelLabel', LABELS);
    r.u32('mChannelFlags', (v) => (v & 1 ? 'rectangular coordinates' : v & 2 ? 'spherical coordinates' : v & 4 ? 'coordinates in metres' : undefined));
    for (let k = 0; k < 3; k++) r.u32(`mCoordinates[${k}]`, asFloat);
  });
}

/** Original format atom inside `wave`: the sample entry's codec, repeated. */
function readWaveFrma(r: FieldReader, box: BoxScope): void {
  const dataFormat = r.fourcc('data_format', () => 'the audio format these atoms configure');
  box.keep({ dataFormat } satisfies FrmaData);
}

registerBoxes(
  { type: 'wave', title: 'Sound Decompression Parameters (QuickTime)', spec: QTFF, container: true },
  { type: 'frma', within: 'wave', title: 'Format Atom (QuickTime)', spec: QTFF, parse: readWaveFrma },
  // Writers put 4 zero bytes here; the codec's real configuration follows in its own atom (esds).
  { type: 'mp4a', within: 'wave', title: 'MPEG-4 Audio Atom (QuickTime)', spec: QTFF, parse: (r) => void r.u32('reserved') },
  { type: 'enda', within: 'wave', title: 'Endianness Atom (QuickTime)', spec: QTFF, parse: (r) => void r.u16('littleEndian', { 0: 'big-endian samples', 1: 'little-endian samples' }) },
  { type: '\0\0\0\0', within: 'wave', title: 'Terminator Atom (QuickTime)', spec: QTFF },
  { type: 'chan', title: 'Audio Channel Layout (QuickTime)', spec: 'QuickTime File Format, Audio Channel Layout Atom', full: true, parse: readChan },
);
