import type { MediaDocument } from './document-model.js';
import type { ParseOptions } from './types.js';
import type { ByteSource } from '../source/byte-source.js';

/** A container format Bitlens opens: sniffed by `probe`, read by `open` (hls.js's muxConfig idea). */
export interface FormatHandler {
  /** Short name used in the JSON contract: `mp4`, `flv`, `adts`, `h264`, `mpegts`. */
  name: string;
  /** True when the first bytes of a file look like this format. `head` holds up to 4096 bytes. */
  probe(head: Uint8Array, fileName?: string): boolean;
  /** Reads the structure, tracks and packets. Never throws on bad bytes: diagnostics instead. */
  open(source: ByteSource, options: ParseOptions): Promise<MediaDocument>;
}
