/**
 * The .rtmpcap capture file (docs/capture-format.md): a 'BLRC' header box with JSON metadata, the
 * client's bytes exactly as they came off the socket, and, when the capture ended cleanly, a
 * 'BLRI' index box (JSON: end time, app, stream, arrival times) whose last 8 bytes give the length
 * of the client bytes, so a reader can tell the index from the stream. Written front to back, so a
 * crash loses only the index.
 */

export const CAPTURE_MAGIC = 'BLRC';
export const INDEX_MAGIC = 'BLRI';
export const CAPTURE_VERSION = 1;
/** size(4) type(4) version(1) flags(3). */
export const BOX_HEAD = 12;
/** A header larger than this is not a capture header. */
export const MAX_HEADER_BOX = 1024 * 1024;

/** Metadata known when the connection opens. */
export interface CaptureHeader {
  /** ISO 8601 time of the first byte. */
  startTime: string;
  remoteAddress?: string;
  remotePort?: number;
  /** The listening address and port. */
  localAddress?: string;
  localPort?: number;
  software?: string;
  [key: string]: unknown;
}

/** Metadata known when the connection closes. */
export interface CaptureIndex {
  endTime: string;
  app?: string;
  stream?: string;
  tcUrl?: string;
  /** [offset in the client bytes, ms after startTime] at each arrival (merged when close together). */
  arrivals?: Array<[number, number]>;
  /** Why the server closed the connection, when it did. */
  closedBecause?: string;
  [key: string]: unknown;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

function box(type: string, json: unknown, tail: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = encoder.encode(JSON.stringify(json));
  const out = new Uint8Array(BOX_HEAD + body.length + tail.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, out.length);
  out.set(encoder.encode(type), 4);
  v.setUint32(8, CAPTURE_VERSION << 24); // version 1, flags 0
  out.set(body, BOX_HEAD);
  out.set(tail, BOX_HEAD + body.length);
  return out;
}

export function encodeCaptureHeader(header: CaptureHeader): Uint8Array {
  return box(CAPTURE_MAGIC, header);
}

/** The index box; `streamLength` is the number of client bytes written before it. */
export function encodeCaptureIndex(index: CaptureIndex, streamLength: number): Uint8Array {
  const tail = new Uint8Array(8);
  const v = new DataView(tail.buffer);
  v.setUint32(0, Math.floor(streamLength / 2 ** 32));
  v.setUint32(4, streamLength >>> 0);
  return box(INDEX_MAGIC, index, tail);
}

export function looksLikeCapture(head: Uint8Array): boolean {
  if (head.length < BOX_HEAD) return false;
  const size = ((head[0]! << 24) >>> 0) + (head[1]! << 16) + (head[2]! << 8) + head[3]!;
  return head[4] === 0x42 && head[5] === 0x4c && head[6] === 0x52 && head[7] === 0x43 && size >= BOX_HEAD && size <= MAX_HEADER_BOX;
}

export function boxSize(bytes: Uint8Array, at = 0): number {
  return new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0);
}

export function boxType(bytes: Uint8Array, at = 0): string {
  return String.fromCharCode(...bytes.subarray(at + 4, at + 8));
}

/** The JSON of a box, or undefined (with the reason) when it does not parse to an object. */
export function boxJson(bytes: Uint8Array, jsonEnd: number): { value?: Record<string, unknown>; error?: string } {
  try {
    const v: unknown = JSON.parse(decoder.decode(bytes.subarray(BOX_HEAD, jsonEnd)));
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return { error: 'the metadata is not a JSON object' };
    return { value: v as Record<string, unknown> };
  } catch (e) {
    return { error: `the metadata is not JSON (${(e as Error).message})` };
  }
}

/** The client-byte count stored in the last 8 bytes of an index box. */
export function indexStreamLength(tail8: Uint8Array): number {
  const v = new DataView(tail8.buffer, tail8.byteOffset, 8);
  return v.getUint32(0) * 2 ** 32 + v.getUint32(4);
}
