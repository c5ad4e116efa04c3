/**
 * Messages as chunks (either direction: the server's replies, the test publisher's commands and
 * media): a type-0 header for each message's first chunk, type-3 headers for the rest (repeating
 * the extended timestamp when there is one, as the spec says).
 */
import { MSG } from './rtmp-tables.js';

/** Chunk streams for protocol control and commands (the publisher adds its own for media). */
export const CS_CONTROL = 2;
export const CS_COMMAND = 3;

export class ChunkWriter {
  chunkSize = 128;

  /** The bytes of one message. */
  message(csid: number, typeId: number, streamId: number, timestamp: number, payload: Uint8Array): Uint8Array {
    const ts = timestamp >>> 0;
    const extended = ts >= 0xffffff;
    const parts: Uint8Array[] = [];
    const head = new Uint8Array(12 + (extended ? 4 : 0));
    const v = new DataView(head.buffer);
    head[0] = csid & 0x3f; // fmt 0; csid 2..63 only (one-byte basic header)
    const tsField = extended ? 0xffffff : ts;
    head[1] = tsField >>> 16;
    head[2] = (tsField >>> 8) & 0xff;
    head[3] = tsField & 0xff;
    head[4] = (payload.length >>> 16) & 0xff;
    head[5] = (payload.length >>> 8) & 0xff;
    head[6] = payload.length & 0xff;
    head[7] = typeId;
    v.setUint32(8, streamId, true); // message stream id: little-endian
    if (extended) v.setUint32(12, ts);
    parts.push(head);
    for (let at = 0; at < payload.length || at === 0; at += this.chunkSize) {
      if (at > 0) {
        const cont = new Uint8Array(1 + (extended ? 4 : 0));
        cont[0] = 0xc0 | (csid & 0x3f);
        if (extended) new DataView(cont.buffer).setUint32(1, ts);
        parts.push(cont);
      }
      parts.push(payload.subarray(at, Math.min(payload.length, at + this.chunkSize)));
      if (payload.length === 0) break;
    }
    const total = parts.reduce((n, p) => n + p.length, 0);
    const out = new Uint8Array(total);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  /** Protocol control message with a 32-bit value (Set Chunk Size, Acknowledgement, Window Acknowledgement Size). */
  control(typeId: number, value: number, extra?: number): Uint8Array {
    const payload = new Uint8Array(extra === undefined ? 4 : 5);
    new DataView(payload.buffer).setUint32(0, value);
    if (extra !== undefined) payload[4] = extra;
    return this.message(CS_CONTROL, typeId, 0, 0, payload);
  }

  userControl(event: number, value: number): Uint8Array {
    const payload = new Uint8Array(6);
    const v = new DataView(payload.buffer);
    v.setUint16(0, event);
    v.setUint32(2, value);
    return this.message(CS_CONTROL, MSG.UserControl, 0, 0, payload);
  }
}
