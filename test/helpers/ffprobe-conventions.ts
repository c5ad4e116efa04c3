/**
 * Where ffprobe packetises by its own convention and Bitlens follows the specification: the one place that
 * says so. Comparisons with ffprobe apply these and nothing else.
 *
 * - Timed ID3 in MPEG-TS (stream_type 0x15): ffmpeg drops the first 5 bytes of every PES payload, taking them
 *   for a metadata access unit cell header (ISO/IEC 13818-1 2.12.4, used with stream_id 0xFC). HLS timed
 *   metadata is carried in private_stream_1 PES packets whose payload is the ID3 tag itself (its own size
 *   field covers the whole payload), so Bitlens keeps all of it: ffprobe's size is 5 bytes less.
 */
import type { ProbePacket } from './ffprobe.js';

/** ffprobe's size of a packet of codec `codecName`, as Bitlens counts it. */
export function specSize(codecName: string, packet: ProbePacket): number {
  const size = Number(packet.size);
  return codecName === 'timed_id3' ? size + 5 : size;
}
