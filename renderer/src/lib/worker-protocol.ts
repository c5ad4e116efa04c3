/**
 * Every message between the window and the parse worker, typed in one place.
 * The worker cannot call the Bitlens API, so a remote file's range reads are proxied:
 * the worker asks (`read`), the window answers (`read-result`).
 */
import type { MediaDocument } from '../../../media/model/document.js';

/** What the worker parses: a Blob it can slice itself, bytes in memory, or a remote file read through the window. */
export type ParseInput =
  | { kind: 'blob'; blob: Blob }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'remote'; size: number };

/** The document as it crosses to the window: no `data` on nodes, nothing format-private. */
export type WireDocument = Pick<MediaDocument, 'format' | 'size' | 'tree' | 'diagnostics' | 'tracks' | 'packets'>;

export type ToWorker =
  | { type: 'parse'; input: ParseInput; fileName: string; maxEntries: number }
  | { type: 'read-result'; requestId: number; bytes: Uint8Array }
  | { type: 'read-failed'; requestId: number; message: string };

export type FromWorker =
  | { type: 'read'; requestId: number; offset: number; length: number }
  | { type: 'progress'; done: number; total: number; stage: string }
  | { type: 'done'; document: WireDocument; millis: number }
  | { type: 'failed'; message: string };
