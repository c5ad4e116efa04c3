/**
 * Builds an AVCDecoderConfigurationRecord (ISO/IEC 14496-15 5.3.3.1) from parameter sets found in a
 * byte stream (raw Annex B input), with 4-byte NAL unit lengths, as an avcC box body.
 */
import type { SpsData } from './parameter-sets.js';

/** Profiles whose record carries chroma_format and bit depths (5.3.3.1.2). */
const HIGH_PROFILES = new Set([100, 110, 122, 144]);

/** `sps[0]` gives profile, compatibility and level (its bytes 1 to 3); `spsData` the High-profile extension fields. */
export function buildAvcC(sps: readonly Uint8Array[], pps: readonly Uint8Array[], spsData?: SpsData): Uint8Array {
  const first = sps[0];
  if (!first || first.length < 4) throw new RangeError('an avcC needs an SPS');
  const profile = first[1]!;
  const extension = HIGH_PROFILES.has(profile) && spsData !== undefined;
  const size = 6 + sps.reduce((n, s) => n + 2 + s.length, 0) + 1 + pps.reduce((n, p) => n + 2 + p.length, 0) + (extension ? 4 : 0);
  const out = new Uint8Array(size);
  let at = 0;
  const put = (b: number): void => {
    out[at++] = b & 0xff;
  };
  put(1); // configurationVersion
  put(profile); // AVCProfileIndication
  put(first[2]!); // profile_compatibility
  put(first[3]!); // AVCLevelIndication
  put(0xfc | 3); // reserved '111111', lengthSizeMinusOne = 3
  put(0xe0 | Math.min(31, sps.length)); // reserved '111', numOfSequenceParameterSets
  for (const s of sps.slice(0, 31)) {
    put(s.length >> 8);
    put(s.length);
    out.set(s, at);
    at += s.length;
  }
  put(Math.min(255, pps.length)); // numOfPictureParameterSets
  for (const p of pps.slice(0, 255)) {
    put(p.length >> 8);
    put(p.length);
    out.set(p, at);
    at += p.length;
  }
  if (extension) {
    put(0xfc | spsData.chromaFormatIdc); // reserved '111111', chroma_format
    put(0xf8 | (spsData.bitDepthLuma - 8)); // reserved '11111', bit_depth_luma_minus8
    put(0xf8 | (spsData.bitDepthChroma - 8)); // reserved '11111', bit_depth_chroma_minus8
    put(0); // numOfSequenceParameterSetExt
  }
  return out.subarray(0, at);
}
