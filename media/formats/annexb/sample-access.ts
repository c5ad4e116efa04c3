/**
 * Sample access for raw Annex B H.264 (media/model/document-model.ts SampleAccess): each access unit becomes
 * a sample of 4-byte length-prefixed NAL units (every in-band unit kept: SPS, PPS, SEI, AUD ...), and
 * the avcC is built from the stream's own SPS/PPS. Parameter sets that change mid-stream start a new
 * description at the access unit that carries them. HEVC streams get no description yet.
 */
import { buildAvcC } from '../../codecs/avc/avcc-writer.js';
import { annexBUnits, lengthPrefixed } from '../../codecs/avc/nal-convert.js';
import type { AvcNalData } from '../../codecs/avc/nal-unit.js';
import type { SpsData } from '../../codecs/avc/parameter-sets.js';
import { avcDescription, sameDescription } from '../../codecs/sample-description.js';
import type { MediaDocument, SampleAccess, SampleDescription } from '../../model/document-model.js';
import type { ByteSource } from '../../source/byte-source.js';
import { ChunkWindow } from '../adts/chunked-reader.js';

const WINDOW_BYTES = 1 << 20;
const NAL_SPS = 7;
const NAL_PPS = 8;

export async function annexbSampleAccess(source: ByteSource, doc: MediaDocument): Promise<SampleAccess> {
  const p = doc.packets;
  const win = new ChunkWindow(source, WINDOW_BYTES);
  const readRange = async (offset: number, size: number): Promise<Uint8Array> => {
    const got = await win.ensure(offset, size);
    if (got < size) throw new RangeError(`${size} bytes at ${offset} run past the end of the file`);
    return win.view(offset, size);
  };
  const description = new Uint16Array(p.count);
  const descriptions: SampleDescription[] = [];
  if (doc.format === 'h264') {
    // Access units are the tree's `sample` nodes, one per packet, in order.
    const units = doc.tree.filter((n) => n.kind === 'sample');
    const sps = new Map<number, { bytes: Uint8Array; data: SpsData }>();
    const pps = new Map<number, Uint8Array>();
    for (let i = 0; i < p.count && i < units.length; i++) {
      let changed = false;
      for (const nal of units[i]!.children) {
        const data = nal.data as AvcNalData | undefined;
        if (data?.nalUnitType !== NAL_SPS && data?.nalUnitType !== NAL_PPS) continue;
        const [bytes] = annexBUnits(await readRange(nal.start, nal.end - nal.start));
        if (!bytes) continue;
        if (data.sps) {
          const old = sps.get(data.sps.id);
          if (!old || !equal(old.bytes, bytes)) changed = true;
          sps.set(data.sps.id, { bytes: bytes.slice(), data: data.sps });
        } else if (data.pps) {
          const old = pps.get(data.pps.id);
          if (!old || !equal(old, bytes)) changed = true;
          pps.set(data.pps.id, bytes.slice());
        }
      }
      if (changed && sps.size > 0 && pps.size > 0) {
        const list = [...sps.values()];
        const first = list[0]!.data;
        const avcC = buildAvcC(list.map((s) => s.bytes), [...pps.values()], first);
        const d = avcDescription({ profileIndication: first.profileIdc, profileCompatibility: first.constraintByte, levelIndication: first.levelIdc, lengthSize: 4, sps: [], pps: [], raw: avcC }, { width: first.width, height: first.height });
        const last = descriptions[descriptions.length - 1];
        if (!last || !sameDescription(last, d)) descriptions.push(d);
      }
      description[i] = Math.max(0, descriptions.length - 1);
    }
  }
  return {
    descriptions: doc.tracks.map(() => descriptions),
    description,
    duration: new Float64Array(p.count),
    async read(index) {
      return lengthPrefixed(annexBUnits(await readRange(p.offset[index]!, p.size[index]!)));
    },
  };
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
