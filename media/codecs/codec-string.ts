/** RFC 6381 codec strings, as MSE and HLS want them. */
import type { HevcProfileTierLevel } from './config-data.js';

const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

/** `avc1.PPCCLL` from the three bytes after the NAL header of an SPS (or the avcC header). */
export function avcCodecString(profile: number, compatibility: number, level: number, fourcc = 'avc1'): string {
  return `${fourcc}.${hex2(profile)}${hex2(compatibility)}${hex2(level)}`;
}

/** `hvc1.1.6.L93.B0` (ISO/IEC 14496-15 Annex E.3). */
export function hevcCodecString(p: HevcProfileTierLevel, fourcc = 'hvc1'): string {
  const space = ['', 'A', 'B', 'C'][p.generalProfileSpace] ?? '';
  // The compatibility flags are written in reverse bit order, as hex without leading zeros.
  let reversed = 0;
  for (let bit = 0; bit < 32; bit++) if ((p.generalProfileCompatibilityFlags >>> bit) & 1) reversed |= 1 << (31 - bit);
  const compat = (reversed >>> 0).toString(16).toUpperCase();
  const tier = p.generalTierFlag ? 'H' : 'L';
  const constraints = [...p.generalConstraintIndicatorFlags];
  while (constraints.length > 0 && constraints[constraints.length - 1] === 0) constraints.pop();
  const tail = constraints.map((b) => `.${b.toString(16).toUpperCase()}`).join('');
  return `${fourcc}.${space}${p.generalProfileIdc}.${compat}.${tier}${p.generalLevelIdc}${tail}`;
}

/**
 * objectTypeIndication values whose decoder configuration is an AudioSpecificConfig of AAC (ISO/IEC 14496-1
 * Table 5): MPEG-4 audio, and MPEG-2 AAC Main, LC and SSR, which Smooth Streaming servers write.
 */
export const AAC_OBJECT_TYPE_INDICATIONS: ReadonlySet<number> = new Set([0x40, 0x66, 0x67, 0x68]);

/** `mp4a.40.2` for MPEG-4 audio (object type indication 0x40), else `mp4a.<OTI hex>` (`mp4a.67`: MPEG-2 AAC LC). */
export function aacCodecString(objectTypeIndication: number, audioObjectType?: number): string {
  if (objectTypeIndication === 0x40 && audioObjectType !== undefined) return `mp4a.40.${audioObjectType}`;
  return `mp4a.${objectTypeIndication.toString(16).toUpperCase().padStart(2, '0')}`;
}
