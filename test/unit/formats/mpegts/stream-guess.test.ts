import { describe, expect, it } from 'vitest';
import { guessStream } from '../../../../media/formats/mpegts/stream-guess.js';
import { classifyStream } from '../../../../media/formats/mpegts/stream-class.js';

/** The start of a PES packet (stream_id, no optional fields beyond the 3 flag/length bytes) and its first data bytes. */
const pes = (streamId: number, data: number[]): Uint8Array => new Uint8Array([0, 0, 1, streamId, 0, 0, 0x80, 0x00, 0x00, ...data]);
const guessed = (streamId: number, data: number[]): string | undefined => {
  const entry = guessStream(0x100, pes(streamId, data));
  return entry && classifyStream(entry.streamType, entry.descriptors).codecName;
};

describe('streams without a PMT, from their first PES packet', () => {
  it('private_stream_1: DVB subtitles, teletext, AC-3', () => {
    expect(guessed(0xbd, [0x20, 0x00, 0x0f, 0x10])).toBe('dvb_subtitle'); // data_identifier 0x20, subtitle_stream_id 0
    expect(guessed(0xbd, [0x10, 0x02, 0x2c])).toBe('dvb_teletext'); // data_identifier 0x10 (EBU data)
    expect(guessed(0xbd, [0x0b, 0x77, 0x35, 0xfa, 0x1e, 0x40, 0xeb, 0xf8])).toBe('ac3'); // syncword, crc1, 48 kHz 448 kbit/s, bsid 8
  });

  it('audio: ADTS or MPEG audio', () => {
    expect(guessed(0xc0, [0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc, ...Array(9).fill(0), 0xff, 0xf1, 0x50, 0x80])).toBe('aac');
    expect(guessed(0xc0, [0xff, 0xfd, 0xc4, 0xc4])).toBe('mp3'); // MPEG-1 Layer II header (named by its frames once read)
    expect(guessed(0xc0, [0x12, 0x34])).toBeUndefined();
  });

  it('video: H.264, HEVC or MPEG-2 by their first start code', () => {
    expect(guessed(0xe0, [0, 0, 0, 1, 0x09, 0xf0])).toBe('h264'); // access unit delimiter
    expect(guessed(0xe0, [0, 0, 0, 1, 0x67, 0x64])).toBe('h264'); // SPS
    expect(guessed(0xe0, [0, 0, 0, 1, 0x46, 0x01, 0x50])).toBe('hevc'); // AUD, layer 0, TemporalId 0
    expect(guessed(0xe0, [0, 0, 0, 1, 0x40, 0x01, 0x0c])).toBe('hevc'); // VPS
    expect(guessed(0xe0, [0, 0, 1, 0xb3, 0x14, 0x00])).toBe('mpeg2video'); // sequence_header_code
  });

  it('nothing from bytes that are not a PES start', () => {
    expect(guessStream(0x100, new Uint8Array([0x47, 0x00, 0x00, 0x10]))).toBeUndefined();
  });
});
