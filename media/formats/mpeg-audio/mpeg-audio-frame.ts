/**
 * One MPEG-1/2 audio frame (ISO/IEC 11172-3 2.4.1.2) as a node: the header and its CRC decoded, the audio data
 * (with any ancillary data) as one byte range. The reader may map around MPEG-TS packet headers.
 */
import type { FieldReader } from '../../model/field-reader.js';
import { type Node, diagnostic } from '../../model/types.js';
import { type MpegAudioHeader, readMpegAudioHeader } from '../../codecs/mpeg-audio/mpeg-audio-header.js';
import { fileEnd, spanField, startFrame } from '../adts/adts-frame.js';
import { OutOfData } from '../../bits/errors.js';

export interface MpegAudioFrame {
  node: Node;
  header: MpegAudioHeader;
  complete: boolean;
}

/** Reads the frame at the reader's (byte-aligned) position; the caller has seen a usable header there. */
export function readMpegAudioFrame(r: FieldReader, title: string, peeked: MpegAudioHeader): MpegAudioFrame {
  const { node, startBit, start, header } = startFrame(r, 'frame', title, 'header', 'header() and crc_check', (out) => {
    try {
      return readMpegAudioHeader(r, out) ?? peeked;
    } catch (e) {
      // The bytes end inside the CRC: the header's facts stand, the frame is cut.
      if (e instanceof OutOfData) return peeked;
      throw e;
    }
  });
  const available = r.cursor.end - startBit;
  const frameBits = header.frameLength * 8;
  const complete = available >= frameBits;
  const endBit = startBit + Math.min(available, frameBits);
  node.end = fileEnd(r, endBit, startBit);
  if (!complete) node.diagnostics.push(diagnostic('error', 'mpeg-audio-frame-truncated', `the frame is ${header.frameLength} bytes but only ${Math.floor(available / 8)} remain`, start, node.end));
  if (r.recording && r.pos < endBit) node.fields.push(spanField(r, 'audio_data', r.pos, endBit, `Layer ${['I', 'II', 'III'][header.layer - 1]} audio data and ancillary data (not decoded)`));
  r.seek(Math.max(r.pos, endBit));
  return { node, header, complete };
}
