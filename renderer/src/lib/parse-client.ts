import type { Field, Node } from '../../../media/model/types.js';
import type { ByteSource } from '../../../media/source/byte-source.js';
import type { PlayIndex } from './player/types.js';
import type { FromWorker, ParseInput, ToWorker, WireDocument } from './worker-protocol.js';

/** Entries of each table recorded for the tree; the rest are counted (`omitted`) and still parsed. */
export const TREE_MAX_ENTRIES = 2000;

export interface ParseProgress {
  done: number;
  total: number;
  stage: string;
}

/** A parsed document's worker: it keeps the whole tree and answers for the nodes the window did not get. */
export interface DocumentSession {
  loadNodes(indices: number[]): Promise<Node[]>;
  /** Top-level indices whose subtree has a name containing `query`. */
  search(query: string, limit: number): Promise<number[]>;
  /** The packet's bytes expanded into NAL units or AAC elements; rejects when its format does not expand. */
  expandSample(packet: number): Promise<Node>;
  /** The next `count` entries of the table `field` of node `node` (after those listed); rejects when they cannot be read again. */
  loadEntries(node: number[], field: number[], count: number): Promise<Field[]>;
  /** Remuxes the document for the player (once) and says what it holds; rejects when it cannot play. */
  preparePlay(fragmentDuration: number): Promise<PlayIndex>;
  /** The bytes of one init segment or fragment of the remux. */
  playSegment(segment: number): Promise<Uint8Array>;
}

export interface ParseJob {
  result: Promise<{ document: WireDocument; millis: number; session: DocumentSession }>;
  /** Stops the worker: a parse in progress rejects with a CancelledError; a finished one's session ends. */
  cancel(): void;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

type Reply = Extract<FromWorker, { type: 'nodes' | 'search-result' | 'sample' | 'entries' | 'play-index' | 'play-bytes' }>;

/** One worker started before any file is chosen (see prewarmParseWorker), taken by the first parse. */
let spare: Worker | null = null;

function newParseWorker(): Worker {
  return new Worker(new URL('../workers/parse-worker.ts', import.meta.url), { type: 'module', name: 'bitlens-parse' });
}

/**
 * Starts a parse worker now so its module loads while the page connects: measured on a 4 GiB MP4
 * opened from the command line (npm run bench -- renderer), a new worker took ~100-250 ms from
 * `new Worker` to its first message, all of it on the path from the open request to the tree.
 */
export function prewarmParseWorker(): void {
  if (!spare && typeof Worker !== 'undefined') spare = newParseWorker();
}

/**
 * Runs one parse in a fresh worker, which then lives as long as the document (cancel() ends it).
 * `remote` answers the worker's range reads when the input is a remote file.
 */
export function startParse(
  input: ParseInput,
  fileName: string,
  onProgress: (p: ParseProgress) => void,
  remote?: ByteSource,
  maxEntries = TREE_MAX_ENTRIES,
): ParseJob {
  const worker = spare ?? newParseWorker();
  spare = null;
  const send = (message: ToWorker, transfer: Transferable[] = []): void => worker.postMessage(message, transfer);
  const waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  let nextRequest = 1;
  let reject: (e: Error) => void = () => {};
  let ended = false;

  const ask = (make: (requestId: number) => ToWorker): Promise<Reply> => {
    if (ended) return Promise.reject(new CancelledError());
    const requestId = nextRequest++;
    return new Promise((resolve, rejectAsk) => {
      waiting.set(requestId, { resolve, reject: rejectAsk });
      send(make(requestId));
    });
  };
  const session: DocumentSession = {
    async loadNodes(indices) {
      const r = await ask((requestId) => ({ type: 'load-nodes', requestId, indices }));
      return r.type === 'nodes' ? r.nodes : [];
    },
    async search(query, limit) {
      const r = await ask((requestId) => ({ type: 'search', requestId, query, limit }));
      return r.type === 'search-result' ? r.indices : [];
    },
    async expandSample(packet) {
      const r = await ask((requestId) => ({ type: 'expand-sample', requestId, packet }));
      if (r.type !== 'sample' || !r.node) throw new Error(r.type === 'sample' ? (r.message ?? 'not expanded') : 'unexpected reply');
      return r.node;
    },
    async loadEntries(node, field, count) {
      const r = await ask((requestId) => ({ type: 'load-entries', requestId, node, field, count }));
      if (r.type !== 'entries' || !r.fields) throw new Error(r.type === 'entries' ? (r.message ?? 'not loaded') : 'unexpected reply');
      return r.fields;
    },
    async preparePlay(fragmentDuration) {
      const r = await ask((requestId) => ({ type: 'play-prepare', requestId, fragmentDuration }));
      if (r.type !== 'play-index' || !r.index) throw new Error(r.type === 'play-index' ? (r.message ?? 'cannot play') : 'unexpected reply');
      return r.index;
    },
    async playSegment(segment) {
      const r = await ask((requestId) => ({ type: 'play-segment', requestId, segment }));
      if (r.type !== 'play-bytes' || !r.bytes) throw new Error(r.type === 'play-bytes' ? (r.message ?? 'no bytes') : 'unexpected reply');
      return r.bytes;
    },
  };

  const end = (error: Error): void => {
    ended = true;
    worker.terminate();
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };

  const result = new Promise<{ document: WireDocument; millis: number; session: DocumentSession }>((resolve, rejectResult) => {
    reject = rejectResult;
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      switch (message.type) {
        case 'read':
          if (!remote) {
            send({ type: 'read-failed', requestId: message.requestId, message: 'no remote source' });
            break;
          }
          remote.read(message.offset, message.length).then(
            (bytes) => {
              // A copy: the cache keeps its own block, the copy's buffer moves to the worker.
              const copy = bytes.slice();
              send({ type: 'read-result', requestId: message.requestId, bytes: copy }, [copy.buffer]);
            },
            (e: unknown) => send({ type: 'read-failed', requestId: message.requestId, message: e instanceof Error ? e.message : String(e) }),
          );
          break;
        case 'progress':
          onProgress({ done: message.done, total: message.total, stage: message.stage });
          break;
        case 'done':
          resolve({ document: message.document, millis: message.millis, session });
          break;
        case 'failed':
          end(new Error(message.message));
          rejectResult(new Error(message.message));
          break;
        case 'nodes':
        case 'search-result':
        case 'sample':
        case 'entries':
        case 'play-index':
        case 'play-bytes': {
          const w = waiting.get(message.requestId);
          waiting.delete(message.requestId);
          w?.resolve(message);
          break;
        }
      }
    };
    worker.onerror = (event) => {
      const error = new Error(event.message || 'the parse worker stopped');
      end(error);
      rejectResult(error);
    };
  });

  send({ type: 'parse', input, fileName, maxEntries });
  return {
    result,
    cancel() {
      if (ended) return;
      end(new CancelledError());
      reject(new CancelledError());
    },
  };
}
