// buildHvcC against the hvcC ffmpeg wrote into hevc.mp4 (x265's stream): from the record's own VPS, SPS and
// PPS, the same header bytes and the same parameter-set arrays (the record's fourth array, a prefix SEI, aside).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildHvcC } from '../../../../media/codecs/hevc/hvcc-writer.js';
import { type HevcNalData, readHevcNalUnit } from '../../../../media/codecs/hevc/nal-unit.js';
import { HevcParameterSets } from '../../../../media/codecs/hevc/parameter-sets.js';
import type { HevcConfigData } from '../../../../media/codecs/config-data.js';
import { openIsoBmff } from '../../../../media/formats/isobmff/iso-bmff-format.js';
import { BULK } from '../../../../media/model/types.js';
import { MemorySource } from '../../../../media/source/memory-source.js';
import { fixture } from '../../../helpers/fixtures.js';

async function recordOfHevcMp4(): Promise<{ raw: Uint8Array; arrays: HevcConfigData['arrays'] }> {
  const doc = await openIsoBmff(new MemorySource(new Uint8Array(readFileSync(fixture('hevc.mp4')))), BULK);
  const find = (nodes: typeof doc.tree): HevcConfigData | undefined => {
    for (const n of nodes) {
      if (n.name === 'hvcC') return n.data as HevcConfigData;
      const inner = find(n.children);
      if (inner) return inner;
    }
    return undefined;
  };
  const record = find(doc.tree)!;
  return { raw: record.raw, arrays: record.arrays };
}

describe('buildHvcC', () => {
  it("rebuilds the header and parameter-set arrays of the hvcC ffmpeg wrote for x265's stream", async () => {
    const { raw, arrays } = await recordOfHevcMp4();
    const units = (type: number): Uint8Array[] => arrays.find((a) => a.nalUnitType === type)?.nalus ?? [];
    const store = new HevcParameterSets();
    for (const u of [...units(32), ...units(33)]) readHevcNalUnit(u, 0, BULK, store);
    const sps = (readHevcNalUnit(units(33)[0]!, 0, BULK, store).data as HevcNalData).sps!;
    const built = buildHvcC({ vps: units(32), sps: units(33), pps: units(34), spsData: sps, complete: true });
    expect([...built.subarray(0, 22)]).toEqual([...raw.subarray(0, 22)]);
    // numOfArrays: 3 here, 4 in ffmpeg's record (its prefix SEI); the three arrays that follow are byte for byte the same.
    expect(built[22]).toBe(3);
    expect(raw[22]).toBe(4);
    expect([...built.subarray(23)]).toEqual([...raw.subarray(23, 23 + built.length - 23)]);
  });

  it('marks the arrays incomplete for hev1 (parameter sets also in the samples) and refuses a record without an SPS', async () => {
    const { arrays } = await recordOfHevcMp4();
    const units = (type: number): Uint8Array[] => arrays.find((a) => a.nalUnitType === type)?.nalus ?? [];
    const store = new HevcParameterSets();
    const sps = (readHevcNalUnit(units(33)[0]!, 0, BULK, store).data as HevcNalData).sps!;
    const built = buildHvcC({ vps: units(32), sps: units(33), pps: units(34), spsData: sps, complete: false });
    expect(built[23]! & 0x80).toBe(0);
    expect(built[23]! & 0x3f).toBe(32);
    expect(() => buildHvcC({ vps: [], sps: [], pps: [], spsData: sps, complete: true })).toThrow(/needs an SPS/);
  });
});
