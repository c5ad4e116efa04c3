/** A byte-aligned integer column: 32 bits (unsigned or signed) or 64 bits unsigned. */
export interface ColumnShape {
  bits: 32 | 64;
  /** 32-bit columns only: two's complement. */
  signed?: boolean;
}

/** Where a column's values go: Uint32Array, Int32Array (signed), Float64Array (64-bit, exact below 2^53). */
export type ColumnArray = Uint32Array | Int32Array | Float64Array;

/** A zeroed array of `count` values for one column. */
export function newColumn(count: number): (shape: ColumnShape) => ColumnArray {
  return (shape) => (shape.bits === 64 ? new Float64Array(count) : shape.signed ? new Int32Array(count) : new Uint32Array(count));
}

/**
 * Decodes `count` big-endian rows of the given columns starting at `byteOffset` of `data` into `out`.
 * The caller has checked that the rows fit. 64-bit values round to the nearest double above 2^53, as
 * converting the exact value would.
 */
export function decodeColumns(data: Uint8Array, byteOffset: number, count: number, shapes: readonly ColumnShape[], out: readonly ColumnArray[]): void {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const rowBytes = shapes.reduce((n, c) => n + c.bits / 8, 0);
  let at = byteOffset;
  // One loop per column keeps each loop monomorphic: the hot path for a six-figure stsz or co64.
  for (let k = 0; k < shapes.length; k++) {
    const shape = shapes[k]!;
    const column = out[k]!;
    let p = at;
    if (shape.bits === 64) for (let i = 0; i < count; i++, p += rowBytes) column[i] = view.getUint32(p) * 4294967296 + view.getUint32(p + 4);
    else if (shape.signed) for (let i = 0; i < count; i++, p += rowBytes) column[i] = view.getInt32(p);
    else for (let i = 0; i < count; i++, p += rowBytes) column[i] = view.getUint32(p);
    at += shape.bits / 8;
  }
}
