/**
 * Sample access for ADTS files (media/model/document-model.ts SampleAccess): each frame loses its header
 * (7 bytes, 9 with CRC) and becomes a raw AAC sample; the AudioSpecificConfig is built from the header
 * fields (ISO/IEC 14496-3 1.A.3 maps them onto it), a new one wherever the stream changes them.
 */
import { adtsToAudioSpecificConfig, sampleRateOf } from '../../codecs/aac/adts-header.js';
import { aacDescription } from '../../codecs/sample-description.js';
import type { MediaDocument, SampleAccess, SampleDescription } from '../../model/document-model.js';
import type { ByteSource } from '../../source/byte-source.js';
import { ChunkWindow } from './chunked-reader.js';

export async function adtsSampleAccess(source: ByteSource, doc: MediaDocument): Promise<SampleAccess> {
  const p = doc.packets;
  const win = new ChunkWindow(source); // the same window the frame index reads with: never the whole file
  const description = new Uint16Array(p.count);
  const headerLength = new Uint8Array(p.count);
  const descriptions: SampleDescription[] = [];
  let key = -1;
  for (let i = 0; i < p.count; i++) {
    const at = p.offset[i]!;
    if ((await win.ensure(at, 7)) < 7) break;
    const h = win.view(at, 7);
    const protectionAbsent = h[1]! & 1;
    const profile = h[2]! >> 6;
    const sfi = (h[2]! >> 2) & 0x0f;
    const channels = ((h[2]! & 1) << 2) | (h[3]! >> 6);
    const blocks = (h[6]! & 3) + 1;
    // adts_error_check (CRC) after the fixed + variable header when protection_absent is 0 (single block).
    headerLength[i] = protectionAbsent ? 7 : blocks === 1 ? 9 : 7 + 2 * blocks;
    const k = (profile << 8) | (sfi << 4) | channels;
    if (k !== key) {
      key = k;
      const asc = adtsToAudioSpecificConfig({ audioObjectType: profile + 1, samplingFrequencyIndex: sfi, channelConfiguration: channels });
      const found = descriptions.findIndex((d) => d.config[0] === asc[0] && d.config[1] === asc[1]);
      if (found < 0) {
        const facts: { sampleRate?: number; channels?: number } = {};
        const rate = sampleRateOf(sfi);
        if (rate) facts.sampleRate = rate;
        if (channels > 0) facts.channels = channels === 7 ? 8 : channels;
        descriptions.push(aacDescription({ audioObjectType: profile + 1, samplingFrequency: rate ?? 0, channelConfiguration: channels, raw: asc }, facts));
      }
      description[i] = found < 0 ? descriptions.length - 1 : found;
    } else {
      description[i] = i > 0 ? description[i - 1]! : 0;
    }
  }
  return {
    descriptions: doc.tracks.map(() => descriptions),
    description,
    duration: new Float64Array(p.count).fill(1024),
    async read(index) {
      const at = p.offset[index]!;
      const size = p.size[index]!;
      const got = await win.ensure(at, size);
      if (got < size) throw new RangeError(`frame ${index} runs past the end of the file`);
      return win.view(at + headerLength[index]!, size - headerLength[index]!);
    },
  };
}
