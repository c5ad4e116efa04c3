import { describe, expect, it } from 'vitest';
import { AvcAccessUnitSplitter, isNewPicture } from '../../../../media/codecs/avc/access-unit.js';
import { readAvcNalUnit } from '../../../../media/codecs/avc/nal-unit.js';
import type { PpsData, SpsData } from '../../../../media/codecs/avc/parameter-sets.js';
import { AvcParameterSets } from '../../../../media/codecs/avc/parameter-sets.js';
import { PicOrderCounter } from '../../../../media/codecs/avc/poc.js';
import type { SliceHeaderData } from '../../../../media/codecs/avc/slice-header.js';
import { ANNOTATE } from '../../../../media/model/types.js';

const baseSps = { log2MaxFrameNum: 4, log2MaxPicOrderCntLsb: 6, offsetForRefFrame: [], offsetForNonRefPic: 0, offsetForTopToBottomField: 0, deltaPicOrderAlwaysZero: false } as unknown as SpsData;

function slice(over: Partial<SliceHeaderData> & { poc?: number; type?: number }): SliceHeaderData {
  const sps = { ...baseSps, picOrderCntType: over.type ?? 0, ...(over.sps ?? {}) } as SpsData;
  return {
    nalUnitType: over.idr ? 5 : 1, nalRefIdc: 1, idr: false, firstMbInSlice: 0, sliceType: 0, ppsId: 0, frameNum: 0,
    fieldPic: false, bottomField: false, idrPicId: 0, picOrderCntLsb: 0, deltaPicOrderCntBottom: 0, deltaPicOrderCnt0: 0,
    deltaPicOrderCnt1: 0, redundantPicCnt: 0, mmco5: false, pps: {} as PpsData, ...over, sps,
  };
}

describe('PicOrderCounter', () => {
  it('type 0: carries the MSB across an lsb wrap', () => {
    const c = new PicOrderCounter();
    // MaxPicOrderCntLsb = 64: a step of half of it or more is a wrap.
    expect(c.next(slice({ idr: true, picOrderCntLsb: 0 }))).toBe(0);
    expect(c.next(slice({ frameNum: 1, picOrderCntLsb: 30 }))).toBe(30);
    expect(c.next(slice({ frameNum: 2, picOrderCntLsb: 60 }))).toBe(60);
    expect(c.next(slice({ frameNum: 3, picOrderCntLsb: 4 }))).toBe(68);
    expect(c.next(slice({ frameNum: 4, picOrderCntLsb: 2, nalRefIdc: 0 }))).toBe(66);
    // From 0, lsb 60 reads as a step back (-4), as 8.2.1.1 says.
    const d = new PicOrderCounter();
    d.next(slice({ idr: true }));
    expect(d.next(slice({ frameNum: 1, picOrderCntLsb: 60 }))).toBe(-4);
  });

  it('type 2: twice the frame number, minus one for non-reference pictures, across frame_num wraps', () => {
    const c = new PicOrderCounter();
    expect(c.next(slice({ type: 2, idr: true }))).toBe(0);
    const got = [];
    for (let n = 1; n < 20; n++) got.push(c.next(slice({ type: 2, frameNum: n % 16 })));
    expect(got).toEqual(Array.from({ length: 19 }, (_, i) => 2 * (i + 1)));
    expect(c.next(slice({ type: 2, frameNum: 4, nalRefIdc: 0 }))).toBe(2 * 20 - 1);
  });

  it('type 1: expected deltas per cycle of reference frames', () => {
    const sps = { offsetForRefFrame: [2, 4], offsetForNonRefPic: -3 } as Partial<SpsData> as SpsData;
    const c = new PicOrderCounter();
    expect(c.next(slice({ type: 1, idr: true, sps }))).toBe(0);
    expect(c.next(slice({ type: 1, frameNum: 1, sps }))).toBe(2); // abs 1: cycle 0, offsets[0]
    expect(c.next(slice({ type: 1, frameNum: 2, sps }))).toBe(6); // abs 2: offsets[0] + [1]
    expect(c.next(slice({ type: 1, frameNum: 3, sps }))).toBe(8); // abs 3: one cycle (6) + offsets[0]
    // A non-reference picture counts one frame less (abs 2: offsets[0] + [1]) plus offset_for_non_ref_pic.
    expect(c.next(slice({ type: 1, frameNum: 3, nalRefIdc: 0, sps }))).toBe(2 + 4 - 3);
  });
});

describe('access units', () => {
  it('splits on a new picture by the 7.4.1.2.4 rules', () => {
    const a = slice({ frameNum: 1, picOrderCntLsb: 2, firstMbInSlice: 0 });
    expect(isNewPicture(a, { ...a, firstMbInSlice: 40 })).toBe(false);
    expect(isNewPicture(a, { ...a, firstMbInSlice: 40, frameNum: 2 })).toBe(true);
    expect(isNewPicture(a, { ...a, firstMbInSlice: 40, picOrderCntLsb: 4 })).toBe(true);
    expect(isNewPicture(a, { ...a, firstMbInSlice: 40, nalRefIdc: 0 })).toBe(true);
    expect(isNewPicture(a, { ...a, firstMbInSlice: 0, redundantPicCnt: 1 })).toBe(false);
  });

  it('starts an access unit at AUD, SPS, PPS, SEI after a picture, and at a new picture', () => {
    const s = new AvcAccessUnitSplitter();
    const p1 = slice({ frameNum: 1 });
    const p1b = { ...p1, firstMbInSlice: 50 };
    const p2 = slice({ frameNum: 2 });
    expect([s.starts(9), s.starts(7), s.starts(8), s.starts(6), s.starts(1, p1), s.starts(1, p1b), s.starts(12), s.starts(1, p2), s.starts(6), s.starts(1, p1)]).toEqual([
      false, false, false, false, false, false, false, true, true, false,
    ]);
  });
});

describe('slice headers', () => {
  it('report an unknown PPS and keep what was read', () => {
    const nal = readAvcNalUnit(Uint8Array.of(
      0x65, // IDR, nal_ref_idc 3
      0b1100_1111, // first_mb_in_slice '1' = 0, slice_type '1' = 0 (P), pic_parameter_set_id '00111' = 6, then a 1 bit
      0x80,
    ), 0, ANNOTATE, new AvcParameterSets());
    expect(nal.diagnostics.map((d) => d.code)).toEqual(['unknown-parameter-set']);
    expect(nal.fields.find((f) => f.name === 'pic_parameter_set_id')?.value).toBe(6);
    expect(nal.fields.map((f) => f.name)).toEqual(['forbidden_zero_bit', 'nal_ref_idc', 'nal_unit_type', 'first_mb_in_slice', 'slice_type', 'pic_parameter_set_id']);
  });
});
