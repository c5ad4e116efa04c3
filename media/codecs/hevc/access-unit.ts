import type { HevcNalData } from './nal-unit.js';

/** NAL unit types that open an access unit when they follow a picture's last VCL unit (H.265 7.4.2.4.4). */
function isPrefixType(t: number): boolean {
  return (t >= 32 && t <= 35) || t === 39 || (t >= 41 && t <= 44) || (t >= 48 && t <= 55);
}

/** Groups HEVC NAL units into access units; feed every unit in order. */
export class HevcAccessUnitSplitter {
  private sawVcl = false;
  private empty = true;

  starts(nal: HevcNalData): boolean {
    const t = nal.nalUnitType;
    let start = false;
    if (t === 35) start = !this.empty;
    else if (isPrefixType(t)) start = this.sawVcl;
    else if (t <= 31 && nal.slice?.firstSliceSegmentInPic) start = this.sawVcl;
    if (start) this.sawVcl = false;
    if (t <= 31) this.sawVcl = true;
    this.empty = false;
    return start;
  }
}

/** PicOrderCntVal of each picture in decoding order (H.265 8.3.1). Feed the first slice of every picture. */
export class HevcPicOrderCounter {
  private prevTid0Lsb = 0;
  private prevTid0Msb = 0;
  /** The next IRAP starts with NoRaslOutputFlag = 1 (the first picture, and after end of sequence). */
  private startOfSequence = true;

  endOfSequence(): void {
    this.startOfSequence = true;
  }

  /** Returns the POC and whether it restarted the count (an IRAP with NoRaslOutputFlag = 1). */
  next(nal: HevcNalData): { poc: number; reset: boolean } {
    const t = nal.nalUnitType;
    const slice = nal.slice;
    const irap = t >= 16 && t <= 23;
    const reset = irap && (t <= 20 || this.startOfSequence);
    if (irap) this.startOfSequence = false;
    const lsb = slice?.picOrderCntLsb ?? 0;
    const max = 2 ** (slice?.sps?.log2MaxPicOrderCntLsb ?? 16);
    let msb = 0;
    if (!reset) {
      msb = this.prevTid0Msb;
      if (lsb < this.prevTid0Lsb && this.prevTid0Lsb - lsb >= max / 2) msb += max;
      else if (lsb > this.prevTid0Lsb && lsb - this.prevTid0Lsb > max / 2) msb -= max;
    }
    // Sub-layer non-reference pictures (even types up to 14), RADL and RASL are not prevTid0Pic.
    const subLayerNonRef = t <= 14 && t % 2 === 0;
    if (nal.temporalId === 0 && !subLayerNonRef && !(t >= 6 && t <= 9)) {
      this.prevTid0Lsb = lsb;
      this.prevTid0Msb = msb;
    }
    return { poc: msb + lsb, reset };
  }
}
