import type { ByteSource } from '../../../media/source/byte-source.js';
import type { FromWorker, ParseInput, ToWorker, WireDocument } from './worker-protocol.js';

/** Entries of each table recorded for the tree; the rest are counted (`omitted`) and still parsed. */
export const TREE_MAX_ENTRIES = 2000;

export interface ParseProgress {
  done: number;
  total: number;
  stage: string;
}

export interface ParseJob {
  result: Promise<{ document: WireDocument; millis: number }>;
  /** Stops the worker; `result` rejects with a CancelledError. */
  cancel(): void;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

/**
 * Runs one parse in a fresh worker (terminated when done, so a cancelled or finished parse frees its memory).
 * `remote` answers the worker's range reads when the input is a remote file.
 */
export function startParse(
  input: ParseInput,
  fileName: string,
  onProgress: (p: ParseProgress) => void,
  remote?: ByteSource,
  maxEntries = TREE_MAX_ENTRIES,
): ParseJob {
  const worker = new Worker(new URL('../workers/parse-worker.ts', import.meta.url), { type: 'module', name: 'bitlens-parse' });
  const send = (message: ToWorker, transfer: Transferable[] = []): void => worker.postMessage(message, transfer);
  let reject: (e: Error) => void = () => {};
  let finished = false;

  const result = new Promise<{ document: WireDocument; millis: number }>((resolve, rejectResult) => {
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
            // A copy: the cache keeps its own block, the copy's buffer moves to the worker.
            (bytes) => {
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
          finished = true;
          worker.terminate();
          resolve({ document: message.document, millis: message.millis });
          break;
        case 'failed':
          finished = true;
          worker.terminate();
          rejectResult(new Error(message.message));
          break;
      }
    };
    worker.onerror = (event) => {
      finished = true;
      worker.terminate();
      rejectResult(new Error(event.message || 'the parse worker stopped'));
    };
  });

  send({ type: 'parse', input, fileName, maxEntries });
  return {
    result,
    cancel() {
      if (finished) return;
      finished = true;
      worker.terminate();
      reject(new CancelledError());
    },
  };
}
