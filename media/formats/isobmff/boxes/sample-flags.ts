import type { FieldReader } from '../../../model/field-reader.js';

/**
 * The 32-bit sample flags structure (ISO/IEC 14496-12 8.8.3.1) that trex, tfhd and trun share:
 *   bit(4) reserved; unsigned int(2) is_leading; unsigned int(2) sample_depends_on;
 *   unsigned int(2) sample_is_depended_on; unsigned int(2) sample_has_redundancy;
 *   bit(3) sample_padding_value; bit(1) sample_is_non_sync_sample; unsigned int(16) sample_degradation_priority;
 */

export const IS_LEADING = {
  0: 'unknown',
  1: 'leading sample that depends on samples before the referenced I picture (not decodable)',
  2: 'not a leading sample',
  3: 'leading sample with no dependency before the referenced I picture (decodable)',
} as const;

export const SAMPLE_DEPENDS_ON = {
  0: 'unknown',
  1: 'depends on other samples (not an I picture)',
  2: 'does not depend on other samples (I picture)',
  3: 'reserved',
} as const;

export const SAMPLE_IS_DEPENDED_ON = {
  0: 'unknown',
  1: 'other samples may depend on this one (not disposable)',
  2: 'no other sample depends on this one (disposable)',
  3: 'reserved',
} as const;

export const SAMPLE_HAS_REDUNDANCY = {
  0: 'unknown',
  1: 'has redundant coding',
  2: 'has no redundant coding',
  3: 'reserved',
} as const;

const NON_SYNC = { 0: 'sync sample', 1: 'non-sync sample' } as const;

/** sample_is_non_sync_sample, straight from the packed value. */
export function isNonSync(flags: number): boolean {
  return (flags & 0x10000) !== 0;
}

/** sample_depends_on, straight from the packed value. */
export function dependsOn(flags: number): number {
  return (flags >>> 24) & 3;
}

/** A one-line summary of a packed sample_flags value, for the group's display. */
export function describeSampleFlags(flags: number): string {
  const parts: string[] = [isNonSync(flags) ? 'non-sync' : 'sync'];
  const depends = dependsOn(flags);
  if (depends === 1) parts.push('depends on others');
  if (depends === 2) parts.push('independent (I picture)');
  const dependedOn = (flags >>> 22) & 3;
  if (dependedOn === 2) parts.push('disposable');
  const leading = (flags >>> 26) & 3;
  if (leading === 1 || leading === 3) parts.push('leading');
  const hex = `0x${(flags >>> 0).toString(16).padStart(8, '0')}`;
  return `${hex}: ${parts.join(', ')}`;
}

/**
 * Reads one sample_flags structure named `name` and returns it packed as an unsigned 32-bit number.
 * Recording, it is one group field with each sub-field at its bits; in bulk mode it is a single u32 read.
 */
export function readSampleFlags(r: FieldReader, name: string): number {
  if (!r.recording) return r.u32(name);
  return r.group(
    name,
    () => {
      const reserved = r.u(4, 'reserved');
      const isLeading = r.u(2, 'is_leading', IS_LEADING);
      const depends = r.u(2, 'sample_depends_on', SAMPLE_DEPENDS_ON);
      const dependedOn = r.u(2, 'sample_is_depended_on', SAMPLE_IS_DEPENDED_ON);
      const redundancy = r.u(2, 'sample_has_redundancy', SAMPLE_HAS_REDUNDANCY);
      const padding = r.u(3, 'sample_padding_value');
      const nonSync = r.u(1, 'sample_is_non_sync_sample', NON_SYNC);
      const priority = r.u16('sample_degradation_priority');
      // Re-packed with arithmetic, not shifts, so the top bit never turns the value negative.
      return (
        reserved * 0x10000000 +
        isLeading * 0x4000000 +
        depends * 0x1000000 +
        dependedOn * 0x400000 +
        redundancy * 0x100000 +
        padding * 0x20000 +
        nonSync * 0x10000 +
        priority
      );
    },
    (v) => v,
    describeSampleFlags,
  );
}

/** Names of the set bits of a FullBox flags value, from a table of bit -> name (for the flags field's display). */
export function flagNames(flags: number, names: Readonly<Record<number, string>>): string {
  const set: string[] = [];
  let known = 0;
  for (const [bit, label] of Object.entries(names)) {
    const b = Number(bit);
    known |= b;
    if (flags & b) set.push(label);
  }
  const unknown = flags & ~known;
  if (unknown) set.push(`unknown 0x${unknown.toString(16)}`);
  return set.length ? set.join(', ') : 'none';
}

/** Gives the FullBox `flags` field the framework just read a display of its meaning. */
export function showFlags(r: FieldReader, flags: number, names: Readonly<Record<number, string>>): void {
  const f = r.last;
  if (f?.name === 'flags') f.display = flagNames(flags, names);
}
