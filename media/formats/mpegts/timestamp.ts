import type { FieldReader } from '../../model/field-reader.js';
import { type Diagnostic, diagnostic } from '../../model/types.js';

/** 90 kHz ticks as seconds, for displays. */
export const seconds90k = (ticks: number): string => `${(ticks / 90000).toFixed(6)} s`;

/**
 * A 33-bit time split as [32..30] marker [29..15] marker [14..0] marker (PTS, DTS, DTS_next_AU; 2.4.3.7),
 * recorded as one group whose value is the whole timestamp. Marker bits that are 0 are reported.
 */
export function readSplitTimestamp(r: FieldReader, name: string, out: Diagnostic[]): number {
  return r.group(name, () => {
    const high = r.u(3, `${name}[32..30]`);
    marker(r, out);
    const mid = r.u(15, `${name}[29..15]`);
    marker(r, out);
    const low = r.u(15, `${name}[14..0]`);
    marker(r, out);
    return high * 2 ** 30 + mid * 2 ** 15 + low;
  }, (v) => v, seconds90k);
}

export function marker(r: FieldReader, out: Diagnostic[]): void {
  const at = r.absByte;
  if (!r.flag('marker_bit')) out.push(diagnostic('warning', 'ts-marker-bit-zero', 'a marker_bit is 0; the syntax fixes it to 1', at, at + 1));
}
