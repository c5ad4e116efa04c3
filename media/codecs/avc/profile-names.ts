/** H.264 profile_idc values (ITU-T H.264 Annex A, G, H) and how levels are written. */

export const AVC_PROFILES = {
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
  144: 'High 4:4:4 (removed)',
  244: 'High 4:4:4 Predictive',
} as const satisfies Record<number, string>;

/**
 * The profile a decoder sees: profile_idc refined by the constraint_set flags
 * (the byte after profile_idc: constraint_set0_flag is its top bit).
 */
export function avcProfileName(profileIdc: number, constraintFlags: number): string {
  const base = (AVC_PROFILES as Record<number, string>)[profileIdc] ?? `profile ${profileIdc}`;
  const set1 = (constraintFlags & 0x40) !== 0;
  const set3 = (constraintFlags & 0x10) !== 0;
  if (profileIdc === 66 && set1) return 'Constrained Baseline';
  if (profileIdc === 100 && (constraintFlags & 0x0c) === 0x0c) return 'Constrained High';
  if (profileIdc === 100 && (constraintFlags & 0x08) !== 0) return 'Progressive High';
  if ((profileIdc === 110 || profileIdc === 122 || profileIdc === 244) && set3) return `${base} Intra`;
  return base;
}

/** level_idc as written in the standard: 31 is 3.1; 9 (and 11 with constraint_set3 in Baseline/Main/Extended) is 1b. */
export function avcLevelName(levelIdc: number, profileIdc?: number, constraintFlags = 0): string {
  if (levelIdc === 9) return '1b';
  if (levelIdc === 11 && (constraintFlags & 0x10) !== 0 && (profileIdc === 66 || profileIdc === 77 || profileIdc === 88)) return '1b';
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
