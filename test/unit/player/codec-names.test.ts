import { describe, expect, it } from 'vitest';
import { codecName } from '../../../renderer/src/lib/player/codec-names.js';

describe('codecName', () => {
  it('names MP3 in FLV or MP4 as MP3, not AAC', () => {
    expect(['mp4a.6B', 'mp4a.69', 'mp4a.40.34'].map(codecName)).toEqual(['MP3', 'MP3', 'MP3']);
  });

  it('names AAC, video codecs and Dolby audio by their prefixes, and passes the rest through', () => {
    expect(['mp4a.40.2', 'mp4a.67', 'avc1.64001F', 'hvc1.1.6.L93.B0', 'ac-3', 'ec-3', 'mp4a.a5', 'xyz1'].map(codecName)).toEqual(['AAC', 'AAC', 'H.264', 'HEVC', 'AC-3', 'E-AC-3', 'AC-3', 'xyz1']);
  });
});
