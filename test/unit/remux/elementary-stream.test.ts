import { describe, expect, it } from 'vitest';
import { adtsConfigOf, adtsFrame, annexBSample, parameterSets } from '../../../media/remux/elementary-stream.js';
import { sourcePresentationTime, timelineShift, writtenPresentationSeconds } from '../../../media/remux/timeline.js';
import type { SampleDescription } from '../../../media/model/document-model.js';

const AVCC = new Uint8Array([
  0x01, 0x42, 0xc0, 0x0d, // version, profile, compatibility, level
  0xff, // lengthSizeMinusOne = 3
  0xe1, 0x00, 0x03, 0x67, 0x42, 0xc0, // 1 SPS of 3 bytes
  0x01, 0x00, 0x02, 0x68, 0xce, // 1 PPS of 2 bytes
]);
const avc: SampleDescription = { format: 'avc1', codec: 'avc1.42C00D', config: AVCC, nalLengthSize: 4 };

describe('ADTS output', () => {
  it('reads the ADTS fields of an AudioSpecificConfig', () => {
    expect(adtsConfigOf(new Uint8Array([0x12, 0x08]))).toEqual({ profile: 1, samplingFrequencyIndex: 4, channelConfiguration: 1 }); // LC 44.1 kHz mono
    // HE-AAC with explicit SBR: object type 5, sfi 6 (24 kHz core), 2 channels, extension sfi 3, core object type 2.
    // 00101 0110 0010 0011 00010 ...
    expect(adtsConfigOf(new Uint8Array([0x2b, 0x11, 0x88, 0x00]))).toEqual({ profile: 1, samplingFrequencyIndex: 6, channelConfiguration: 2 });
    expect(() => adtsConfigOf(new Uint8Array([0x12, 0x00]))).toThrow(/channel configuration 0/);
    expect(() => adtsConfigOf(new Uint8Array([0x12]))).toThrow(/cut short/);
  });

  it('builds a 7-byte header without CRC around the raw frame', () => {
    const frame = adtsFrame({ profile: 1, samplingFrequencyIndex: 4, channelConfiguration: 1 }, new Uint8Array([0xaa, 0xbb]));
    expect([...frame]).toEqual([
      0xff, // syncword
      0xf1, // syncword, ID 0, layer 00, protection_absent 1
      0x50, // profile 01, sampling_frequency_index 0100, private 0, channel_configuration bit 2 = 0
      0x40, // channel_configuration low bits 01, original/copy, home, copyright bits 0, frame_length bits 12-11 = 0
      0x01, // frame_length bits 10-3 (9 = 0b1001)
      0x3f, // frame_length bits 2-0 = 001, buffer fullness high 5 bits 11111
      0xfc, // buffer fullness low 6 bits 111111, number_of_raw_data_blocks_in_frame 0
      0xaa, 0xbb,
    ]);
  });
});

describe('Annex B output', () => {
  it('lists the parameter sets of an avcC', () => {
    expect(parameterSets(avc).map((u) => [...u])).toEqual([[0x67, 0x42, 0xc0], [0x68, 0xce]]);
  });

  it('puts SPS/PPS before a key frame that lacks them, after its AUD', () => {
    const sample = new Uint8Array([0, 0, 0, 2, 0x09, 0xf0, /* AUD */ 0, 0, 0, 3, 0x65, 0x88, 0x80 /* IDR slice */]);
    expect([...annexBSample(avc, sample, true)]).toEqual([
      0, 0, 0, 1, 0x09, 0xf0,
      0, 0, 0, 1, 0x67, 0x42, 0xc0,
      0, 0, 0, 1, 0x68, 0xce,
      0, 0, 0, 1, 0x65, 0x88, 0x80,
    ]);
    // A key frame with its own SPS, and a non-key frame, stay as they are.
    const withSps = new Uint8Array([0, 0, 0, 1, 0x67, 0, 0, 0, 2, 0x65, 0x88]);
    expect([...annexBSample(avc, withSps, true)]).toEqual([0, 0, 0, 1, 0x67, 0, 0, 0, 1, 0x65, 0x88]);
    expect([...annexBSample(avc, new Uint8Array([0, 0, 0, 1, 0x41]), false)]).toEqual([0, 0, 0, 1, 0x41]);
  });
});

describe('timeline shift', () => {
  it('is 0 when no decode time is negative', () => {
    expect(timelineShift([{ timescale: 1000, firstDts: 0 }, { timescale: 44100, firstDts: 5 }])).toEqual([0, 0]);
  });

  it('moves every track by the same time, the lowest one to 0', () => {
    // ISMV: audio starts at -232200 (10 MHz), video at 0.
    expect(timelineShift([{ timescale: 10_000_000, firstDts: 0 }, { timescale: 10_000_000, firstDts: -232200 }])).toEqual([232200, 232200]);
    // Other timescales get the same time, rounded up when it is not a whole tick.
    expect(timelineShift([{ timescale: 1000, firstDts: -23 }, { timescale: 44100, firstDts: 0 }, { timescale: 90000, firstDts: undefined }])).toEqual([23, 1015, 2070]);
  });
});

describe('player time mapping', () => {
  // ISMV video: shifted by 232200 ticks of 10 MHz, no edit of its own.
  const track = { timescale: 10_000_000, shift: 232200 };
  it('undoes the shift whether or not the player applies the edit list', () => {
    // With the edit list honoured, <video> time 0.08 s is source time 0.08 s.
    expect(sourcePresentationTime(track, 0.08, true)).toBe(800000);
    // Without it, the shift is visible in the element's time and is taken off.
    expect(sourcePresentationTime(track, 0.10322, false)).toBe(800000);
    expect(writtenPresentationSeconds(track, 800000, false)).toBeCloseTo(0.10322, 9);
    expect(writtenPresentationSeconds(track, 800000, true)).toBeCloseTo(0.08, 9);
    // A source edit (B-frame delay of 1024 ticks at 15360 Hz) stays part of the mapping.
    expect(sourcePresentationTime({ timescale: 15360, editShift: 1024 }, 0, true)).toBe(1024);
  });
});
