/** H.264 profile and level names (Annex A, A.2 and Table A-1) and the RFC 6381 codec string. */

export const AVC_PROFILES = {
  144: 'High 4:4:4 (removed)',
  44: 'CAVLC 4:4:4 Intra',
  66: 'Baseline',
  77: 'Main',
  83: 'Scalable Baseline',
  86: 'Scalable High',
  88: 'Extended',
  100: 'High',
  110: 'High 10',
  118: 'Multiview High',
  122: 'High 4:2:2',
  128: 'Stereo High',
  134: 'MFC High',
  135: 'MFC Depth High',
  138: 'Multiview Depth High',
  139: 'Enhanced Multiview Depth High',
  244: 'High 4:4:4 Predictive',
} as const satisfies Record<number, string>;

/** Profiles whose SPS carries chroma_format_idc, bit depths and scaling matrices (7.3.2.1.1). */
export const HIGH_PROFILES: ReadonlySet<number> = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

/** The profile's name, refined by the constraint flags that define sub-profiles (A.2). */
export function avcProfileName(profileIdc: number, constraintByte: number): string {
  const set1 = (constraintByte & 0x40) !== 0;
  const set3 = (constraintByte & 0x10) !== 0;
  const set4 = (constraintByte & 0x08) !== 0;
  const set5 = (constraintByte & 0x04) !== 0;
  const base = (AVC_PROFILES as Record<number, string>)[profileIdc];
  if (base === undefined) return `unknown (${profileIdc})`;
  if (profileIdc === 66 && set1) return 'Constrained Baseline';
  if (profileIdc === 100 && set4 && set5) return 'Constrained High';
  if (profileIdc === 100 && set4) return 'Progressive High';
  if ((profileIdc === 110 || profileIdc === 122 || profileIdc === 244) && set3) {
    return profileIdc === 244 ? 'High 4:4:4 Intra' : `${base} Intra`;
  }
  return base;
}

/** level_idc as written in the standard (31 is 3.1); 1b is level_idc 9, or 11 with constraint_set3_flag in Baseline/Main/Extended. */
export function avcLevelName(levelIdc: number, profileIdc?: number, constraintByte = 0): string {
  if (levelIdc === 9) return '1b';
  if (levelIdc === 11 && (constraintByte & 0x10) !== 0 && (profileIdc === 66 || profileIdc === 77 || profileIdc === 88)) return '1b';
  return (levelIdc / 10).toFixed(1);
}

/** The six constraint_set flags of the byte after profile_idc, as text. */
export function constraintFlagsText(byte: number): string {
  const set: string[] = [];
  for (let i = 0; i < 6; i++) if ((byte >> (7 - i)) & 1) set.push(`constraint_set${i}`);
  const reserved = byte & 0x03;
  if (reserved !== 0) set.push(`reserved_zero_2bits=${reserved}`);
  return set.length > 0 ? set.join(', ') : 'none';
}
