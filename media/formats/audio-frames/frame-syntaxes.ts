/** The self-framed audio syntaxes (in transport streams, and raw files), for readFramedPayload. */
import { type AdtsHeader } from '../../codecs/aac/adts-header.js';
import { type Ac3Header, peekAc3 } from '../../codecs/ac3/ac3-header.js';
import { type MpegAudioHeader, peekMpegAudio } from '../../codecs/mpeg-audio/mpeg-audio-header.js';
import { readAc3Frame } from '../ac3/ac3-frame.js';
import { readAdtsFrame } from '../adts/adts-frame.js';
import { peekAdts, strongHeaderAt } from '../adts/adts-scan.js';
import { readMpegAudioFrame } from '../mpeg-audio/mpeg-audio-frame.js';
import { type LoasHeader, peekLoas, readLoasFrame } from '../latm/loas-frame.js';
import type { FrameSyntax } from './framed-payload.js';

export const ADTS_FRAMES: FrameSyntax<AdtsHeader> = {
  plural: 'ADTS frames',
  peek: (bytes, at) => {
    const p = peekAdts(bytes, at);
    return p?.usable ? p.frameLength : 0;
  },
  resyncAt: (bytes, at) => strongHeaderAt(bytes, at) > 0,
  read: (r, index) => readAdtsFrame(r, `ADTS frame ${index}`),
};

export const AC3_SYNCFRAMES: FrameSyntax<Ac3Header> = {
  plural: 'syncframes',
  peek: (bytes, at) => peekAc3(bytes, at)?.frameLength ?? 0,
  resyncAt: (bytes, at) => peekAc3(bytes, at) !== undefined,
  read: (r, index) => {
    const frame = readAc3Frame(r, '');
    const h = frame.header;
    frame.node.title = `${h.eac3 ? 'E-AC-3' : 'AC-3'} syncframe ${index}${h.eac3 && h.strmtyp === 1 ? ' (dependent)' : ''}`;
    return frame;
  },
  // Dependent substreams extend the independent frame before them: together they are one block of time.
  joins: (h) => h.eac3 && h.strmtyp === 1,
};

export const MPEG_AUDIO_FRAMES: FrameSyntax<MpegAudioHeader> = {
  plural: 'MPEG audio frames',
  peek: (bytes, at) => peekMpegAudio(bytes, at)?.frameLength ?? 0,
  resyncAt: (bytes, at) => peekMpegAudio(bytes, at) !== undefined,
  read: (r, index) => {
    const at = r.pos / 8;
    return readMpegAudioFrame(r, `MPEG audio frame ${index}`, peekMpegAudio(r.data, at)!);
  },
};

export const LOAS_FRAMES: FrameSyntax<LoasHeader> = {
  plural: 'LOAS frames',
  peek: peekLoas,
  resyncAt: (bytes, at) => peekLoas(bytes, at) > 0,
  read: (r, index) => readLoasFrame(r, `LOAS frame ${index}`),
};
