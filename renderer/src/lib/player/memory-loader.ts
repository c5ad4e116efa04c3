/**
 * hls.js's Loader interface answered from memory: the playlist text and the segment bytes come from a
 * PlaySource (a remuxed file, a live session), never from HTTP or temporary files. One class serves
 * playlists and fragments (hls.js's `loader` option). A live playlist request carrying LL-HLS delivery
 * directives (`_HLS_msn`, `_HLS_part`) is held until that segment or part exists (a blocking reload).
 */
import { LoadStats, type HlsConfig, type Loader, type LoaderCallbacks, type LoaderConfiguration, type LoaderContext } from 'hls.js';

/** Base of every URL the player gives hls.js (nothing is fetched from it). */
export const PLAY_BASE = 'https://bitlens.invalid/play/';
export const PLAYLIST_URL = `${PLAY_BASE}index.m3u8`;

export interface PlaylistRequest {
  msn?: number;
  part?: number;
}

export interface PlaySource {
  /** The playlist as it is now, or once the segment/part asked for exists (live). */
  playlist(request: PlaylistRequest): Promise<string>;
  /** The bytes a segment or part URI names (the last path component). */
  resource(name: string): Promise<Uint8Array>;
}

export interface MemoryLoaderConstructor {
  new (config: HlsConfig): Loader<LoaderContext>;
}

/** A Loader class bound to one source (hls.js constructs one loader per request). */
export function memoryLoader(source: PlaySource): MemoryLoaderConstructor {
  return class MemoryLoader implements Loader<LoaderContext> {
    context: LoaderContext | null = null;
    stats = new LoadStats();
    private aborted = false;

    constructor(_config: HlsConfig) {}

    load(context: LoaderContext, _config: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>): void {
      this.context = context;
      const stats = this.stats;
      stats.loading.start = performance.now();
      const url = new URL(context.url);
      const name = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
      const answer: Promise<string | ArrayBuffer> = name.endsWith('.m3u8')
        ? source.playlist(directives(url))
        : source.resource(name).then((bytes) => exactBuffer(bytes));
      answer.then(
        (data) => {
          if (this.aborted) return;
          const size = typeof data === 'string' ? data.length : data.byteLength;
          const now = performance.now();
          stats.loading.first = Math.max(stats.loading.start, now - 1);
          stats.loading.end = now;
          stats.loaded = stats.total = size;
          stats.chunkCount = 1;
          callbacks.onSuccess({ url: context.url, data, code: 200 }, stats, context, null);
        },
        (e: unknown) => {
          if (this.aborted) return;
          stats.loading.end = performance.now();
          callbacks.onError({ code: 404, text: e instanceof Error ? e.message : String(e) }, context, null, stats);
        },
      );
    }

    abort(): void {
      this.aborted = true;
      this.stats.aborted = true;
    }

    destroy(): void {
      this.abort();
      this.context = null;
    }
  };
}

function directives(url: URL): PlaylistRequest {
  const msn = url.searchParams.get('_HLS_msn');
  const part = url.searchParams.get('_HLS_part');
  const out: PlaylistRequest = {};
  if (msn !== null && /^\d+$/.test(msn)) out.msn = Number(msn);
  if (part !== null && /^\d+$/.test(part)) out.part = Number(part);
  return out;
}

/** hls.js wants an ArrayBuffer holding exactly the bytes. */
function exactBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  return bytes.slice().buffer as ArrayBuffer;
}
