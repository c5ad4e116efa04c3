/**
 * A remuxed file as hls.js sees it: a finished playlist whose EXTINF are the fragments' exact durations,
 * and segment names (`seg-<index>.mp4|m4s|ts`) that the worker answers. The last few fragments loaded
 * are kept, so an append error can be traced to the sample inside the fragment (fragment-check.ts).
 */
import type { PlaySource } from './memory-loader.js';
import { mediaPlaylist, type PlaylistEntry } from './playlist.js';
import type { PlayIndex } from './types.js';

/** Segment index named by a URI the playlist gave (`seg-12.m4s` -> 12), or -1. */
export function segmentOfUri(uri: string): number {
  const m = /seg-(\d+)\.(?:mp4|m4s|ts)(?:$|\?)/.exec(uri);
  return m ? Number(m[1]) : -1;
}

export function fileEntries(index: PlayIndex): PlaylistEntry[] {
  const entries: PlaylistEntry[] = [];
  let initUri: string | undefined;
  index.segments.forEach((s, i) => {
    if (s.kind === 'init') {
      initUri = `seg-${i}.mp4`;
      return;
    }
    const entry: PlaylistEntry = { msn: entries.length, uri: `seg-${i}.m4s`, duration: s.duration, generation: s.generation };
    if (initUri) entry.initUri = initUri;
    entries.push(entry);
  });
  return entries;
}

export class FileSource implements PlaySource {
  readonly text: string;
  /** Recently loaded fragments by segment index. */
  readonly recent = new Map<number, Uint8Array>();

  constructor(
    readonly index: PlayIndex,
    private readonly fetch: (segment: number) => Promise<Uint8Array>,
  ) {
    this.text = mediaPlaylist(fileEntries(index), { ended: true });
  }

  playlist(): Promise<string> {
    return Promise.resolve(this.text);
  }

  async resource(name: string): Promise<Uint8Array> {
    const i = segmentOfUri(name);
    if (i < 0) throw new Error(`no such segment: ${name}`);
    const bytes = await this.fetch(i);
    if (this.index.segments[i]?.kind === 'media') {
      // hls.js takes the buffer it is given; keep our own copy for error tracing.
      this.recent.set(i, bytes.slice());
      if (this.recent.size > 6) this.recent.delete(this.recent.keys().next().value!);
    }
    return bytes;
  }
}
