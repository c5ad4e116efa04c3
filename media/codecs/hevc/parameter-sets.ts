import type { HevcProfileTierLevel } from '../config-data.js';

/** Decoded HEVC parameter sets, per document (VPS ids 0..15, SPS 0..15, PPS 0..63). */

export interface HevcPtlData extends HevcProfileTierLevel {
  profileName: string;
  levelName: string;
}

export interface HevcVpsData {
  id: number;
  maxSubLayersMinus1: number;
  ptl: HevcPtlData;
}

export interface HevcSpsData {
  id: number;
  vpsId: number;
  maxSubLayersMinus1: number;
  ptl: HevcPtlData;
  chromaFormatIdc: number;
  separateColourPlane: boolean;
  picWidthInLumaSamples: number;
  picHeightInLumaSamples: number;
  /** Output size after the conformance window (conf_win offsets). */
  width: number;
  height: number;
  bitDepthLuma: number;
  bitDepthChroma: number;
  log2MaxPicOrderCntLsb: number;
  /** CtbLog2SizeY, to size slice_segment_address. */
  ctbLog2Size: number;
  numShortTermRefPicSets: number;
  /** sps_temporal_id_nesting_flag. */
  temporalIdNesting: boolean;
  /** The VUI's min_spatial_segmentation_idc (0 when absent). */
  minSpatialSegmentationIdc: number;
  timeScale?: number;
  numUnitsInTick?: number;
  codec: string;
}

export interface HevcPpsData {
  id: number;
  spsId: number;
  dependentSliceSegmentsEnabled: boolean;
  outputFlagPresent: boolean;
  numExtraSliceHeaderBits: number;
}

export class HevcParameterSets {
  readonly vps = new Map<number, HevcVpsData>();
  readonly sps = new Map<number, HevcSpsData>();
  readonly pps = new Map<number, HevcPpsData>();
}
