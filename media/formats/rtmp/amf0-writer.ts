/**
 * AMF0 encoding of RTMP commands (Adobe AMF0 spec): numbers, booleans, strings, null, undefined,
 * anonymous objects (plain JavaScript objects) and strict arrays. Reading is media/formats/amf's
 * job; writing lives here because only RTMP writes: the server's replies and the test publisher's
 * commands.
 */
export type Amf0Out = number | boolean | string | null | undefined | Amf0Out[] | { [key: string]: Amf0Out };

const encoder = new TextEncoder();

function utf8(s: string, out: number[], long = false): void {
  const b = encoder.encode(s);
  if (long) out.push((b.length >>> 24) & 0xff, (b.length >>> 16) & 0xff);
  out.push((b.length >>> 8) & 0xff, b.length & 0xff);
  for (const x of b) out.push(x);
}

function value(v: Amf0Out, out: number[]): void {
  if (v === null) {
    out.push(0x05);
  } else if (v === undefined) {
    out.push(0x06);
  } else if (typeof v === 'number') {
    out.push(0x00);
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v);
    out.push(...b);
  } else if (typeof v === 'boolean') {
    out.push(0x01, v ? 1 : 0);
  } else if (typeof v === 'string') {
    const long = encoder.encode(v).length > 0xffff;
    out.push(long ? 0x0c : 0x02);
    utf8(v, out, long);
  } else if (Array.isArray(v)) {
    out.push(0x0a, (v.length >>> 24) & 0xff, (v.length >>> 16) & 0xff, (v.length >>> 8) & 0xff, v.length & 0xff);
    for (const item of v) value(item, out);
  } else {
    out.push(0x03);
    for (const [k, item] of Object.entries(v)) {
      utf8(k, out);
      value(item, out);
    }
    out.push(0x00, 0x00, 0x09);
  }
}

export function encodeAmf0(...values: Amf0Out[]): Uint8Array {
  const out: number[] = [];
  for (const v of values) value(v, out);
  return new Uint8Array(out);
}
