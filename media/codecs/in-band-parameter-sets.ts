/**
 * Parameter sets found in band (raw Annex B streams, MPEG-TS PES payloads), kept by kind and id, and the
 * MP4 sample description they make: an avcC (H.264) or an hvcC for 'hev1' (HEVC; the samples keep their
 * own parameter sets, so the record's arrays are not complete).
 */
import type { Node } from '../model/types.js';
import type { SampleDescription } from '../model/document-model.js';
import { buildAvcC } from './avc/avcc-writer.js';
import type { AvcNalData } from './avc/nal-unit.js';
import type { SpsData } from './avc/parameter-sets.js';
import { buildHvcC } from './hevc/hvcc-writer.js';
import type { HevcNalData } from './hevc/nal-unit.js';
import type { HevcSpsData } from './hevc/parameter-sets.js';
import { avcDescription, hevcDescription } from './sample-description.js';

/** What one codec's parameter sets are, and how they become a sample description. */
interface Kinds<S> {
  /** The parameter set a decoded NAL unit carries: its kind (an index into the lists), its id, the SPS if it is one. */
  identify(nal: Node): { kind: number; id: number; sps?: S } | undefined;
  count: number;
  /** The kind whose first entry decodes the stream's facts (the SPS). */
  spsKind: number;
  describe(lists: Uint8Array[][], sps: S): SampleDescription;
}

const AVC: Kinds<SpsData> = {
  count: 2,
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

const HEVC: Kinds<HevcSpsData> = {
  count: 3,
  spsKind: 1,
  identify(nal) {
    const data = nal.data as HevcNalData | undefined;
    if (data?.vps) return { kind: 0, id: data.vps.id };
    if (data?.sps) return { kind: 1, id: data.sps.id, sps: data.sps };
    if (data?.pps) return { kind: 2, id: data.pps.id };
    return undefined;
  },
  describe([vps, sps, pps], first) {
    const raw = buildHvcC({ vps: vps!, sps: sps!, pps: pps!, spsData: first, complete: false });
    const arrays = [32, 33, 34].map((nalUnitType, k) => ({ nalUnitType, nalus: [vps!, sps!, pps!][k]! })).filter((a) => a.nalus.length > 0);
    return hevcDescription({ ...first.ptl, lengthSize: 4, arrays, raw }, { width: first.width, height: first.height }, 'hev1');
  },
};

export class InBandParameterSets {
  private readonly kinds: Kinds<unknown>;
  private readonly sets: Map<number, Uint8Array>[];
  private readonly spsData = new Map<number, unknown>();

  constructor(codec: 'h264' | 'hevc') {
    this.kinds = (codec === 'hevc' ? HEVC : AVC) as Kinds<unknown>;
    this.sets = Array.from({ length: this.kinds.count }, () => new Map<number, Uint8Array>());
  }

  /** Whether a decoded NAL unit is a parameter set (before its bytes are fetched for `note`). */
  isParameterSet(nal: Node): boolean {
    return this.kinds.identify(nal) !== undefined;
  }

  /**
   * Keeps the parameter set a decoded NAL unit carries (`bytes`: the unit from its header on, copied here).
   * True when it is new or differs from the one of the same kind and id kept before.
   */
  note(nal: Node, bytes: Uint8Array): boolean {
    const found = this.kinds.identify(nal);
    if (!found) return false;
    const map = this.sets[found.kind]!;
    const old = map.get(found.id);
    if (found.sps !== undefined) this.spsData.set(found.id, found.sps);
    if (old && equal(old, bytes)) return false;
    map.set(found.id, bytes.slice());
    return true;
  }

  /** The sample description of the sets kept so far; undefined until every kind has one. */
  description(): SampleDescription | undefined {
    if (!this.sets.every((m) => m.size > 0)) return undefined;
    const first = this.spsData.get([...this.sets[this.kinds.spsKind]!.keys()][0]!);
    return first === undefined ? undefined : this.kinds.describe(this.sets.map((m) => [...m.values()]), first);
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
