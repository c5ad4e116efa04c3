/**
 * One MPEG-1/2 audio frame (ISO/IEC 11172-3 2.4.1.2) as a node: the header and its CRC decoded, the audio data
 * (with any ancillary data) as one byte range. The reader may map around MPEG-TS packet headers.
 */
import type { FieldReader } from '../../model/field-reader.js';
import { type Node, diagnostic, newNode } from '../../model/types.js';
import { type MpegAudioHeader, readMpegAudioHeader } from '../../codecs/mpeg-audio/mpeg-audio-header.js';
import { fileByte, fileEnd, spanField } from '../adts/adts-frame.js';
import { OutOfData } from '../../bits/errors.js';

export interface MpegAudioFrame {
  node: Node;
  header: MpegAudioHeader;
  complete: boolean;
}

/** Reads the frame at the reader's (byte-aligned) position; the caller has seen a usable header there. */
export function readMpegAudioFrame(r: FieldReader, title: string, peeked: MpegAudioHeader): MpegAudioFrame {
  const startBit = r.pos;
  const start = fileByte(r, startBit);
  const node = newNode('frame', 'frame', start, start, title);
  const headerNode = newNode('header', 'header', start, start, 'header() and crc_check');
  node.children.push(headerNode);
  const outer = r.fields;
  r.fields = headerNode.fields;
  let header = peeked;
  try {
    header = readMpegAudioHeader(r, headerNode.diagnostics) ?? peeked;
  } catch (e) {
    if (!(e instanceof OutOfData)) throw e;
    // The bytes end inside the CRC: the header's facts stand, the frame is cut.
  } finally {
    r.fields = outer;
  }
  headerNode.end = fileEnd(r, r.pos, startBit);
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
