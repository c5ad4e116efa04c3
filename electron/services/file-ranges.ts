// HTTP range reads of opened files (GET <page>/files/<fileId>, see FILE_RANGES_PATH in api.ts): the parse
// worker fetches its bytes here itself instead of asking the window, whose main thread is busy drawing while
// a document opens. The web host answers over HTTP and Electron from its bitlens:// handler, both with this.
import { FILE_RANGES_PATH, MAX_READ_RANGE } from '../api.js';
import { errorMessage } from './api-errors.js';
import type { FileRegistry } from './file-registry.js';

export interface RangeReply {
  status: 206 | 400 | 404 | 416;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

const FILE_PATH = new RegExp(`^/${FILE_RANGES_PATH}([^/]*)$`);
/** One range, as the worker asks: `bytes=first-last` or `bytes=first-` (digits only, no suffix or lists). */
const BYTE_RANGE = /^bytes=(\d{1,16})-(\d{0,16})$/;

/** The fileId a request path names, or null when the path is not under FILE_RANGES_PATH. */
export function fileIdOfPath(pathname: string): string | null {
  const m = FILE_PATH.exec(pathname);
  return m ? m[1]! : null;
}

/** `bytes=first-last` (last inclusive) or `bytes=first-`; null for anything else, multi-range lists included. */
export function parseByteRange(header: string | null | undefined): { first: number; last: number | null } | null {
  const m = header ? BYTE_RANGE.exec(header.trim()) : null;
  if (!m) return null;
  const first = Number(m[1]);
  const last = m[2] === '' ? null : Number(m[2]);
  if (!Number.isSafeInteger(first) || (last !== null && (!Number.isSafeInteger(last) || last < first))) return null;
  return { first, last };
}

const NO_STORE = { 'Cache-Control': 'no-store' };

function text(status: RangeReply['status'], message: string, extra: Record<string, string> = {}): RangeReply {
  return { status, headers: { ...NO_STORE, 'Content-Type': 'text/plain; charset=utf-8', ...extra }, body: `${message}\n` };
}

/**
 * The answer to a range request for `fileId`, looked up in the page registries given. Never more than
 * MAX_READ_RANGE bytes per request (the reply's Content-Range says what was sent), never the whole file.
 */
export async function readFileRange(registries: Iterable<FileRegistry>, fileId: string, rangeHeader: string | null | undefined): Promise<RangeReply> {
  let files: FileRegistry | undefined;
  for (const r of registries) if (r.has(fileId)) files = r;
  if (!files) return text(404, 'Not found');
  const range = parseByteRange(rangeHeader);
  if (!range) return text(400, 'Bad request: one byte range (Range: bytes=first-last) is required');
  try {
    const size = files.sizeOf(fileId);
    if (range.first >= size) return text(416, 'Range not satisfiable', { 'Content-Range': `bytes */${size}` });
    const end = Math.min(size, range.first + MAX_READ_RANGE, range.last === null ? size : range.last + 1);
    const bytes = await files.read(fileId, range.first, end - range.first);
    if (bytes.length === 0) return text(416, 'Range not satisfiable', { 'Content-Range': `bytes */${size}` });
    return {
      status: 206,
      headers: {
        ...NO_STORE,
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(bytes.length),
        'Content-Range': `bytes ${range.first}-${range.first + bytes.length - 1}/${size}`,
      },
      body: bytes,
    };
  } catch (e) {
    // Closed meanwhile, or a read error: said plainly, as the API's refusals are.
    return text(404, `Not found: ${errorMessage(e)}`);
  }
}
