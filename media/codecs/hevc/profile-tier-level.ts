import type { NalContext } from '../avc/nal-context.js';
import { hevcLevelName, hevcProfileName } from './names.js';
import type { HevcPtlData } from './parameter-sets.js';

const TIERS = { 0: 'Main tier', 1: 'High tier' } as const;

/** Profiles whose constraint flags include the max_*bit / chroma / intra set (7.3.3). */
function hasRangeFlags(idc: number, compat: (j: number) => boolean): boolean {
  for (let j = 4; j <= 11; j++) if (idc === j || compat(j)) return true;
  return false;
}

/**
 * The profile part of profile_tier_level() for the general layer (`prefix` 'general_') or a
 * sub-layer ('sub_layer_'), with the 48 constraint bits kept as 6 bytes for codec strings.
 */
function readProfile(ctx: NalContext, prefix: string, suffix: string): Omit<HevcPtlData, 'generalLevelIdc' | 'levelName'> {
  const r = ctx.r;
  const space = r.u(2, `${prefix}profile_space${suffix}`);
  const tier = r.u(1, `${prefix}tier_flag${suffix}`, TIERS);
  const idc = r.u(5, `${prefix}profile_idc${suffix}`, (v) => hevcProfileName(v));
  let compatibility = 0;
  for (let j = 0; j < 32; j++) {
    if (r.flag(`${prefix}profile_compatibility_flag${suffix}[${j}]`)) compatibility |= 1 << (31 - j);
  }
  compatibility >>>= 0;
  const compat = (j: number): boolean => ((compatibility >>> (31 - j)) & 1) === 1;
  const constraintStart = r.pos;
  r.flag(`${prefix}progressive_source_flag${suffix}`);
  r.flag(`${prefix}interlaced_source_flag${suffix}`);
  r.flag(`${prefix}non_packed_constraint_flag${suffix}`);
  r.flag(`${prefix}frame_only_constraint_flag${suffix}`);
  if (hasRangeFlags(idc, compat)) {
    for (const name of ['max_12bit', 'max_10bit', 'max_8bit', 'max_422chroma', 'max_420chroma', 'max_monochrome', 'intra', 'one_picture_only', 'lower_bit_rate']) {
      r.flag(`${prefix}${name}_constraint_flag${suffix}`);
    }
    if (idc === 5 || idc === 9 || idc === 10 || idc === 11 || compat(5) || compat(9) || compat(10) || compat(11)) {
      r.flag(`${prefix}max_14bit_constraint_flag${suffix}`);
      r.u64(`${prefix}reserved_zero_33bits${suffix}`, 33);
    } else {
      r.u64(`${prefix}reserved_zero_34bits${suffix}`, 34);
    }
  } else if (idc === 2 || compat(2)) {
    r.u(7, `${prefix}reserved_zero_7bits${suffix}`);
    r.flag(`${prefix}one_picture_only_constraint_flag${suffix}`);
    r.u64(`${prefix}reserved_zero_35bits${suffix}`, 35);
  } else {
    r.u64(`${prefix}reserved_zero_43bits${suffix}`, 43);
  }
  if ((idc >= 1 && idc <= 5) || idc === 9 || idc === 11 || [1, 2, 3, 4, 5, 9, 11].some(compat)) r.flag(`${prefix}inbld_flag${suffix}`);
  else r.u(1, `${prefix}reserved_zero_bit${suffix}`);
  // The 48 bits from progressive_source_flag on, as the codec string and hvcC carry them.
  const end = r.pos;
  r.seek(constraintStart);
  const constraints = new Uint8Array(6);
  for (let k = 0; k < 6; k++) constraints[k] = r.cursor.bits(8);
  r.seek(end);
  return {
    generalProfileSpace: space,
    generalTierFlag: tier,
    generalProfileIdc: idc,
    generalProfileCompatibilityFlags: compatibility,
    generalConstraintIndicatorFlags: constraints,
    profileName: hevcProfileName(idc),
  };
}

/** profile_tier_level(profilePresentFlag, maxNumSubLayersMinus1) (H.265 7.3.3). */
export function readProfileTierLevel(ctx: NalContext, profilePresent: boolean, maxSubLayersMinus1: number): HevcPtlData {
  const r = ctx.r;
  return r.group('profile_tier_level', () => {
    const profile = profilePresent
      ? readProfile(ctx, 'general_', '')
      : { generalProfileSpace: 0, generalTierFlag: 0, generalProfileIdc: 0, generalProfileCompatibilityFlags: 0, generalConstraintIndicatorFlags: new Uint8Array(6), profileName: 'unknown' };
    const level = r.u8('general_level_idc', (v) => `level ${hevcLevelName(v)}`);
    const n = Math.min(maxSubLayersMinus1, 7);
    const profileFlags: boolean[] = [];
    const levelFlags: boolean[] = [];
    for (let i = 0; i < n; i++) {
      profileFlags.push(r.flag(`sub_layer_profile_present_flag[${i}]`));
      levelFlags.push(r.flag(`sub_layer_level_present_flag[${i}]`));
    }
    if (n > 0) for (let i = n; i < 8; i++) ctx.fixed(2, `reserved_zero_2bits[${i}]`, 0);
    for (let i = 0; i < n; i++) {
      if (profileFlags[i]) readProfile(ctx, 'sub_layer_', `[${i}]`);
      if (levelFlags[i]) r.u8(`sub_layer_level_idc[${i}]`, (v) => `level ${hevcLevelName(v)}`);
    }
    return { ...profile, generalLevelIdc: level, levelName: hevcLevelName(level) };
  });
}
