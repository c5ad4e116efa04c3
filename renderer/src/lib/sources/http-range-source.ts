import { MAX_READ_RANGE } from '../../../../electron/api.js';
import { authorizationHeader } from '../../../../electron/web/protocol.js';
import type { ByteSource } from '../../../../media/source/byte-source.js';

/**
 * An opened file read with HTTP Range requests at its range address (OpenedFile.rangeUrl): how the parse
 * worker reads without waiting for the window's main thread. Each request asks for at most MAX_READ_RANGE
 * bytes; the host answers 206 with what it has (fewer only at the end of the file). The web host's token goes
 * in an Authorization header our code sets on each request (never a cookie, which other ports would receive).
 */
export class HttpRangeSource implements ByteSource {
  constructor(
    private readonly url: string,
    readonly size: number,
    private readonly token?: string,
  ) {}

  async read(offset: number, length: number): Promise<Uint8Array> {
    const from = Math.max(0, Math.min(offset, this.size));
    const to = Math.max(from, Math.min(offset + length, this.size));
    if (to - from <= MAX_READ_RANGE) return this.fetchRange(from, to);
    const out = new Uint8Array(to - from);
    let at = from;
    while (at < to) {
      const part = await this.fetchRange(at, Math.min(at + MAX_READ_RANGE, to));
      if (part.length === 0) break;
      out.set(part, at - from);
      at += part.length;
    }
    return out.subarray(0, at - from);
  }

  private async fetchRange(from: number, to: number): Promise<Uint8Array> {
    if (from === to) return new Uint8Array(0);
    // The host answers no-store: range replies never fill the HTTP cache.
    const headers: Record<string, string> = { Range: `bytes=${from}-${to - 1}` };
    if (this.token) headers.Authorization = authorizationHeader(this.token);
    // No credentials: nothing the browser would add on its own goes with the request.
    const reply = await fetch(this.url, { headers, credentials: 'omit' });
    // 416: the file ends before `from` (a live file read at its edge); anything else but 206 is a failure.
    if (reply.status === 416) return new Uint8Array(0);
    if (reply.status !== 206) throw new Error(`reading bytes ${from}-${to - 1} failed: HTTP ${reply.status}`);
    const bytes = new Uint8Array(await reply.arrayBuffer());
    return bytes.length > to - from ? bytes.subarray(0, to - from) : bytes;
  }
}
