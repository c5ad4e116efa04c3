/**
 * Sample access for raw Annex B H.264 and HEVC (media/model/document-model.ts SampleAccess): each access unit
 * becomes a sample of 4-byte length-prefixed NAL units (every in-band unit kept: parameter sets, SEI, AUD ...),
 * and the avcC / hvcC is built from the stream's own parameter sets. Parameter sets that change mid-stream
 * start a new description at the access unit that carries them.
 */
import { buildAvcC } from '../../codecs/avc/avcc-writer.js';
import { annexBUnits, lengthPrefixed } from '../../codecs/avc/nal-convert.js';
import type { AvcNalData } from '../../codecs/avc/nal-unit.js';
import type { SpsData } from '../../codecs/avc/parameter-sets.js';
import { buildHvcC } from '../../codecs/hevc/hvcc-writer.js';
import type { HevcNalData } from '../../codecs/hevc/nal-unit.js';
import type { HevcSpsData } from '../../codecs/hevc/parameter-sets.js';
import { avcDescription, hevcDescription, sameDescription } from '../../codecs/sample-description.js';
import type { MediaDocument, SampleAccess, SampleDescription } from '../../model/document-model.js';
import type { Node } from '../../model/types.js';
import type { ByteSource } from '../../source/byte-source.js';
import { ChunkWindow } from '../adts/chunked-reader.js';

const WINDOW_BYTES = 1 << 20;

/** What one codec's parameter sets are, and how they become a sample description. */
interface ParameterSetKinds<S> {
  /** The parameter set a NAL unit carries: its kind (an index into the lists), its id, the decoded SPS if it is one. */
  identify(nal: Node): { kind: number; id: number; sps?: S } | undefined;
  kinds: number;
  /** The kind whose first entry decodes the stream's facts (the SPS). */
  spsKind: number;
  describe(lists: Uint8Array[][], sps: S): SampleDescription;
}

const AVC: ParameterSetKinds<SpsData> = {
  kinds: 2,
  spsKind: 0,
  identify(nal) {
    const data = nal.data as AvcNalData | undefined;
    if (data?.sps) return { kind: 0, id: data.sps.id, sps: data.sps };
    if (data?.pps) return { kind: 1, id: data.pps.id };
    return undefined;
  },
  describe([sps, pps], first) {
    const avcC = buildAvcC(sps!, pps!, first);
    return avcDescription({ profileIndication: first.profileIdc, profileCompatibility: first.constraintByte, levelIndication: first.levelIdc, lengthSize: 4, sps: [], pps: [], raw: avcC }, { width: first.width, height: first.height });
  },
};

const HEVC: ParameterSetKinds<HevcSpsData> = {
  kinds: 3,
  spsKind: 1,
  identify(nal) {
    const data = nal.data as HevcNalData | undefined;
    if (data?.vps) return { kind: 0, id: data.vps.id };
    if (data?.sps) return { kind: 1, id: data.sps.id, sps: data.sps };
    if (data?.pps) return { kind: 2, id: data.pps.id };
    return undefined;
  },
  describe([vps, sps, pps], first) {
    // 'hev1': the samples keep their in-band parameter sets, so the arrays are not complete.
    const raw = buildHvcC({ vps: vps!, sps: sps!, pps: pps!, spsData: first, complete: false });
    const arrays = [32, 33, 34].map((nalUnitType, k) => ({ nalUnitType, nalus: [vps!, sps!, pps!][k]! })).filter((a) => a.nalus.length > 0);
    return hevcDescription({ ...first.ptl, lengthSize: 4, arrays, raw }, { width: first.width, height: first.height }, 'hev1');
  },
};

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
  const kinds = doc.format === 'hevc' ? HEVC : doc.format === 'h264' ? AVC : undefined;
  if (kinds) await describeAccessUnits(doc, kinds as ParameterSetKinds<unknown>, readRange, description, descriptions);
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
 * Walks the access units (the tree's `sample` nodes, one per packet, in order), collecting parameter sets by
 * kind and id; a new or changed one starts a new description once every kind has one.
 */
async function describeAccessUnits<S>(
  doc: MediaDocument,
  kinds: ParameterSetKinds<S>,
  readRange: (offset: number, size: number) => Promise<Uint8Array>,
  description: Uint16Array,
  descriptions: SampleDescription[],
): Promise<void> {
  const units = doc.tree.filter((n) => n.kind === 'sample');
  const sets = Array.from({ length: kinds.kinds }, () => new Map<number, Uint8Array>());
  const spsData = new Map<number, S>();
  for (let i = 0; i < doc.packets.count && i < units.length; i++) {
    let changed = false;
    for (const nal of units[i]!.children) {
      const found = kinds.identify(nal);
      if (!found) continue;
      const [bytes] = annexBUnits(await readRange(nal.start, nal.end - nal.start));
      if (!bytes) continue;
      const map = sets[found.kind]!;
      const old = map.get(found.id);
      if (!old || !equal(old, bytes)) changed = true;
      map.set(found.id, bytes.slice());
      if (found.sps !== undefined) spsData.set(found.id, found.sps);
    }
    if (changed && sets.every((m) => m.size > 0)) {
      const first = spsData.get([...sets[kinds.spsKind]!.keys()][0]!);
      if (first !== undefined) {
        const d = kinds.describe(sets.map((m) => [...m.values()]), first);
        const last = descriptions[descriptions.length - 1];
        if (!last || !sameDescription(last, d)) descriptions.push(d);
      }
    }
    description[i] = Math.max(0, descriptions.length - 1);
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
