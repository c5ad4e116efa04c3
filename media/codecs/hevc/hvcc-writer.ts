/**
 * Builds an HEVCDecoderConfigurationRecord (ISO/IEC 14496-15 8.3.3.1) from parameter sets found in a byte
 * stream (raw Annex B input), with 4-byte NAL unit lengths, as an hvcC box body. Profile, tier, level and
 * constraint flags come from the SPS's profile_tier_level, as the record requires them to match.
 */
import type { HevcSpsData } from './parameter-sets.js';

const NAL_VPS = 32;
const NAL_SPS = 33;
const NAL_PPS = 34;

export interface HvccInput {
  /** Whole NAL units (header included, emulation prevention kept), each list in the order to store. */
  vps: readonly Uint8Array[];
  sps: readonly Uint8Array[];
  pps: readonly Uint8Array[];
  /** The decoded first SPS: profile_tier_level, chroma format, bit depths, sub-layers, VUI restrictions. */
  spsData: HevcSpsData;
  /**
   * array_completeness: true when no parameter set travels in the samples ('hvc1' requires it); false when
   * the samples keep their in-band ones ('hev1').
   */
  complete: boolean;
}

export function buildHvcC({ vps, sps, pps, spsData, complete }: HvccInput): Uint8Array {
  if (sps.length === 0) throw new RangeError('an hvcC needs an SPS');
  const arrays = ([[NAL_VPS, vps], [NAL_SPS, sps], [NAL_PPS, pps]] as const).filter(([, units]) => units.length > 0);
  const size = 23 + arrays.reduce((n, [, units]) => n + 3 + units.reduce((m, u) => m + 2 + u.length, 0), 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  const u8 = (v: number): void => void (out[at++] = v & 0xff);
  const u16 = (v: number): void => {
    view.setUint16(at, v);
    at += 2;
  };
  const ptl = spsData.ptl;
  u8(1); // configurationVersion
  u8((ptl.generalProfileSpace << 6) | (ptl.generalTierFlag << 5) | ptl.generalProfileIdc);
  view.setUint32(at, ptl.generalProfileCompatibilityFlags >>> 0);
  at += 4;
  out.set(ptl.generalConstraintIndicatorFlags.subarray(0, 6), at);
  at += 6;
  u8(ptl.generalLevelIdc);
  u16(0xf000 | (spsData.minSpatialSegmentationIdc & 0x0fff)); // reserved '1111', min_spatial_segmentation_idc
  // parallelismType 0: unknown or mixed (the record may not claim slices, tiles or WPP without checking every PPS).
  u8(0xfc);
  u8(0xfc | (spsData.chromaFormatIdc & 3)); // reserved '111111', chromaFormat
  u8(0xf8 | ((spsData.bitDepthLuma - 8) & 7)); // reserved '11111', bitDepthLumaMinus8
  u8(0xf8 | ((spsData.bitDepthChroma - 8) & 7)); // reserved '11111', bitDepthChromaMinus8
  u16(0); // avgFrameRate: unspecified
  // constantFrameRate 0 (unknown), numTemporalLayers, temporalIdNested, lengthSizeMinusOne 3.
  u8((((spsData.maxSubLayersMinus1 + 1) & 7) << 3) | ((spsData.temporalIdNesting ? 1 : 0) << 2) | 3);
  u8(arrays.length); // numOfArrays
  for (const [type, units] of arrays) {
    u8((complete ? 0x80 : 0) | type); // array_completeness, reserved 0, NAL_unit_type
    u16(units.length);
    for (const unit of units) {
      u16(unit.length);
      out.set(unit, at);
      at += unit.length;
    }
  }
  return out;
}
