/**
 * The parse worker: detects the format and runs its parser over the bytes, off the UI thread.
 * Untrusted bytes are parsed here and nowhere else in the window.
 * What only some documents need (pasted-bytes recognition, sample expansion, table windows, the player's
 * remux) is imported when first used: the module a new document waits for stays small.
 */
import { detectFormat } from '../../../media/detect.js';
import type { MediaDocument } from '../../../media/model/document-model.js';
import { newNode, type Node } from '../../../media/model/types.js';
import type { ByteSource } from '../../../media/source/byte-source.js';
import { MemorySource } from '../../../media/source/memory-source.js';
import { BlobSource } from '../lib/sources/blob-source.js';
import { BlockCache } from '../lib/sources/block-cache.js';
import { FallbackSource } from '../lib/sources/fallback-source.js';
import { HttpRangeSource } from '../lib/sources/http-range-source.js';
import type { FromWorker, ParseInput, ToWorker, WireDocument } from '../lib/worker-protocol.js';
import type { PlaySession } from './remux-session.js';
import { diagnosticEntries, emulationPreventionBytes, skeleton, subtreeMatches } from './skeleton.js';

/** The parts of the worker's global scope used here (the DOM lib, not the WebWorker lib, types this project). */
interface WorkerScope {
  postMessage(message: FromWorker, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

/** Range reads answered by the window (which holds the API), for hosts that give a file no range address. */
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
/** The whole tree of the parsed document, kept for `load-nodes` and `search`. */
let fullTree: Node[] = [];
/** The document as the format returned it (with `data`), for expanding samples. */
let fullDocument: MediaDocument | undefined;
let documentSource: ByteSource | undefined;
let maxEntries = 2000;

function copyPackets(p: MediaDocument['packets']): MediaDocument['packets'] {
  return { count: p.count, track: p.track.slice(), dts: p.dts.slice(), pts: p.pts.slice(), offset: p.offset.slice(), size: p.size.slice(), keyframe: p.keyframe.slice() };
}

function sourceOf(input: ParseInput): ByteSource {
  if (input.kind === 'blob') return new BlockCache(new BlobSource(input.blob), 256);
  if (input.kind === 'bytes') return new MemorySource(input.bytes);
  const viaWindow = (): ProxiedSource => (proxied = new ProxiedSource(input.size));
  if (input.url) return new BlockCache(new FallbackSource(new HttpRangeSource(input.url, input.size, input.token), viaWindow), 256);
  return new BlockCache(viaWindow(), 256);
}

/** A copy without the parsers' private `data` (sample tables, decoded configurations), which stays here for sample expansion. */
function withoutData(node: Node): Node {
  const { data: _data, ...rest } = node;
  return { ...rest, children: node.children.map(withoutData) };
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
    lazy: [],
    allDiagnostics: [{ diagnostic: node.diagnostics[0]!, node: [0] }],
    emulationPrevention: new Float64Array(0),
    packets: { count: 0, track: new Uint16Array(0), dts: new Float64Array(0), pts: new Float64Array(0), offset: new Float64Array(0), size: new Uint32Array(0), keyframe: new Uint8Array(0) },
  };
}

/** A pasted snippet recognised by media/paste (an FLV tag, avcC, NAL units ...), offsets counted in the pasted bytes. */
async function pastedDocument(bytes: Uint8Array): Promise<WireDocument> {
  const { inspectPastedBytes } = await import('../../../media/paste.js');
  const r = inspectPastedBytes(bytes);
  const empty = unknownFormat(bytes.length);
  if (r.tree.length === 0) return { ...empty, pasted: { guess: null, notes: r.notes } };
  const tree = r.tree.map(withoutData);
  return {
    ...empty,
    format: r.guess ?? 'paste',
    tree,
    diagnostics: r.diagnostics,
    allDiagnostics: diagnosticEntries(tree, r.diagnostics),
    emulationPrevention: emulationPreventionBytes(tree),
    pasted: { guess: r.variant ? `${r.guess} (${r.variant})` : r.guess, notes: r.notes },
  };
}

async function parse(message: Extract<ToWorker, { type: 'parse' }>): Promise<void> {
  const started = performance.now();
  const source = new ProgressSource(sourceOf(message.input));
  documentSource = source;
  maxEntries = message.maxEntries;
  post({ type: 'progress', done: 0, total: source.size, stage: 'Detecting format' });
  const input = message.input;
  const format = input.kind === 'bytes' && input.pasted ? undefined : await detectFormat(source, message.fileName);
  let document: WireDocument;
  if (input.kind === 'bytes' && input.pasted) {
    document = await pastedDocument(input.bytes);
    fullTree = document.tree;
  } else if (!format) {
    document = unknownFormat(source.size);
    fullTree = document.tree;
  } else {
    const full: MediaDocument = await format.open(source, { record: true, maxEntries: message.maxEntries });
    post({ type: 'progress', done: source.size, total: source.size, stage: 'Preparing the tree' });
    fullTree = full.tree.map(withoutData);
    fullDocument = full;
    const sent = skeleton(fullTree);
    document = {
      format: full.format,
      size: full.size,
      tree: sent.tree,
      lazy: sent.lazy,
      diagnostics: full.diagnostics,
      allDiagnostics: diagnosticEntries(fullTree, full.diagnostics),
      emulationPrevention: emulationPreventionBytes(fullTree),
      tracks: full.tracks,
      // A copy moves to the window; the worker keeps its own for sample expansion.
      packets: copyPackets(full.packets),
    };
  }
  const p = document.packets;
  // Packet columns move to the window instead of being copied (a set: two columns may share a buffer).
  const buffers = new Set<ArrayBufferLike>([p.track.buffer, p.dts.buffer, p.pts.buffer, p.offset.buffer, p.size.buffer, p.keyframe.buffer, document.emulationPrevention.buffer]);
  post({ type: 'done', document, millis: performance.now() - started }, [...buffers] as Transferable[]);
}

/** One packet read and expanded into NAL units or AAC elements (the tree only lists samples' byte ranges). */
async function expand(requestId: number, packet: number): Promise<void> {
  if (!fullDocument || !documentSource) {
    post({ type: 'sample', requestId, node: null, message: 'the document has no samples to open' });
    return;
  }
  const { expandSample } = await import('../../../media/samples/expand-sample.js');
  const node = await expandSample(fullDocument, documentSource, packet, { record: true, maxEntries });
  post({ type: 'sample', requestId, node: withoutData(node) });
}

/** The document planned for the player on the first `play-prepare`; fragments are made as they are asked for. */
let played: Promise<PlaySession> | undefined;

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function playPrepare(requestId: number, fragmentDuration: number): void {
  if (!fullDocument || !documentSource) {
    post({ type: 'play-index', requestId, index: null, message: 'this document has no media to play' });
    return;
  }
  const doc = fullDocument;
  played ??= import('./remux-session.js').then(({ playSession }) => playSession(doc, fragmentDuration));
  played.then(
    (r) => post({ type: 'play-index', requestId, index: r.index }),
    (e: unknown) => post({ type: 'play-index', requestId, index: null, message: errorText(e) }),
  );
}

function playSegment(requestId: number, segment: number): void {
  if (!played) {
    post({ type: 'play-bytes', requestId, bytes: null, message: 'not prepared for playback' });
    return;
  }
  played
    .then((session) => session.segment(segment))
    .then(
      (made) => {
        // A copy moves to the window: the session keeps its own among its recent fragments.
        const bytes = made.slice();
        post({ type: 'play-bytes', requestId, bytes }, [bytes.buffer]);
      },
      (e: unknown) => post({ type: 'play-bytes', requestId, bytes: null, message: errorText(e) }),
    );
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'parse':
      parse(message).catch((e: unknown) => post({ type: 'failed', message: e instanceof Error ? e.message : String(e) }));
      break;
    case 'load-nodes':
      post({ type: 'nodes', requestId: message.requestId, nodes: message.indices.map((i) => fullTree[i]).filter((n): n is Node => n !== undefined) });
      break;
    case 'search': {
      const q = message.query.trim().toLowerCase();
      const indices: number[] = [];
      for (let i = 0; i < fullTree.length && indices.length < message.limit && q; i++) if (subtreeMatches(fullTree[i]!, q)) indices.push(i);
      post({ type: 'search-result', requestId: message.requestId, indices });
      break;
    }
    case 'expand-sample':
      expand(message.requestId, message.packet).catch((e: unknown) =>
        post({ type: 'sample', requestId: message.requestId, node: null, message: e instanceof Error ? e.message : String(e) }),
      );
      break;
    case 'load-entries': {
      const source = documentSource;
      if (!source) {
        post({ type: 'entries', requestId: message.requestId, fields: null, message: 'no document' });
        break;
      }
      import('./more-entries.js')
        .then(({ loadMoreEntries }) => loadMoreEntries(fullTree, fullDocument?.format, source, message.node, message.field, message.count))
        .then(
          (fields) => post({ type: 'entries', requestId: message.requestId, fields }),
          (e: unknown) => post({ type: 'entries', requestId: message.requestId, fields: null, message: errorText(e) }),
        );
      break;
    }
    case 'play-prepare':
      playPrepare(message.requestId, message.fragmentDuration);
      break;
    case 'play-segment':
      playSegment(message.requestId, message.segment);
      break;
    default:
      proxied?.settle(message);
  }
};
