import type { FieldReader } from '../../../model/field-reader.js';
import type { BoxScope } from '../box-scope.js';
import { registerBoxes } from '../box-registry.js';
import { fitCount } from './table-count.js';

/** The codec configuration boxes of the other audio sample entries: ac-3, ec-3, Opus and fLaC. */

const AC3_FSCOD = { 0: '48000 Hz', 1: '44100 Hz', 2: '32000 Hz', 3: 'reserved' } as const;
const AC3_BSMOD = { 0: 'main audio, complete', 1: 'main audio, music and effects', 2: 'associated: visually impaired', 3: 'associated: hearing impaired', 4: 'associated: dialogue', 5: 'associated: commentary', 6: 'associated: emergency', 7: 'associated: voice over (or karaoke)' } as const;
const AC3_ACMOD = { 0: '1+1 (dual mono)', 1: '1/0 (C)', 2: '2/0 (L, R)', 3: '3/0 (L, C, R)', 4: '2/1 (L, R, S)', 5: '3/1 (L, C, R, S)', 6: '2/2 (L, R, SL, SR)', 7: '3/2 (L, C, R, SL, SR)' } as const;
const AC3_BITRATES = [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 576, 640];

/** dac3: AC3SpecificBox (ETSI TS 102 366 F.4). */
function readDac3(r: FieldReader): void {
  r.u(2, 'fscod', AC3_FSCOD);
  r.u(5, 'bsid');
  r.u(3, 'bsmod', AC3_BSMOD);
  r.u(3, 'acmod', AC3_ACMOD);
  r.u(1, 'lfeon', { 0: 'no LFE', 1: 'LFE present' });
  r.u(5, 'bit_rate_code', (v) => (AC3_BITRATES[v] !== undefined ? `${AC3_BITRATES[v]} kbit/s` : 'reserved'));
  r.u(5, 'reserved');
}

/** dec3: EC3SpecificBox (ETSI TS 102 366 F.6). num_ind_sub is 3 bits, so at most 8 substreams. */
function readDec3(r: FieldReader): void {
  r.u(13, 'data_rate', (v) => `${v} kbit/s`);
  const numIndSub = r.u(3, 'num_ind_sub', (v) => `${v + 1} independent substreams`);
  r.table('independent_substreams', numIndSub + 1, () => {
    r.u(2, 'fscod', AC3_FSCOD);
    r.u(5, 'bsid');
    r.u(1, 'reserved');
    r.u(1, 'asvc');
    r.u(3, 'bsmod', AC3_BSMOD);
    r.u(3, 'acmod', AC3_ACMOD);
    r.u(1, 'lfeon');
    r.u(3, 'reserved');
    const numDepSub = r.u(4, 'num_dep_sub');
    if (numDepSub > 0) r.u(9, 'chan_loc');
    else r.u(1, 'reserved');
  });
  // Later editions append reserved bytes (and the Atmos flags); they are shown, not decoded.
  if (r.bytesLeft > 0) r.bytes(r.bytesLeft, 'reserved');
}

/** dOps: OpusSpecificBox (Encapsulation of Opus in ISO Base Media File Format 4.3.2). */
function readDops(r: FieldReader, box: BoxScope): void {
  r.u8('Version');
  const channels = r.u8('OutputChannelCount');
  r.u16('PreSkip', (v) => `${v} samples at 48 kHz`);
  r.u32('InputSampleRate', (v) => `${v} Hz`);
  r.i(16, 'OutputGain', (v) => `${(v / 256).toFixed(2)} dB`);
  const family = r.u8('ChannelMappingFamily', { 0: 'mono or stereo', 1: 'Vorbis channel order', 255: 'no defined channel meaning' });
  if (family === 0) return;
  r.u8('StreamCount');
  r.u8('CoupledCount');
  const count = fitCount(r, box, 'OutputChannelCount', channels, 8);
  r.table('ChannelMapping', count, () => r.u8('ChannelMapping'));
}

const FLAC_BLOCK_TYPES = { 0: 'STREAMINFO', 1: 'PADDING', 2: 'APPLICATION', 3: 'SEEKTABLE', 4: 'VORBIS_COMMENT', 5: 'CUESHEET', 6: 'PICTURE', 127: 'invalid' } as const;

/** dfLa: FLACSpecificBox (FLAC in ISOBMFF 3.3.2): FLAC metadata blocks, STREAMINFO decoded. */
function readDfla(r: FieldReader, box: BoxScope): void {
  let last = false;
  for (let i = 0; !last && r.bytesLeft >= 4; i++) {
    r.group(`metadata_block[${i}]`, () => {
      last = r.flag('last_metadata_block_flag');
      const type = r.u(7, 'block_type', FLAC_BLOCK_TYPES);
      const at = r.absByte;
      let length = r.u24('length', (v) => `${v} bytes`);
      if (length > r.bytesLeft) {
        box.report('error', 'metadata-block-exceeds-box', `a FLAC metadata block of ${length} bytes runs past the box`, at, box.end);
        length = r.bytesLeft;
        last = true;
      }
      if (type === 0 && length === 34) {
        r.u16('minimum_block_size', (v) => `${v} samples`);
        r.u16('maximum_block_size', (v) => `${v} samples`);
        r.u24('minimum_frame_size', (v) => `${v} bytes`);
        r.u24('maximum_frame_size', (v) => `${v} bytes`);
        r.u(20, 'sample_rate', (v) => `${v} Hz`);
        r.u(3, 'channels_minus1', (v) => `${v + 1} channels`);
        r.u(5, 'bits_per_sample_minus1', (v) => `${v + 1} bits`);
        r.u64('total_samples', 36);
        r.bytes(16, 'md5_signature');
      } else if (length > 0) {
        r.bytes(length, 'data');
      }
    });
  }
}

registerBoxes(
  { type: 'dac3', title: 'AC-3 Specific Box', spec: 'ETSI TS 102 366 F.4', parse: readDac3 },
  { type: 'dec3', title: 'E-AC-3 Specific Box', spec: 'ETSI TS 102 366 F.6', parse: readDec3 },
  { type: 'dOps', title: 'Opus Specific Box', spec: 'Opus in ISOBMFF 4.3.2', parse: readDops },
  { type: 'dfLa', title: 'FLAC Specific Box', spec: 'FLAC in ISOBMFF 3.3.2', full: true, parse: readDfla },
);
