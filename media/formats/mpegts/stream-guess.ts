/**
 * Streams of a transport stream that no PMT describes (captures of one PID: DVB subtitles, teletext, a lone
 * audio or video PID): what they are, guessed from the first PES packet's stream_id and payload, as ffmpeg
 * guesses them when it finds no PMT. The guess is a stream_type and descriptors, so the stream is classified
 * and read like a listed one.
 */
import { peekAc3 } from '../../codecs/ac3/ac3-header.js';
import { peekMpegAudio } from '../../codecs/mpeg-audio/mpeg-audio-header.js';
import { strongHeaderAt } from '../adts/adts-scan.js';
import type { PmtStream } from './psi-section.js';

/** The elementary stream bytes of a PES packet's start in `payload` (its first TS packet's payload), or undefined. */
function esStart(payload: Uint8Array): number | undefined {
  if (payload.length < 9 || payload[0] !== 0 || payload[1] !== 0 || payload[2] !== 1) return undefined;
  return 9 + payload[8]!;
}

/** A PMT entry for `pid` from its first PES packet, or undefined when the bytes say nothing known. */
export function guessStream(pid: number, payload: Uint8Array): PmtStream | undefined {
  const at = esStart(payload);
  if (at === undefined) return undefined;
  const streamId = payload[3]!;
  const es = payload.subarray(Math.min(at, payload.length));
  const entry = (streamType: number, tag?: number): PmtStream => ({ streamType, pid, descriptors: tag === undefined ? [] : [{ tag }] });
  if (streamId === 0xbd) {
    // private_stream_1: EN 300 743 data_identifier 0x20 (subtitles); EN 300 472 0x10-0x1F (teletext); or AC-3.
    if (es[0] === 0x20 && es[1] === 0x00) return entry(0x06, 0x59);
    if (es[0] !== undefined && es[0] >= 0x10 && es[0] <= 0x1f) return entry(0x06, 0x56);
    if (peekAc3(es, 0)) return entry(0x06, es[5]! >> 3 > 10 ? 0x7a : 0x6a);
    return entry(0x06);
  }
  if (streamId >= 0xc0 && streamId <= 0xdf) {
    if (strongHeaderAt(es, 0) > 0) return entry(0x0f);
    if (peekMpegAudio(es, 0)) return entry(0x03);
    return undefined;
  }
  if (streamId >= 0xe0 && streamId <= 0xef) {
    const nal = firstNalHeader(es);
    if (nal === undefined) return undefined;
    if (nal.byte0 === 0xb3 || nal.byte0 === 0x00) return entry(0x02); // MPEG-2 sequence or picture start code
    // HEVC streams open with a VPS, SPS, PPS, AUD or prefix SEI whose second header byte is layer 0, TemporalId 0;
    // the same first bytes in H.264 would be SEI or reserved types with a nal_ref_idc SEI may not have.
    const hevcType = (nal.byte0 >> 1) & 0x3f;
    if ((nal.byte0 & 0x81) === 0 && [32, 33, 34, 35, 39].includes(hevcType) && nal.byte1 === 0x01) return entry(0x24);
    return entry(0x1b);
  }
  return undefined;
}

/** The first bytes after the first start code (00 00 01) in the first 64 bytes. */
function firstNalHeader(es: Uint8Array): { byte0: number; byte1: number | undefined } | undefined {
  for (let i = 0; i + 3 < Math.min(es.length, 64); i++) {
    if (es[i] === 0 && es[i + 1] === 0 && es[i + 2] === 1) return { byte0: es[i + 3]!, byte1: es[i + 4] };
  }
  return undefined;
}
