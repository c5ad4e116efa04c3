/**
 * Where ffprobe packetises by its own convention and Bitlens follows the specification: the one place that
 * says so. Comparisons with ffprobe apply these and nothing else.
 *
 * - Timed ID3 in MPEG-TS (stream_type 0x15): ffmpeg drops the first 5 bytes of every PES payload, taking them
 *   for a metadata access unit cell header (ISO/IEC 13818-1 2.12.4, used with stream_id 0xFC). HLS timed
 *   metadata is carried in private_stream_1 PES packets whose payload is the ID3 tag itself (its own size
 *   field covers the whole payload), so Bitlens keeps all of it: ffprobe's size is 5 bytes less.
 * - 204-byte transport packets (188 + 16 Reed-Solomon parity bytes): ffmpeg computes a packet's position after
 *   reading its 188 bytes but subtracting 204, so every pos it prints is 16 bytes before the packet. Bitlens
 *   gives the packet's real offset.
 * - ADTS with an ID3v2 tag between frames (concatenated HLS packed-audio segments): ffmpeg gives the frame after
 *   the tag the tag's position and every later frame a position short by the tag's length (a tag at the start of
 *   the file it skips). Bitlens gives each frame its own (the tag is a node of its own).
 * - DVB subtitles: ffmpeg's dvbsub parser re-frames PES payloads into display sets (dropping data_identifier,
 *   subtitle_stream_id and the end marker, and timing them by its own rule). Bitlens gives one packet per PES,
 *   as the multiplex carries them; only the count is compared.
 */
import type { ProbePacket } from './ffprobe.js';

export interface SpecPacket {
  /** What Bitlens should give for ffprobe's size and position; undefined where they are not comparable. */
  size?: number;
  pos?: number;
  /** Whether ffprobe's PTS/DTS are the multiplex's own. */
  times: boolean;
}

/**
 * ffprobe's packet of codec `codecName` in a file of `tsPacketSize`-byte packets (0 if not MPEG-TS), as Bitlens
 * counts it; `tagBefore`: the bytes of ID3v2 tags between frames before the packet in a raw audio file.
 */
export function asSpecified(codecName: string, packet: ProbePacket, tsPacketSize = 0, tagBefore = 0): SpecPacket {
  if (codecName === 'dvb_subtitle') return { times: false };
  const size = Number(packet.size) + (codecName === 'timed_id3' ? 5 : 0);
  const pos = packet.pos === undefined ? undefined : Number(packet.pos) + (tsPacketSize === 204 ? 16 : 0) + tagBefore;
  return { size, ...(pos !== undefined ? { pos } : {}), times: true };
}
