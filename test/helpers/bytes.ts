/** Byte builders for hand-made test inputs: every number becomes big-endian bytes. */

export function u16(v: number): number[] {
  return [(v >>> 8) & 0xff, v & 0xff];
}

export function u24(v: number): number[] {
  return [(v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}

export function u32(v: number): number[] {
  const x = v >>> 0; // negative numbers become their two's complement
  return [(x >>> 24) & 0xff, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff];
}

export function u64(v: bigint): number[] {
  const x = BigInt.asUintN(64, v);
  return [...u32(Number(x >> 32n)), ...u32(Number(x & 0xffffffffn))];
}

export function ascii(s: string): number[] {
  return [...s].map((c) => c.charCodeAt(0));
}

export function hexBytes(hex: string): number[] {
  const clean = hex.replace(/[^0-9a-f]/gi, '');
  const out: number[] = [];
  for (let i = 0; i < clean.length; i += 2) out.push(parseInt(clean.slice(i, i + 2), 16));
  return out;
}

/** A box: 32-bit size, fourcc, body. */
export function box(type: string, body: number[] = []): number[] {
  return [...u32(8 + body.length), ...ascii(type), ...body];
}

/** A FullBox: box header, version, 24-bit flags, body. */
export function fullBox(type: string, version: number, flags: number, body: number[] = []): number[] {
  return box(type, [version, ...u24(flags), ...body]);
}

/** A box whose size field says `size`, whatever the body really holds. */
export function boxWithSize(size: number, type: string, body: number[] = []): number[] {
  return [...u32(size), ...ascii(type), ...body];
}

/** A uuid box with a FullBox-like head (PIFF): header, 16-byte usertype (hex, dashes allowed), version, flags, body. */
export function uuidBox(usertypeHex: string, version: number, flags: number, body: number[] = []): number[] {
  return box('uuid', [...hexBytes(usertypeHex), version, ...u24(flags), ...body]);
}

export function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}

/** Bits written as a string of 0/1 groups ('00101 0110'), padded with zero bits to whole bytes. */
export function bits(pattern: string): number[] {
  const s = pattern.replace(/\s/g, '');
  const out: number[] = [];
  for (let i = 0; i < s.length; i += 8) out.push(parseInt(s.slice(i, i + 8).padEnd(8, '0'), 2));
  return out;
}
