import type { SliceHeaderData } from './slice-header.js';

/**
 * True when slice `cur` starts a new primary coded picture after `prev` (H.264 7.4.1.2.4).
 * first_mb_in_slice == 0 is also taken as a new picture: arbitrary slice order is rare, and
 * streams that repeat every header field across pictures still split there.
 */
export function isNewPicture(prev: SliceHeaderData, cur: SliceHeaderData): boolean {
  if (cur.redundantPicCnt > 0) return false;
  if (cur.firstMbInSlice === 0) return true;
  if (cur.frameNum !== prev.frameNum) return true;
  if (cur.ppsId !== prev.ppsId) return true;
  if (cur.fieldPic !== prev.fieldPic || cur.bottomField !== prev.bottomField) return true;
  if (cur.nalRefIdc !== prev.nalRefIdc && (cur.nalRefIdc === 0 || prev.nalRefIdc === 0)) return true;
  const type = cur.sps.picOrderCntType;
  if (type === 0 && (cur.picOrderCntLsb !== prev.picOrderCntLsb || cur.deltaPicOrderCntBottom !== prev.deltaPicOrderCntBottom)) return true;
  if (type === 1 && (cur.deltaPicOrderCnt0 !== prev.deltaPicOrderCnt0 || cur.deltaPicOrderCnt1 !== prev.deltaPicOrderCnt1)) return true;
  if (cur.idr !== prev.idr) return true;
  return cur.idr && prev.idr && cur.idrPicId !== prev.idrPicId;
}

/**
 * Groups H.264 NAL units into access units (7.4.1.2.3). Feed every NAL unit in order; `starts`
 * says whether it opens a new access unit.
 */
export class AvcAccessUnitSplitter {
  private lastSlice: SliceHeaderData | undefined;
  /** The access unit in progress holds a VCL NAL unit. */
  private sawVcl = false;
  private empty = true;

  starts(nalUnitType: number, slice?: SliceHeaderData): boolean {
    let start = false;
    if (nalUnitType === 9) {
      start = !this.empty;
    } else if (nalUnitType === 6 || nalUnitType === 7 || nalUnitType === 8 || (nalUnitType >= 14 && nalUnitType <= 18)) {
      start = this.sawVcl;
    } else if (nalUnitType >= 1 && nalUnitType <= 5) {
      if (this.sawVcl && slice && this.lastSlice) start = isNewPicture(this.lastSlice, slice);
      if (slice) this.lastSlice = slice;
    }
    if (start) this.sawVcl = false;
    if (nalUnitType >= 1 && nalUnitType <= 5) this.sawVcl = true;
    this.empty = false;
    return start;
  }
}
