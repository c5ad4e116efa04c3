/**
 * Enumerations of the FLV file format (Adobe Flash Video File Format Specification v10.1, annex E)
 * and of Enhanced RTMP v2 (veovera.org, E-RTMP v2), with the meanings shown next to raw values.
 */

export const TAG_TYPES = { 8: 'audio', 9: 'video', 18: 'script data' } as const;
export const TAG_AUDIO = 8;
export const TAG_VIDEO = 9;
export const TAG_SCRIPT = 18;

export const SOUND_FORMATS = {
  0: 'Linear PCM, platform endian',
  1: 'ADPCM',
  2: 'MP3',
  3: 'Linear PCM, little endian',
  4: 'Nellymoser 16 kHz mono',
  5: 'Nellymoser 8 kHz mono',
  6: 'Nellymoser',
  7: 'G.711 A-law logarithmic PCM',
  8: 'G.711 mu-law logarithmic PCM',
  9: 'ExHeader (enhanced audio, E-RTMP)',
  10: 'AAC',
  11: 'Speex',
  14: 'MP3 8 kHz',
  15: 'Device-specific sound',
} as const;
export const SOUND_FORMAT_MP3 = 2;
export const SOUND_FORMAT_EX_HEADER = 9;
export const SOUND_FORMAT_AAC = 10;

export const SOUND_RATES = { 0: '5.5 kHz', 1: '11 kHz', 2: '22 kHz', 3: '44 kHz' } as const;
/** SoundRate in Hz, for formats without a config of their own. */
export const SOUND_RATE_HZ = [5512, 11025, 22050, 44100] as const;
export const SOUND_SIZES = { 0: '8-bit samples', 1: '16-bit samples' } as const;
export const SOUND_TYPES = { 0: 'mono', 1: 'stereo' } as const;
export const AAC_PACKET_TYPES = { 0: 'AAC sequence header', 1: 'AAC raw' } as const;

export const FRAME_TYPES = {
  1: 'key frame',
  2: 'inter frame',
  3: 'disposable inter frame (H.263 only)',
  4: 'generated key frame (reserved for server use)',
  5: 'video info/command frame',
} as const;
export const FRAME_KEY = 1;
export const FRAME_COMMAND = 5;

export const CODEC_IDS = {
  1: 'JPEG',
  2: 'Sorenson H.263',
  3: 'Screen video',
  4: 'On2 VP6',
  5: 'On2 VP6 with alpha channel',
  6: 'Screen video version 2',
  7: 'AVC',
  12: 'HEVC (legacy extension)',
} as const;
export const CODEC_AVC = 7;
export const CODEC_HEVC = 12;

export const AVC_PACKET_TYPES = { 0: 'sequence header', 1: 'NALU', 2: 'end of sequence' } as const;

/** E-RTMP v2 VideoPacketType. */
export const VIDEO_PACKET_TYPES = {
  0: 'SequenceStart',
  1: 'CodedFrames',
  2: 'SequenceEnd',
  3: 'CodedFramesX (composition time 0)',
  4: 'Metadata',
  5: 'MPEG2TSSequenceStart',
  6: 'Multitrack',
  7: 'ModEx',
} as const;
export const VPT = { SequenceStart: 0, CodedFrames: 1, SequenceEnd: 2, CodedFramesX: 3, Metadata: 4, Mpeg2TsSequenceStart: 5, Multitrack: 6, ModEx: 7 } as const;

/** E-RTMP v2 AudioPacketType. */
export const AUDIO_PACKET_TYPES = {
  0: 'SequenceStart',
  1: 'CodedFrames',
  2: 'SequenceEnd',
  4: 'MultichannelConfig',
  5: 'Multitrack',
  7: 'ModEx',
} as const;
export const APT = { SequenceStart: 0, CodedFrames: 1, SequenceEnd: 2, MultichannelConfig: 4, Multitrack: 5, ModEx: 7 } as const;

export const AV_MULTITRACK_TYPES = { 0: 'OneTrack', 1: 'ManyTracks', 2: 'ManyTracksManyCodecs' } as const;
export const MULTITRACK = { OneTrack: 0, ManyTracks: 1, ManyTracksManyCodecs: 2 } as const;

export const MOD_EX_TYPES = { 0: 'TimestampOffsetNano' } as const;
export const VIDEO_COMMANDS = { 0: 'StartSeek', 1: 'EndSeek' } as const;
export const AUDIO_CHANNEL_ORDERS = { 0: 'Unspecified', 1: 'Native', 2: 'Custom' } as const;

export const VIDEO_FOURCCS: Readonly<Record<string, string>> = {
  avc1: 'H.264/AVC',
  hvc1: 'H.265/HEVC',
  av01: 'AV1',
  vp09: 'VP9',
  vp08: 'VP8',
};
export const AUDIO_FOURCCS: Readonly<Record<string, string>> = {
  mp4a: 'AAC',
  Opus: 'Opus',
  fLaC: 'FLAC',
  'ac-3': 'AC-3',
  'ec-3': 'E-AC-3',
  '.mp3': 'MP3',
};

/** Codec keys (a FourCC, or a legacy id mapped to one) to the names ffprobe gives. */
export const CODEC_NAMES: Readonly<Record<string, string>> = {
  avc1: 'h264',
  hvc1: 'hevc',
  av01: 'av1',
  vp09: 'vp9',
  vp08: 'vp8',
  mp4a: 'aac',
  Opus: 'opus',
  fLaC: 'flac',
  'ac-3': 'ac3',
  'ec-3': 'eac3',
  '.mp3': 'mp3',
  flv1: 'flv1',
  vp6f: 'vp6f',
  vp6a: 'vp6a',
  fsv1: 'flashsv',
  fsv2: 'flashsv2',
  nmos: 'nellymoser',
  spx: 'speex',
  alaw: 'pcm_alaw',
  ulaw: 'pcm_mulaw',
  pcm: 'pcm',
  adpc: 'adpcm_swf',
};

/** Legacy CodecID to a codec key. */
export const VIDEO_CODEC_KEYS: Readonly<Record<number, string>> = { 2: 'flv1', 3: 'fsv1', 4: 'vp6f', 5: 'vp6a', 6: 'fsv2', 7: 'avc1', 12: 'hvc1' };
/** Legacy SoundFormat to a codec key. */
export const AUDIO_CODEC_KEYS: Readonly<Record<number, string>> = {
  0: 'pcm', 1: 'adpc', 2: '.mp3', 3: 'pcm', 4: 'nmos', 5: 'nmos', 6: 'nmos', 7: 'alaw', 8: 'ulaw', 10: 'mp4a', 11: 'spx', 14: '.mp3',
};

/** onMetaData videocodecid / audiocodecid meanings for the readable table. */
export const METADATA_VIDEO_CODECS: Readonly<Record<number, string>> = { ...CODEC_IDS };
export const METADATA_AUDIO_CODECS: Readonly<Record<number, string>> = { ...SOUND_FORMATS };
