/**
 * Sample access for raw Annex B H.264 and HEVC (media/model/document-model.ts SampleAccess): each access unit
 * becomes a sample of 4-byte length-prefixed NAL units (every in-band unit kept: parameter sets, SEI, AUD ...),
 * and the avcC / hvcC is built from the stream's own parameter sets. Parameter sets that change mid-stream
 * start a new description at the access unit that carries them.
 */
import { annexBUnits, lengthPrefixed } from '../../codecs/avc/nal-convert.js';
import { InBandParameterSets } from '../../codecs/in-band-parameter-sets.js';
import { sameDescription } from '../../codecs/sample-description.js';
import type { MediaDocument, SampleAccess, SampleDescription } from '../../model/document-model.js';
import { SampleUnreadable } from '../../model/sample-unreadable.js';
import type { ByteSource } from '../../source/byte-source.js';
import { ChunkWindow } from '../adts/chunked-reader.js';

const WINDOW_BYTES = 1 << 20;

export async function annexbSampleAccess(source: ByteSource, doc: MediaDocument): Promise<SampleAccess> {
  const p = doc.packets;
  const win = new ChunkWindow(source, WINDOW_BYTES);
  const readRange = async (offset: number, size: number): Promise<Uint8Array> => {
    const got = await win.ensure(offset, size);
    if (got < size) throw new SampleUnreadable(`${size} bytes at ${offset} run past the end of the file`, offset + got);
    return win.view(offset, size);
  };
  const description = new Uint16Array(p.count);
  const descriptions: SampleDescription[] = [];
  // Parameter sets are a few bytes each: read on their own, not through the window (which would read the file again).
  const readExact = (offset: number, size: number): Promise<Uint8Array> => source.read(offset, size);
  if (doc.format === 'h264' || doc.format === 'hevc') await describeAccessUnits(doc, new InBandParameterSets(doc.format), readExact, description, descriptions);
  return {
    descriptions: doc.tracks.map(() => descriptions),
    description,
    duration: new Float64Array(p.count),
    async read(index) {
      return lengthPrefixed(annexBUnits(await readRange(p.offset[index]!, p.size[index]!)));
    },
  };
}

/**
 * Walks the access units (the tree's `sample` nodes, one per packet, in order), keeping their parameter sets;
 * a new or changed one starts a new description once every kind has one.
 */
async function describeAccessUnits(
  doc: MediaDocument,
  sets: InBandParameterSets,
  readRange: (offset: number, size: number) => Promise<Uint8Array>,
  description: Uint16Array,
  descriptions: SampleDescription[],
): Promise<void> {
  const units = doc.tree.filter((n) => n.kind === 'sample');
  for (let i = 0; i < doc.packets.count && i < units.length; i++) {
    let changed = false;
    for (const nal of units[i]!.children) {
      if (!sets.isParameterSet(nal)) continue;
      const [bytes] = annexBUnits(await readRange(nal.start, nal.end - nal.start));
      if (bytes && sets.note(nal, bytes)) changed = true;
    }
    const d = changed ? sets.description() : undefined;
    if (d) {
      const last = descriptions[descriptions.length - 1];
      if (!last || !sameDescription(last, d)) descriptions.push(d);
    }
    description[i] = Math.max(0, descriptions.length - 1);
  }
}
