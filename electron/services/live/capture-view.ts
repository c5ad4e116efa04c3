/**
 * A live session's bytes as an .rtmpcap file made in memory (docs/capture-format.md): the header box,
 * the client bytes received so far, and the index box. The page opens it like any capture file, so a
 * finished session (or a snapshot of a running one) gets the file document's whole tool set.
 */
import { encodeCaptureHeader, encodeCaptureIndex } from '../../../media/formats/rtmp/capture-file.js';
import type { GrowingSource } from '../../../media/source/growing-source.js';
import type { LiveSessionInfo } from '../../api.js';
import type { RegisteredSource } from '../file-registry.js';

export class CaptureView implements RegisteredSource {
  readonly size: number;
  private readonly head: Uint8Array;
  private readonly tail: Uint8Array;
  private readonly length: number;

  constructor(
    info: LiveSessionInfo,
    private readonly bytes: GrowingSource,
  ) {
    this.length = bytes.size;
    this.head = encodeCaptureHeader({
      startTime: new Date(info.startedAt).toISOString(),
      remoteAddress: info.remoteAddress,
      remotePort: info.remotePort,
      software: 'bitlens (Live tab)',
    });
    this.tail = encodeCaptureIndex(
      {
        endTime: new Date(info.endedAt ?? Date.now()).toISOString(),
        app: info.app,
        stream: info.stream,
        ...(info.tcUrl !== undefined ? { tcUrl: info.tcUrl } : {}),
        closedBecause: info.endReason ?? 'still publishing when this copy was made',
      },
      this.length,
    );
    this.size = this.head.length + this.length + this.tail.length;
  }

  read(offset: number, length: number): Promise<Uint8Array> {
    const from = Math.max(0, Math.min(offset, this.size));
    const to = Math.max(from, Math.min(offset + length, this.size));
    const out = new Uint8Array(to - from);
    const streamStart = this.head.length;
    const tailStart = streamStart + this.length;
    const copy = (part: Uint8Array, partStart: number): void => {
      const a = Math.max(from, partStart);
      const b = Math.min(to, partStart + part.length);
      if (b > a) out.set(part.subarray(a - partStart, b - partStart), a - from);
    };
    copy(this.head, 0);
    const a = Math.max(from, streamStart);
    const b = Math.min(to, tailStart);
    if (b > a) out.set(this.bytes.readSync(a - streamStart, b - a), a - from);
    copy(this.tail, tailStart);
    return Promise.resolve(out);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
