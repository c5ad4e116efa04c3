/** Codec strings (RFC 6381) as people name the codecs, for the player's messages. */
const CODEC_NAMES: Readonly<Record<string, string>> = {
  avc1: 'H.264', avc3: 'H.264', hvc1: 'HEVC', hev1: 'HEVC', mp4a: 'AAC', av01: 'AV1', vp09: 'VP9', 'ac-3': 'AC-3', 'ec-3': 'E-AC-3', opus: 'Opus',
};
/** mp4a strings that are not AAC: MPEG-1/2 audio (object type 0x6B or 0x69, or MPEG-4 audio object type 34), Dolby. */
const MP4A_NOT_AAC: Readonly<Record<string, string>> = { 'mp4a.6b': 'MP3', 'mp4a.69': 'MP3', 'mp4a.40.34': 'MP3', 'mp4a.a5': 'AC-3', 'mp4a.a6': 'E-AC-3' };

/** A codec string as people name the codec: `avc1.64001F` is H.264, `mp4a.6B` is MP3 (not AAC). */
export function codecName(codec: string): string {
  const lower = codec.toLowerCase();
  return MP4A_NOT_AAC[lower] ?? CODEC_NAMES[lower.slice(0, 4)] ?? codec;
}
