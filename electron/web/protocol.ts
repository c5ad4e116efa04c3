// The web host's wire protocol over one WebSocket: the page sends calls, the host replies and pushes events.
// Pure TypeScript (no Node, no DOM): the host (electron/web/) and the page (renderer/src/lib/ws-api-client.ts) share it.
//
//   page -> host  text   {"id":7,"call":"openPath","args":["/x.mp4"]}
//   host -> page  text   {"id":7,"ok":true,"result":{...}}  or  {"id":7,"ok":false,"error":"..."}
//   host -> page  binary readRange replies: u32 big-endian header length, the header as JSON ({"id":7}), then the bytes
//   host -> page  text   {"event":"openRequest","request":{"paths":[...]}}
//   host -> page  text   {"event":"liveEvent","liveEvent":{"type":"session-bytes","sessionId":"c1-s1","size":40960,"complete":false}}
import type { ApiCall, LiveEvent, OpenRequest } from '../api.js';

/** Path of the WebSocket endpoint; the token goes in its query string as on the page's URL. */
export const API_PATH = '/api';
/** Query parameter that carries the token on the page's URL and the WebSocket's. */
export const TOKEN_PARAM = 'token';
/**
 * The Authorization header the page's range requests (files/<fileId>) carry the token in. Set by our code on
 * each request, unlike a cookie, so the browser never sends it anywhere else.
 */
export function authorizationHeader(token: string): string {
  return `Bearer ${token}`;
}
/** Largest message a page may send (calls are small; only replies carry bytes). */
export const MAX_CALL_MESSAGE = 64 * 1024;

export interface CallMessage {
  id: number;
  call: ApiCall;
  args: unknown[];
}

export type ReplyMessage = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export type EventMessage = { event: 'openRequest'; request: OpenRequest } | { event: 'liveEvent'; liveEvent: LiveEvent };

/** A reply the host sends as text; `id` is -1 when the call was too broken to have one. */
export type TextMessage = ReplyMessage | EventMessage;

interface BinaryHeader {
  id: number;
}

/** Frames a readRange reply: header length, JSON header, then the bytes as they are (no base64). */
export function encodeBinaryReply(id: number, bytes: Uint8Array): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify({ id } satisfies BinaryHeader));
  const frame = new Uint8Array(4 + header.length + bytes.length);
  new DataView(frame.buffer).setUint32(0, header.length);
  frame.set(header, 4);
  frame.set(bytes, 4 + header.length);
  return frame;
}

/** Reads a binary reply; null when the frame is not one (too short, header cut off, not JSON). */
export function decodeBinaryReply(frame: Uint8Array): { id: number; bytes: Uint8Array } | null {
  if (frame.length < 4) return null;
  const headerLength = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(0);
  if (headerLength > frame.length - 4) return null;
  try {
    const header: unknown = JSON.parse(new TextDecoder().decode(frame.subarray(4, 4 + headerLength)));
    const id = (header as Partial<BinaryHeader> | null)?.id;
    if (typeof id !== 'number') return null;
    return { id, bytes: frame.subarray(4 + headerLength) };
  } catch {
    return null;
  }
}
