/**
 * The parse worker: detects the format and runs its parser over the bytes, off the UI thread.
 * Untrusted bytes are parsed here and nowhere else in the window.
 */
import { detectFormat } from '../../../media/detect.js';
import type { MediaDocument } from '../../../media/model/document.js';
import { newNode, type Node } from '../../../media/model/types.js';
import type { ByteSource } from '../../../media/source/byte-source.js';
import { MemorySource } from '../../../media/source/memory-source.js';
import { BlobSource } from '../lib/sources/blob-source.js';
import { BlockCache } from '../lib/sources/block-cache.js';
import type { FromWorker, ParseInput, ToWorker, WireDocument } from '../lib/worker-protocol.js';

/** The parts of the worker's global scope used here (the DOM lib, not the WebWorker lib, types this project). */
interface WorkerScope {
  postMessage(message: FromWorker, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

/** Range reads answered by the window (which holds the API). */
class ProxiedSource implements ByteSource {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();

  constructor(readonly size: number) {}

  read(offset: number, length: number): Promise<Uint8Array> {
    const requestId = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      post({ type: 'read', requestId, offset, length });
    });
  }

  settle(message: Extract<ToWorker, { type: 'read-result' | 'read-failed' }>): void {
    const waiter = this.pending.get(message.requestId);
    if (!waiter) return;
    this.pending.delete(message.requestId);
    if (message.type === 'read-result') waiter.resolve(message.bytes);
    else waiter.reject(new Error(message.message));
  }
}

/** Reports how far into the file the parser has read, at most ten times a second. */
class ProgressSource implements ByteSource {
  private furthest = 0;
  private lastPost = 0;

  constructor(private readonly inner: ByteSource) {}

  get size(): number {
    return this.inner.size;
  }

  read(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(this.size, offset + length);
    if (end > this.furthest) {
      this.furthest = end;
      const now = performance.now();
      if (now - this.lastPost > 100) {
        this.lastPost = now;
        post({ type: 'progress', done: this.furthest, total: this.size, stage: 'Reading structure' });
      }
    }
    return this.inner.read(offset, length);
  }
}

let proxied: ProxiedSource | undefined;

function sourceOf(input: ParseInput): ByteSource {
  if (input.kind === 'blob') return new BlockCache(new BlobSource(input.blob), 256);
  if (input.kind === 'bytes') return new MemorySource(input.bytes);
  proxied = new ProxiedSource(input.size);
  return new BlockCache(proxied, 256);
}

/** Drops the parsers' private `data` (typed tables for the sample index) before cloning the tree. */
function stripData(nodes: Node[]): void {
  for (const n of nodes) {
    delete n.data;
    stripData(n.children);
  }
}

function unknownFormat(size: number): WireDocument {
  const node = newNode('bytes', 'bytes', 0, size, 'Unrecognised data');
  node.diagnostics.push({
    severity: 'info',
    code: 'unknown-format',
    message: 'Bitlens does not recognise this format; the bytes are shown as they are.',
    start: 0,
    end: Math.min(size, 16),
  });
  return {
    format: 'bytes',
    size,
    tree: [node],
    diagnostics: [],
    tracks: [],
    packets: { count: 0, track: new Uint16Array(0), dts: new Float64Array(0), pts: new Float64Array(0), offset: new Float64Array(0), size: new Uint32Array(0), keyframe: new Uint8Array(0) },
  };
}

async function parse(message: Extract<ToWorker, { type: 'parse' }>): Promise<void> {
  const started = performance.now();
  const source = new ProgressSource(sourceOf(message.input));
  post({ type: 'progress', done: 0, total: source.size, stage: 'Detecting format' });
  const format = await detectFormat(source, message.fileName);
  let document: WireDocument;
  if (!format) {
    document = unknownFormat(source.size);
  } else {
    const full: MediaDocument = await format.open(source, { record: true, maxEntries: message.maxEntries });
    post({ type: 'progress', done: source.size, total: source.size, stage: 'Preparing the tree' });
    stripData(full.tree);
    document = { format: full.format, size: full.size, tree: full.tree, diagnostics: full.diagnostics, tracks: full.tracks, packets: full.packets };
  }
  const p = document.packets;
  // Packet columns move to the window instead of being copied (a set: two columns may share a buffer).
  const buffers = new Set<ArrayBufferLike>([p.track.buffer, p.dts.buffer, p.pts.buffer, p.offset.buffer, p.size.buffer, p.keyframe.buffer]);
  post({ type: 'done', document, millis: performance.now() - started }, [...buffers] as Transferable[]);
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'parse') {
    parse(message).catch((e: unknown) => post({ type: 'failed', message: e instanceof Error ? e.message : String(e) }));
  } else {
    proxied?.settle(message);
  }
};
