/**
 * One AC-3 or E-AC-3 syncframe (A/52 5.3 / E.1.2) as a node: syncinfo and bsi decoded, the audio blocks and
 * auxiliary data as one byte range, then the error check, verified. The reader may map around MPEG-TS packet
 * headers, so positions come from the reader's map.
 */
import type { FieldReader } from '../../model/field-reader.js';
import { type Node, diagnostic } from '../../model/types.js';
import { type Ac3Header, peekAc3, readAc3Header } from '../../codecs/ac3/ac3-header.js';
import { OutOfData } from '../../bits/errors.js';
import { crc16Ac3 } from '../../codecs/ac3/crc16.js';
import { fileEnd, spanField, startFrame } from '../adts/adts-frame.js';

export interface Ac3Frame {
  node: Node;
  header: Ac3Header;
  /** False when the data ends before the syncframe does. */
  complete: boolean;
}

/** A syncframe too short to say anything of itself. */
const TRUNCATED: Ac3Header = { eac3: false, bsid: 0, strmtyp: 0, substreamid: 0, frameLength: 0, sampleRate: undefined, blocks: 0, samples: 0, acmod: 0, lfeon: false, channels: 0 };

/** Reads the syncframe at the reader's (byte-aligned) position, up to the reader's limit. */
export function readAc3Frame(r: FieldReader, title: string): Ac3Frame {
  const { node, headerNode, startBit, start, header } = startFrame(r, 'syncframe', title, 'syncinfo_bsi', 'syncinfo() and bsi()', (out) => {
    try {
      return readAc3Header(r, out);
    } catch (e) {
      if (e instanceof OutOfData) return undefined;
      throw e;
    }
  });
  if (!header) {
    // The bytes end inside bsi(): what the first bytes promise stands in for the header.
    const end = fileEnd(r, r.cursor.end, startBit);
    node.end = headerNode.end = end;
    node.diagnostics.push(diagnostic('error', 'ac3-frame-truncated', 'the syncframe ends inside its bsi()', start, end));
    return { node, header: peekAc3(r.data, startBit / 8) ?? TRUNCATED, complete: false };
  }
  const available = r.cursor.end - startBit;
  const frameBits = header.frameLength * 8;
  const complete = available >= frameBits;
  const endBit = startBit + Math.min(available, Math.max(frameBits, r.pos - startBit));
  node.end = fileEnd(r, endBit, startBit);
  if (!complete) {
    node.diagnostics.push(diagnostic('error', 'ac3-frame-truncated', `the syncframe is ${header.frameLength} bytes but only ${Math.floor(available / 8)} remain`, start, node.end));
    return { node, header, complete };
  }
  // errorcheck(): crcrsv and crc2 are the syncframe's last 17 bits.
  const checkBit = endBit - 17;
  if (r.pos > checkBit) {
    node.diagnostics.push(diagnostic('error', 'ac3-bsi-overruns-frame', 'bsi() runs past the end of its syncframe', start, node.end));
    r.seek(endBit);
    return { node, header, complete };
  }
  if (r.recording && r.pos < checkBit) node.fields.push(spanField(r, 'audblk_auxdata', r.pos, checkBit, `${header.blocks} audio block${header.blocks === 1 ? '' : 's'} and auxiliary data (not decoded)`));
  r.seek(checkBit);
  const fields = r.fields;
  r.fields = node.fields;
  r.flag('crcrsv');
  r.u16('crc2');
  r.fields = fields;
  const frameStart = startBit / 8;
  if (crc16Ac3(r.data, frameStart + 2, frameStart + header.frameLength) !== 0) {
    node.diagnostics.push(diagnostic('error', 'ac3-crc-mismatch', 'the syncframe fails its CRC (crc2): its bytes are damaged', start, node.end));
  }
  return { node, header, complete };
}
