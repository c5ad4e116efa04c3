/**
 * Sample access for ADTS files (media/model/document-model.ts SampleAccess): each frame loses its header
 * (7 bytes, 9 with CRC) and becomes a raw AAC sample; the AudioSpecificConfig is built from the header
 * fields (ISO/IEC 14496-3 1.A.3 maps them onto it), a new one wherever the stream changes them.
 */
import type { AdtsHeader } from '../../codecs/aac/adts-header.js';
import { adtsDescription, sameDescription } from '../../codecs/sample-description.js';
import type { MediaDocument, SampleAccess, SampleDescription } from '../../model/document-model.js';
import { SampleUnreadable } from '../../model/sample-unreadable.js';
import type { ByteSource } from '../../source/byte-source.js';
import { ChunkWindow } from './chunked-reader.js';

/** `headers`: each packet's ADTS header, as the frame scan read it. */
export function adtsSampleAccess(source: ByteSource, doc: MediaDocument, headers: readonly AdtsHeader[]): SampleAccess {
  const p = doc.packets;
  const win = new ChunkWindow(source); // the same window the frame index reads with: never the whole file
  const description = new Uint16Array(p.count);
  const headerLength = new Uint8Array(p.count);
  const descriptions: SampleDescription[] = [];
  let key = -1;
  for (let i = 0; i < p.count && i < headers.length; i++) {
    const h = headers[i]!;
    headerLength[i] = h.headerLength;
    const k = (h.profileObjectType << 8) | (h.samplingFrequencyIndex << 4) | h.channelConfiguration;
    if (k !== key) {
      key = k;
      const d = adtsDescription(h);
      const found = descriptions.findIndex((e) => sameDescription(e, d));
      if (found < 0) descriptions.push(d);
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
      if (got < size) throw new SampleUnreadable(`frame ${index} runs past the end of the file`, at + got);
      return win.view(at + headerLength[index]!, size - headerLength[index]!);
    },
  };
}
