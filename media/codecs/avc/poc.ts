import type { SliceHeaderData } from './slice-header.js';

/**
 * Picture order count of each picture in decoding order (H.264 8.2.1), for presentation times
 * of raw streams, where POC is the only record of the display order.
 * Feed the first slice of every picture, in decoding order.
 */
export class PicOrderCounter {
  private prevPocMsb = 0;
  private prevPocLsb = 0;
  private prevFrameNumOffset = 0;
  private prevFrameNum = 0;
  private prevMmco5 = false;
  private prevRefBottomField = false;
  private prevRefTopPoc = 0;

  /** The picture's PicOrderCnt: Min(TopFieldOrderCnt, BottomFieldOrderCnt) of a frame, else the field's. */
  next(s: SliceHeaderData): number {
    const sps = s.sps;
    let top = 0;
    let bottom = 0;
    const frameNumOffset = this.frameNumOffset(s);
    if (sps.picOrderCntType === 0) {
      if (s.idr) {
        this.prevPocMsb = 0;
        this.prevPocLsb = 0;
      } else if (this.prevMmco5) {
        this.prevPocMsb = 0;
        this.prevPocLsb = this.prevRefBottomField ? 0 : this.prevRefTopPoc;
      }
      const max = 2 ** sps.log2MaxPicOrderCntLsb;
      const lsb = s.picOrderCntLsb;
      let msb = this.prevPocMsb;
      if (lsb < this.prevPocLsb && this.prevPocLsb - lsb >= max / 2) msb += max;
      else if (lsb > this.prevPocLsb && lsb - this.prevPocLsb > max / 2) msb -= max;
      top = msb + lsb;
      bottom = s.fieldPic ? top : top + s.deltaPicOrderCntBottom;
      if (s.nalRefIdc !== 0) {
        this.prevPocMsb = msb;
        this.prevPocLsb = lsb;
      }
    } else if (sps.picOrderCntType === 1) {
      const cycle = sps.offsetForRefFrame.length;
      let abs = cycle !== 0 ? frameNumOffset + s.frameNum : 0;
      if (s.nalRefIdc === 0 && abs > 0) abs--;
      let expected = 0;
      if (abs > 0) {
        let perCycle = 0;
        for (const o of sps.offsetForRefFrame) perCycle += o;
        const cycleCnt = Math.floor((abs - 1) / cycle);
        const inCycle = (abs - 1) % cycle;
        expected = cycleCnt * perCycle;
        for (let i = 0; i <= inCycle; i++) expected += sps.offsetForRefFrame[i]!;
      }
      if (s.nalRefIdc === 0) expected += sps.offsetForNonRefPic;
      if (!s.fieldPic) {
        top = expected + s.deltaPicOrderCnt0;
        bottom = top + sps.offsetForTopToBottomField + s.deltaPicOrderCnt1;
      } else if (!s.bottomField) {
        top = bottom = expected + s.deltaPicOrderCnt0;
      } else {
        top = bottom = expected + sps.offsetForTopToBottomField + s.deltaPicOrderCnt0;
      }
    } else {
      let temp = 0;
      if (!s.idr) temp = s.nalRefIdc === 0 ? 2 * (frameNumOffset + s.frameNum) - 1 : 2 * (frameNumOffset + s.frameNum);
      top = bottom = temp;
    }
    let poc = s.fieldPic ? (s.bottomField ? bottom : top) : Math.min(top, bottom);
    // After memory_management_control_operation 5 the picture's own counts are re-based (8.2.1).
    if (s.mmco5) {
      top -= poc;
      poc = 0;
    }
    this.prevFrameNumOffset = s.mmco5 ? 0 : frameNumOffset;
    this.prevFrameNum = s.mmco5 ? 0 : s.frameNum;
    this.prevMmco5 = s.mmco5;
    if (s.nalRefIdc !== 0) {
      this.prevRefBottomField = s.fieldPic && s.bottomField;
      this.prevRefTopPoc = top;
    }
    return poc;
  }

  /** FrameNumOffset (8-6, 8-11): grows by MaxFrameNum each time frame_num wraps. */
  private frameNumOffset(s: SliceHeaderData): number {
    if (s.idr) return 0;
    const prevOffset = this.prevMmco5 ? 0 : this.prevFrameNumOffset;
    return this.prevFrameNum > s.frameNum ? prevOffset + 2 ** s.sps.log2MaxFrameNum : prevOffset;
  }
}
