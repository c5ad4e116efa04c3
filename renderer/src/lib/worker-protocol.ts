/**
 * Every message between the window and the parse worker, typed in one place.
 * A remote file's bytes come from its range address (`url`, HTTP Range requests the worker makes itself);
 * where the host serves none, the worker cannot call the Bitlens API and its reads are proxied:
 * the worker asks (`read`), the window answers (`read-result`).
 * The worker lives as long as its document: it keeps the full tree and hands out the details of
 * big documents' nodes on demand (`load-nodes`, `search`), so the window never clones millions of fields.
 */
import type { MediaDocument } from '../../../media/model/document-model.js';
import type { Diagnostic, Field, Node } from '../../../media/model/types.js';
import type { PlayIndex } from './player/types.js';

/** What the worker parses: a Blob it can slice itself, bytes in memory, or a remote file read at `url` or through the window. */
export type ParseInput =
  | { kind: 'blob'; blob: Blob }
  /** `pasted`: a snippet (a tag, a config record, NAL units), recognised by media/paste rather than as a file. */
  | { kind: 'bytes'; bytes: Uint8Array; pasted?: boolean }
  /**
   * `url`: the file's absolute range address (OpenedFile.rangeUrl resolved against the page); `token`: the web
   * host's, sent with each range request as an Authorization header (absent in Electron).
   */
  | { kind: 'remote'; size: number; url?: string; token?: string };

/** A diagnostic with the path of the node that carries it (null: the document's own). */
export interface DiagnosticEntry {
  diagnostic: Diagnostic;
  node: readonly number[] | null;
}

/**
 * The document as it crosses to the window: no `data` on nodes, nothing format-private.
 * Top-level nodes listed in `lazy` arrive as stubs (range, name, own diagnostics; no fields, no children)
 * and are fetched whole with `load-nodes` when a view needs them.
 */
export interface WireDocument extends Pick<MediaDocument, 'format' | 'size' | 'tree' | 'diagnostics' | 'tracks' | 'packets'> {
  lazy: number[];
  /** Every diagnostic in the tree and the document, in file order. */
  allDiagnostics: DiagnosticEntry[];
  /** Sorted byte offsets of every emulation_prevention_three_byte field. */
  emulationPrevention: Float64Array;
  /** What a pasted snippet was recognised as, and how (media/paste's notes). */
  pasted?: { guess: string | null; notes: string[] };
}

export type ToWorker =
  | { type: 'parse'; input: ParseInput; fileName: string; maxEntries: number }
  | { type: 'read-result'; requestId: number; bytes: Uint8Array }
  | { type: 'read-failed'; requestId: number; message: string }
  /** Full top-level nodes by index. */
  | { type: 'load-nodes'; requestId: number; indices: number[] }
  /** Top-level indices of stubs whose subtree has a node or field name containing `query`. */
  | { type: 'search'; requestId: number; query: string; limit: number }
  /** One packet of the packet table expanded into NAL units / AAC elements. */
  | { type: 'expand-sample'; requestId: number; packet: number }
  /** The next entries of a long table (a field with `omitted`), read again from the file: answered by `entries`. */
  | { type: 'load-entries'; requestId: number; node: number[]; field: number[]; count: number }
  /** Remux the document for the player (lib/player): answered by `play-index`; segments stay in the worker. */
  | { type: 'play-prepare'; requestId: number; fragmentDuration: number }
  /** One init segment or fragment of the remux, by index into `PlayIndex.segments`: answered by `play-bytes`. */
  | { type: 'play-segment'; requestId: number; segment: number };

export type FromWorker =
  | { type: 'read'; requestId: number; offset: number; length: number }
  | { type: 'progress'; done: number; total: number; stage: string }
  | { type: 'done'; document: WireDocument; millis: number }
  | { type: 'failed'; message: string }
  | { type: 'nodes'; requestId: number; nodes: MediaDocument['tree'] }
  | { type: 'search-result'; requestId: number; indices: number[] }
  | { type: 'sample'; requestId: number; node: Node | null; message?: string }
  | { type: 'entries'; requestId: number; fields: Field[] | null; message?: string }
  | { type: 'play-index'; requestId: number; index: PlayIndex | null; message?: string }
  /** A copy of the segment's bytes, transferred. */
  | { type: 'play-bytes'; requestId: number; bytes: Uint8Array | null; message?: string };
