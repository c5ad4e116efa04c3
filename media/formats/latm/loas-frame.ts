/**
 * AAC in LOAS/LATM (ISO/IEC 14496-3 1.7.3), as MPEG-TS stream_type 0x11 carries it: AudioSyncStream frames
 * (syncword 0x2B7, audioMuxLengthBytes), each holding one AudioMuxElement. The StreamMuxConfig is decoded up to
 * its AudioSpecificConfig and the fields after it; the payload lengths and payloads stay byte ranges.
 * A multi-program or multi-layer mux, and audioMuxVersionA 1, are shown as not decoded.
 */
import type { FieldReader } from '../../model/field-reader.js';
import { type Node, diagnostic, newNode } from '../../model/types.js';
import type { AudioConfigData } from '../../codecs/config-data.js';
import { readAudioSpecificConfig } from '../../codecs/aac/audio-specific-config.js';
import { fileByte, fileEnd, spanField } from '../adts/adts-frame.js';

const LOAS_SYNCWORD = 0x2b7;
/** Samples per channel of an AAC access unit (a 960-sample frameLengthFlag is rare in LATM). */
const AAC_FRAME_SAMPLES = 1024;

export interface LoasHeader {
  frameLength: number;
  sampleRate: number | undefined;
  samples: number;
  /** The AudioSpecificConfig of this frame's StreamMuxConfig (absent when useSameStreamMux is 1). */
  config?: AudioConfigData;
}

/** The length of the AudioSyncStream frame at `at` (header included), or 0. */
export function peekLoas(bytes: Uint8Array, at: number): number {
  if (at < 0 || at + 3 > bytes.length) return 0;
  if (bytes[at] !== 0x56 || (bytes[at + 1]! & 0xe0) !== 0xe0) return 0;
  return 3 + (((bytes[at + 1]! & 0x1f) << 8) | bytes[at + 2]!);
}

/** LatmGetValue(): bytesForValue, then that many bytes plus one. */
function latmValue(r: FieldReader, name: string): number {
  const bytes = r.u(2, `${name}.bytesForValue`) + 1;
  return r.u(bytes * 8, name);
}

export function readLoasFrame(r: FieldReader, title: string): { node: Node; header: LoasHeader; complete: boolean } {
  const startBit = r.pos;
  const start = fileByte(r, startBit);
  const node = newNode('frame', 'AudioSyncStream', start, start, title);
  const outer = r.fields;
  r.fields = node.fields;
  try {
    return readFrame(r, node, startBit, start);
  } finally {
    r.fields = outer;
  }
}

function readFrame(r: FieldReader, node: Node, startBit: number, start: number): { node: Node; header: LoasHeader; complete: boolean } {
  const syncword = r.u(11, 'syncword');
  if (syncword !== LOAS_SYNCWORD) node.diagnostics.push(diagnostic('error', 'loas-bad-syncword', `syncword is 0x${syncword.toString(16)}, not 0x2B7`, start, start + 2));
  const length = r.u(13, 'audioMuxLengthBytes', (v) => `${v} bytes of AudioMuxElement`);
  const header: LoasHeader = { frameLength: 3 + length, sampleRate: undefined, samples: AAC_FRAME_SAMPLES };
  const available = r.cursor.end - startBit;
  const complete = available >= header.frameLength * 8;
  const endBit = startBit + Math.min(available, header.frameLength * 8);
  node.end = fileEnd(r, endBit, startBit);
  if (!complete) node.diagnostics.push(diagnostic('error', 'loas-frame-truncated', `the frame is ${header.frameLength} bytes but only ${Math.floor(available / 8)} remain`, start, node.end));
  const saved = r.limit(endBit);
  try {
    r.group('AudioMuxElement', () => {
      if (!r.flag('useSameStreamMux', { 0: 'a StreamMuxConfig follows', 1: 'the previous StreamMuxConfig applies' })) readStreamMuxConfig(r, header, node);
    });
  } catch {
    node.diagnostics.push(diagnostic('error', 'latm-mux-config-truncated', 'the StreamMuxConfig runs past the end of its frame', start, node.end));
  } finally {
    r.restoreLimit(saved);
  }
  if (r.recording && r.pos < endBit) r.fields.push(spanField(r, 'PayloadLengthInfo_PayloadMux', r.pos, endBit, 'payload lengths and AAC payloads (not decoded)'));
  r.seek(endBit);
  return { node, header, complete };
}

/** StreamMuxConfig (1.7.3.1), for the first program and layer. */
function readStreamMuxConfig(r: FieldReader, header: LoasHeader, node: Node): void {
  r.group('StreamMuxConfig', () => {
    const version = r.u(1, 'audioMuxVersion');
    const versionA = version === 1 ? r.u(1, 'audioMuxVersionA') : 0;
    if (versionA === 1) return notDecoded(r, node, 'audioMuxVersionA 1 (reserved for future use)');
    if (version === 1) latmValue(r, 'taraBufferFullness');
    r.flag('allStreamsSameTimeFraming');
    r.u(6, 'numSubFrames', (v) => `${v + 1} PayloadMux per AudioMuxElement`);
    const programs = r.u(4, 'numProgram') + 1;
    const layers = r.u(3, 'numLayer') + 1;
    if (programs > 1 || layers > 1) return notDecoded(r, node, `a mux of ${programs} programs and ${layers} layers`);
    let config;
    if (version === 0) {
      config = r.group('AudioSpecificConfig', () => readAudioSpecificConfig(r, false));
    } else {
      const ascLen = latmValue(r, 'ascLen');
      const end = r.pos + ascLen;
      const saved = r.limit(Math.min(end, r.cursor.end));
      try {
        config = r.group('AudioSpecificConfig', () => readAudioSpecificConfig(r));
      } finally {
        r.restoreLimit(saved);
      }
      if (r.pos < end) r.skip(end - r.pos, 'fillBits');
    }
    node.diagnostics.push(...config.diagnostics);
    header.config = config.data;
    header.sampleRate = config.data.samplingFrequency || undefined;
    const frameLengthType = r.u(3, 'frameLengthType', { 0: 'payload length in PayloadLengthInfo' });
    if (frameLengthType !== 0) return notDecoded(r, node, `frameLengthType ${frameLengthType}`);
    r.u8('latmBufferFullness', (v) => (v === 0xff ? 'variable bit rate' : undefined));
    if (r.flag('otherDataPresent')) {
      if (version === 1) latmValue(r, 'otherDataLenBits');
      else {
        let escape = true;
        while (escape) {
          escape = r.flag('otherDataLenEsc');
          r.u8('otherDataLenTmp');
        }
      }
    }
    if (r.flag('crcCheckPresent')) r.u8('crcCheckSum');
  });
}

function notDecoded(r: FieldReader, node: Node, what: string): void {
  const at = fileByte(r, r.pos);
  node.diagnostics.push(diagnostic('info', 'latm-config-not-decoded', `${what}: the rest of the StreamMuxConfig is not decoded`, at, at + 1));
}
