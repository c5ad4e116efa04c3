/** H.265 enumerations (ITU-T H.265 Table 7-1, A.3). */

/** nal_unit_type: [short name, meaning]. */
const NAL_TYPES: Readonly<Record<number, readonly [string, string]>> = {
  0: ['TRAIL_N', 'Coded slice segment of a non-TSA, non-STSA trailing picture (sub-layer non-reference)'],
  1: ['TRAIL_R', 'Coded slice segment of a non-TSA, non-STSA trailing picture'],
  2: ['TSA_N', 'Coded slice segment of a TSA picture (sub-layer non-reference)'],
  3: ['TSA_R', 'Coded slice segment of a TSA picture'],
  4: ['STSA_N', 'Coded slice segment of an STSA picture (sub-layer non-reference)'],
  5: ['STSA_R', 'Coded slice segment of an STSA picture'],
  6: ['RADL_N', 'Coded slice segment of a RADL picture (sub-layer non-reference)'],
  7: ['RADL_R', 'Coded slice segment of a RADL picture'],
  8: ['RASL_N', 'Coded slice segment of a RASL picture (sub-layer non-reference)'],
  9: ['RASL_R', 'Coded slice segment of a RASL picture'],
  16: ['BLA_W_LP', 'Coded slice segment of a BLA picture (may have leading pictures)'],
  17: ['BLA_W_RADL', 'Coded slice segment of a BLA picture (RADL leading pictures only)'],
  18: ['BLA_N_LP', 'Coded slice segment of a BLA picture (no leading pictures)'],
  19: ['IDR_W_RADL', 'Coded slice segment of an IDR picture (RADL leading pictures only)'],
  20: ['IDR_N_LP', 'Coded slice segment of an IDR picture (no leading pictures)'],
  21: ['CRA_NUT', 'Coded slice segment of a CRA picture'],
  32: ['VPS', 'Video parameter set'],
  33: ['SPS', 'Sequence parameter set'],
  34: ['PPS', 'Picture parameter set'],
  35: ['AUD', 'Access unit delimiter'],
  36: ['EOS', 'End of sequence'],
  37: ['EOB', 'End of bitstream'],
  38: ['FD', 'Filler data'],
  39: ['prefix SEI', 'Supplemental enhancement information (prefix)'],
  40: ['suffix SEI', 'Supplemental enhancement information (suffix)'],
};

export function hevcNalTypeName(type: number): readonly [string, string] {
  const known = NAL_TYPES[type];
  if (known) return known;
  if (type <= 31) return ['RSV_VCL', 'Reserved VCL NAL unit type'];
  return type <= 47 ? ['reserved', 'Reserved non-VCL NAL unit type'] : ['unspecified', 'Unspecified'];
}

/** general_profile_idc (ITU-T H.265 Annex A). */
export const HEVC_PROFILES = {
  1: 'Main',
  2: 'Main 10',
  3: 'Main Still Picture',
  4: 'Format Range Extensions',
  5: 'High Throughput',
  6: 'Multiview Main',
  7: 'Scalable Main',
  8: '3D Main',
  9: 'Screen Content Coding',
  10: 'Scalable Format Range Extensions',
  11: 'High Throughput Screen Content Coding',
} as const satisfies Record<number, string>;

export function hevcProfileName(idc: number): string {
  return (HEVC_PROFILES as Record<number, string>)[idc] ?? `unknown (${idc})`;
}

/** general_level_idc is 30 times the level number (A.4.1). */
export function hevcLevelName(idc: number): string {
  const level = idc / 30;
  return Number.isInteger(level) ? String(level) : level.toFixed(1);
}

export const HEVC_SLICE_TYPES = { 0: 'B', 1: 'P', 2: 'I' } as const;
