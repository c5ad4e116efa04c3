/**
 * MPEG-1/2 video (ISO/IEC 11172-2, ITU-T H.262 6.2.3): the picture_coding_type of the first picture header in some
 * bytes, which tells whether a packet starts with an I picture (what players and ffprobe call a keyframe).
 */
const PICTURE_START_CODE = 0x00;
export const PICTURE_CODING_TYPES = { 1: 'intra-coded (I)', 2: 'predictive-coded (P)', 3: 'bidirectionally-predictive-coded (B)', 4: 'DC intra-coded (D)' } as const;

/** picture_coding_type of the first picture_start_code at or after `from`, or undefined when there is none. */
export function firstPictureCodingType(bytes: Uint8Array, from: number): number | undefined {
  for (let i = Math.max(0, from); i + 5 < bytes.length; i++) {
    if (bytes[i] !== 0 || bytes[i + 1] !== 0 || bytes[i + 2] !== 1 || bytes[i + 3] !== PICTURE_START_CODE) continue;
    // temporal_reference (10 bits), then picture_coding_type (3 bits).
    return (bytes[i + 5]! >> 3) & 7;
  }
  return undefined;
}
