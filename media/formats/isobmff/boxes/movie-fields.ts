/** Fields that mvhd, tkhd, mdhd and elst share: 1904-based dates, durations, the transformation matrix. */
import type { FieldReader } from '../../../model/field-reader.js';
import type { BoxScope } from '../box-scope.js';
import type { IsoState } from '../iso-state.js';

/** Seconds from 1904-01-01 (the ISO-BMFF and QuickTime epoch) to 1970-01-01. */
const EPOCH_1904 = 2082844800;
/** The largest time a JavaScript Date can hold, in seconds. */
const MAX_DATE_SECONDS = 8.64e12;

export function dateSince1904(seconds: bigint): string {
  if (seconds === 0n) return 'not set';
  const unix = Number(seconds) - EPOCH_1904;
  if (Math.abs(unix) > MAX_DATE_SECONDS) return 'out of range';
  return `${new Date(unix * 1000).toISOString().replace('.000Z', 'Z')}`;
}

/** creation_time and modification_time: 64 bits in version 1, 32 bits otherwise. */
export function readTimes(r: FieldReader, version: number): void {
  const bits = version === 1 ? 64 : 32;
  r.u64('creation_time', bits, dateSince1904);
  r.u64('modification_time', bits, dateSince1904);
}

/** A duration shown in seconds; all ones means "unknown" (14496-12 8.2.2.3). */
export function durationDisplay(timescale: number, bits: number): (v: bigint) => string | undefined {
  return (v) => {
    if (v === (1n << BigInt(bits)) - 1n) return 'unknown (all ones)';
    if (timescale === 0) return undefined;
    return `${seconds(Number(v) / timescale)} s`;
  };
}

/** A duration field: 64 bits in version 1, 32 bits otherwise. */
export function readDuration(r: FieldReader, version: number, timescale: number, name = 'duration'): number {
  const bits = version === 1 ? 64 : 32;
  return r.u64(name, bits, durationDisplay(timescale, bits));
}

export function seconds(s: number): string {
  return Number.isInteger(s) ? String(s) : s.toFixed(6).replace(/0+$/, '');
}

/** Reads a timescale, reporting 0 (no duration or time can be converted with it). */
export function readTimescale(r: FieldReader, box: BoxScope): number {
  const at = r.absByte;
  const timescale = r.u32('timescale', (v) => (v === 0 ? 'invalid' : `${v} units per second`));
  if (timescale === 0) box.report('error', 'timescale-zero', 'timescale is 0: durations and times cannot be converted to seconds', at, at + 4);
  return timescale;
}

/**
 * The movie timescale of each parse, which tkhd and elst need to show their durations in seconds.
 * IsoState has no slot for it, so it lives beside the state and goes away with it.
 */
export function setMovieTimescale(state: IsoState, timescale: number): void {
  state.movieTimescale = timescale;
}

export function movieTimescale(state: IsoState): number {
  return state.movieTimescale;
}

const MATRIX_NAMES = ['a', 'b', 'u', 'c', 'd', 'v', 'x', 'y', 'w'] as const;

/**
 * The 3x3 transformation matrix {a,b,u, c,d,v, x,y,w}: u, v and w are 2.30 fixed point, the rest 16.16.
 * Shown as the rotation it describes when it is one.
 */
export function readMatrix(r: FieldReader): void {
  r.group('matrix', () => {
    const m: number[] = [];
    for (const name of MATRIX_NAMES) {
      const frac = name === 'u' || name === 'v' || name === 'w' ? 30 : 16;
      m.push(r.fixed(32 - frac, frac, name, true));
    }
    return m;
  }, undefined, describeMatrix);
}

function describeMatrix(m: number[]): string {
  const [a, b, u, c, d, v, , , w] = m as [number, number, number, number, number, number, number, number, number];
  if (u !== 0 || v !== 0 || w !== 1) return 'not an affine transform';
  if (a === 1 && b === 0 && c === 0 && d === 1) return 'identity';
  if (a === 0 && b === 1 && c === -1 && d === 0) return 'rotate 90° clockwise';
  if (a === -1 && b === 0 && c === 0 && d === -1) return 'rotate 180°';
  if (a === 0 && b === -1 && c === 1 && d === 0) return 'rotate 270° clockwise';
  return `a=${a} b=${b} c=${c} d=${d}`;
}
