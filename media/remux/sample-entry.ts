/**
 * Sample entries for stsd (ISO/IEC 14496-12 12.1.3 VisualSampleEntry, 12.2.3 AudioSampleEntry) with the
 * codec configuration box the description carries: avcC / hvcC (ISO/IEC 14496-15) or esds (ISO/IEC 14496-14).
 * The configuration bytes are copied as the source had them.
 */
import type { SampleDescription } from '../model/document-model.js';
import type { ByteWriter } from './byte-writer.js';
import { concatBytes as concat } from '../bits/concat-bytes.js';

const VISUAL_CONFIG_BOX: Readonly<Record<string, string>> = { avc1: 'avcC', avc3: 'avcC', hvc1: 'hvcC', hev1: 'hvcC' };

/** Whether the writer can make a sample entry for this description. */
export function supportedDescription(d: SampleDescription): boolean {
  return d.format in VISUAL_CONFIG_BOX || d.format === 'mp4a';
}

export function writeSampleEntry(w: ByteWriter, d: SampleDescription): void {
  const configBox = VISUAL_CONFIG_BOX[d.format];
  if (configBox) {
    w.box(d.format, () => {
      w.zeros(6).u16(1); // reserved, data_reference_index = 1
      w.u16(0).u16(0).zeros(12); // pre_defined, reserved, pre_defined[3]
      w.u16(d.width ?? 0).u16(d.height ?? 0);
      w.u32(0x00480000).u32(0x00480000); // horizresolution, vertresolution = 72 dpi
      w.u32(0).u16(1); // reserved, frame_count = 1
      w.zeros(32); // compressorname (empty Pascal string)
      w.u16(0x0018).u16(0xffff); // depth = 24, pre_defined = -1
      w.box(configBox, () => w.bytes(d.config));
    });
    return;
  }
  if (d.format === 'mp4a') {
    w.box('mp4a', () => {
      w.zeros(6).u16(1); // reserved, data_reference_index = 1
      w.zeros(8); // reserved[2]
      w.u16(d.channels && d.channels <= 2 ? d.channels : 2).u16(16); // channelcount, samplesize
      w.u16(0).u16(0); // pre_defined, reserved
      // samplerate is 16.16; rates above 65535 Hz do not fit (the AudioSpecificConfig is the truth).
      const rate = d.sampleRate ?? 0;
      w.u32(rate > 0 && rate < 0x10000 ? rate * 0x10000 : 0);
      writeEsds(w, d.config);
    });
    return;
  }
  throw new RangeError(`no sample entry for '${d.format}'`);
}

/** A descriptor (ISO/IEC 14496-1 8.3.3): tag, expandable size (7 bits a byte, high bit = more), body. */
function descriptor(tag: number, body: Uint8Array): Uint8Array {
  const groups: number[] = [];
  let n = body.length;
  do {
    groups.unshift(n & 0x7f);
    n >>>= 7;
  } while (n > 0);
  const out = new Uint8Array(1 + groups.length + body.length);
  out[0] = tag;
  groups.forEach((g, i) => (out[1 + i] = i < groups.length - 1 ? g | 0x80 : g));
  out.set(body, 1 + groups.length);
  return out;
}


/** esds: ES_Descriptor > DecoderConfigDescriptor (MPEG-4 audio) > DecoderSpecificInfo (the ASC as given), SLConfigDescriptor. */
export function writeEsds(w: ByteWriter, asc: Uint8Array): void {
  const decoderConfig = descriptor(
    0x04, // DecoderConfigDescrTag
    concat(
      new Uint8Array([
        0x40, // objectTypeIndication = MPEG-4 Audio (ISO/IEC 14496-3)
        (0x05 << 2) | 1, // streamType = AudioStream (5), upStream = 0, reserved = 1
        0, 0, 0, // bufferSizeDB (unknown)
        0, 0, 0, 0, // maxBitrate
        0, 0, 0, 0, // avgBitrate
      ]),
      descriptor(0x05, asc), // DecSpecificInfoTag: the AudioSpecificConfig
    ),
  );
  const slConfig = descriptor(0x06, new Uint8Array([2])); // SLConfigDescrTag, predefined = 2 (MP4 files)
  // ES_ID = 0, streamDependenceFlag = URL_Flag = OCRstreamFlag = 0, streamPriority = 0
  const es = descriptor(0x03, concat(new Uint8Array([0, 0, 0]), decoderConfig, slConfig));
  w.fullBox('esds', 0, 0, () => w.bytes(es));
}
