import { describe, expect, it } from 'vitest';
import { flvFileHeader, flvTags } from '../../../media/record/flv-file.js';

describe('FLV file bytes', () => {
  it('writes the header with the audio and video flags, then PreviousTagSize0', () => {
    expect([...flvFileHeader(true, false)]).toEqual([0x46, 0x4c, 0x56, 1, 0x04, 0, 0, 0, 9, 0, 0, 0, 0]);
    expect(flvFileHeader(true, true)[4]).toBe(0x05);
  });

  it('writes tags with the extended timestamp byte and PreviousTagSize', () => {
    const out = flvTags([
      { tagType: 9, timestamp: 0x01020304, body: Uint8Array.of(0x17, 0x01) },
      { tagType: 8, timestamp: 5, body: Uint8Array.of(0xaf) },
    ]);
    expect([...out]).toEqual([
      0x09, // TagType = video
      0x00, 0x00, 0x02, // DataSize = 2
      0x02, 0x03, 0x04, // Timestamp (lower 24 bits)
      0x01, // TimestampExtended (upper 8 bits)
      0x00, 0x00, 0x00, // StreamID = 0
      0x17, 0x01, // body
      0x00, 0x00, 0x00, 0x0d, // PreviousTagSize = 11 + 2
      0x08, // TagType = audio
      0x00, 0x00, 0x01, // DataSize = 1
      0x00, 0x00, 0x05, // Timestamp = 5
      0x00, // TimestampExtended
      0x00, 0x00, 0x00, // StreamID
      0xaf, // body
      0x00, 0x00, 0x00, 0x0c, // PreviousTagSize = 12
    ]);
  });
});
