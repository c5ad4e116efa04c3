import { describe, expect, it } from 'vitest';
import { peekMpegAudio, readMpegAudioHeader } from '../../../../media/codecs/mpeg-audio/mpeg-audio-header.js';
import { FieldReader } from '../../../../media/model/field-reader.js';
import { ANNOTATE, type Diagnostic } from '../../../../media/model/types.js';

const LAYER2_MONO = new Uint8Array([
  0xff, // syncword [10..3]
  0xfd, // syncword [2..0] = 111, ID = 11 (MPEG-1), layer = 10 (Layer II), protection_bit = 1
  0xc4, // bitrate_index = 1100 (256 kbit/s), sampling_frequency = 01 (48 kHz), padding_bit = 0, private_bit = 0
  0xc4, // mode = 11 (single channel), mode_extension = 00, copyright = 0, original = 1, emphasis = 00
]);

describe('MPEG audio frame header', () => {
  it('reads every field at its bits and derives the frame length', () => {
    const r = FieldReader.at(LAYER2_MONO, 0, ANNOTATE);
    const out: Diagnostic[] = [];
    const h = readMpegAudioHeader(r, out)!;
    expect(out).toEqual([]);
    expect(r.fields.filter((f) => !f.derived).map((f) => [f.name, f.bitOffset, f.bitLength, f.value])).toEqual([
      ['syncword', 0, 11, 0x7ff], ['ID', 11, 2, 3], ['layer', 13, 2, 2], ['protection_bit', 15, 1, 1], ['bitrate_index', 16, 4, 12],
      ['sampling_frequency', 20, 2, 1], ['padding_bit', 22, 1, false], ['private_bit', 23, 1, false], ['mode', 24, 2, 3],
      ['mode_extension', 26, 2, 0], ['copyright', 28, 1, false], ['original/copy', 29, 1, true], ['emphasis', 30, 2, 0],
    ]);
    // 1152 samples at 256 kbit/s and 48 kHz: 144 * 256000 / 48000 bytes.
    expect(h).toMatchObject({ layer: 2, bitRate: 256, sampleRate: 48000, channels: 1, frameLength: 768, samples: 1152, codecName: 'mp2' });
    expect(peekMpegAudio(LAYER2_MONO, 0)).toEqual(h);
  });

  it('gives Layer III of MPEG-2 half the samples, and Layer I its 4-byte slots', () => {
    // MPEG-2 (ID 10), Layer III (01), 64 kbit/s (index 8), 24 kHz (01), padded.
    expect(peekMpegAudio(new Uint8Array([0xff, 0xf3, 0x86, 0xc4]), 0)).toMatchObject({ layer: 3, samples: 576, frameLength: 72 * 64000 / 24000 + 1, codecName: 'mp3' });
    // MPEG-1 Layer I (11), 384 kbit/s (index 12), 44.1 kHz (00), padded: (12 * 384000 / 44100 + 1) * 4.
    expect(peekMpegAudio(new Uint8Array([0xff, 0xff, 0xc2, 0xc4]), 0)).toMatchObject({ layer: 1, samples: 384, frameLength: (Math.floor(12 * 384000 / 44100) + 1) * 4 });
  });

  it('refuses free format, bad bit rates, reserved rates and versions; reports them when asked to read', () => {
    for (const bytes of [[0xff, 0xfd, 0x04, 0xc4], [0xff, 0xfd, 0xf4, 0xc4], [0xff, 0xfd, 0xcc, 0xc4], [0xff, 0xed, 0xc4, 0xc4], [0xff, 0xf9, 0xc4, 0xc4]]) {
      expect(peekMpegAudio(new Uint8Array(bytes), 0)).toBeUndefined();
    }
    const out: Diagnostic[] = [];
    expect(readMpegAudioHeader(FieldReader.at(new Uint8Array([0xff, 0xfd, 0x04, 0xc4]), 0, ANNOTATE), out)).toBeUndefined();
    expect(out.map((d) => d.code)).toEqual(['mpeg-audio-bad-header']);
  });
});
