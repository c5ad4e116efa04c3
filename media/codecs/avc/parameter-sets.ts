/** Decoded H.264 parameter sets, kept per document so later NAL units (PPS, SEI, slices) can be read. */

export interface HrdData {
  cpbCntMinus1: number;
  initialCpbRemovalDelayLength: number;
  cpbRemovalDelayLength: number;
  dpbOutputDelayLength: number;
  timeOffsetLength: number;
}

export interface VuiData {
  sarWidth: number;
  sarHeight: number;
  numUnitsInTick?: number;
  timeScale?: number;
  fixedFrameRate?: boolean;
  nalHrd?: HrdData;
  vclHrd?: HrdData;
  picStructPresent: boolean;
  maxNumReorderFrames?: number;
  maxDecFrameBuffering?: number;
}

export interface SpsData {
  profileIdc: number;
  /** constraint_set0..5_flag and reserved_zero_2bits as the byte avcC and codec strings carry. */
  constraintByte: number;
  levelIdc: number;
  id: number;
  chromaFormatIdc: number;
  separateColourPlane: boolean;
  /** ChromaArrayType (7.4.2.1.1). */
  chromaArrayType: number;
  bitDepthLuma: number;
  bitDepthChroma: number;
  log2MaxFrameNum: number;
  picOrderCntType: number;
  log2MaxPicOrderCntLsb: number;
  deltaPicOrderAlwaysZero: boolean;
  offsetForNonRefPic: number;
  offsetForTopToBottomField: number;
  offsetForRefFrame: number[];
  maxNumRefFrames: number;
  frameMbsOnly: boolean;
  picWidthInMbs: number;
  picHeightInMapUnits: number;
  width: number;
  height: number;
  vui?: VuiData;
  profileName: string;
  levelName: string;
  /** RFC 6381 codec string, `avc1.4D400D`. */
  codec: string;
}

export interface PpsData {
  id: number;
  spsId: number;
  entropyCodingMode: boolean;
  bottomFieldPicOrderInFramePresent: boolean;
  numSliceGroupsMinus1: number;
  sliceGroupMapType: number;
  sliceGroupChangeRateMinus1: number;
  numRefIdxL0DefaultActiveMinus1: number;
  numRefIdxL1DefaultActiveMinus1: number;
  weightedPred: boolean;
  weightedBipredIdc: number;
  deblockingFilterControlPresent: boolean;
  redundantPicCntPresent: boolean;
  transform8x8Mode: boolean;
}

/** The parameter sets seen so far in one document (H.264 7.4.1.2.1: ids 0..31 for SPS, 0..255 for PPS). */
export class AvcParameterSets {
  readonly sps = new Map<number, SpsData>();
  readonly pps = new Map<number, PpsData>();
  /** The SPS of the last slice read (SEI pic_timing refers to it), else the last SPS read. */
  active?: SpsData;

  addSps(sps: SpsData): void {
    this.sps.set(sps.id, sps);
    if (this.active === undefined || this.active.id === sps.id) this.active = sps;
  }

  addPps(pps: PpsData): void {
    this.pps.set(pps.id, pps);
  }
}
