import { describe, expect, it } from 'vitest';
import { codes, fieldOf, parseOne, valueOf } from './entry-bytes.js';
import { bits, box, fullBox, u16, u32, zeros } from '../../../../helpers/bytes.js';

// The bodies below are what ffmpeg 5.1 writes for a 48 kHz stereo sine tone.
describe('dac3, dec3, dOps, dfLa', () => {
  it('reads dac3', async () => {
    const node = await parseOne(
      box('dac3', bits(
        '00' + // fscod = 0 (48000 Hz)
          '01000' + // bsid = 8
          '000' + // bsmod = 0 (main audio, complete)
          '010' + // acmod = 2 (2/0)
          '0' + // lfeon = 0
          '01010' + // bit_rate_code = 10 (192 kbit/s)
          '00000', // reserved
      )),
    );
    expect(codes(node)).toEqual([]);
    expect(fieldOf(node.fields, 'acmod')?.display).toBe('2/0 (L, R)');
    expect(fieldOf(node.fields, 'bit_rate_code')?.display).toBe('192 kbit/s');
  });

  it('reads dec3 with one independent substream', async () => {
    const node = await parseOne(
      box('dec3', bits(
        '0000011000000' + // data_rate = 192
          '000' + // num_ind_sub = 0 (one substream)
          '00 10000 0 0 000 010 0 000' + // fscod 0, bsid 16, reserved, asvc 0, bsmod 0, acmod 2, lfeon 0, reserved
          '0000 0', // num_dep_sub = 0, reserved
      )),
    );
    expect(codes(node)).toEqual([]);
    expect(valueOf(node.fields, 'data_rate')).toBe(192);
    expect(valueOf(node.fields, 'bsid')).toBe(16);
  });

  it('reads dOps, with a channel mapping table for family 1', async () => {
    const stereo = await parseOne(box('dOps', [0, 2, ...u16(312), ...u32(48000), ...u16(0), 0])); // Version, OutputChannelCount 2, PreSkip 312, InputSampleRate, OutputGain, family 0
    expect(codes(stereo)).toEqual([]);
    expect(fieldOf(stereo.fields, 'PreSkip')?.display).toBe('312 samples at 48 kHz');
    const surround = await parseOne(box('dOps', [0, 6, ...u16(312), ...u32(48000), ...u16(0x0100), 1, 4, 2, 0, 4, 1, 2, 3, 5])); // gain +1 dB, family 1, 4 streams, 2 coupled, 6 mappings
    expect(codes(surround)).toEqual([]);
    expect(fieldOf(surround.fields, 'OutputGain')?.display).toBe('1.00 dB');
    expect(fieldOf(surround.fields, 'ChannelMapping')?.value).toBe(6);
    const short = await parseOne(box('dOps', [0, 200, ...u16(0), ...u32(48000), ...u16(0), 1, 1, 0, 0])); // 200 channels declared, 1 mapping byte
    expect(codes(short)).toEqual(['table-count-exceeds-box']);
  });

  it('reads dfLa with its STREAMINFO block decoded', async () => {
    const node = await parseOne(
      fullBox('dfLa', 0, 0, [
        0x80, 0x00, 0x00, 0x22, // last_metadata_block_flag = 1, block_type = 0 (STREAMINFO), length = 34
        ...u16(4608), ...u16(4608), // minimum_block_size, maximum_block_size
        0x00, 0x01, 0x50, 0x00, 0x05, 0x17, // minimum_frame_size = 336, maximum_frame_size = 1303
        ...bits('00001011101110000000' + '001' + '01111' + '0000' + '00000000000000000101110111000000'), // sample_rate 48000, 2 channels, 16 bits, total_samples 24000
        ...zeros(16), // md5_signature
      ]),
    );
    expect(codes(node)).toEqual([]);
    expect(fieldOf(node.fields, 'sample_rate')).toMatchObject({ value: 48000, bitLength: 20 });
    expect(fieldOf(node.fields, 'channels_minus1')?.display).toBe('2 channels');
    expect(valueOf(node.fields, 'total_samples')).toBe(24000);
  });
});
