// The in-memory HLS playlists and the loader hls.js calls: exact EXTINF, a discontinuity and a new
// EXT-X-MAP when the configuration changes, the live window, LL-HLS parts, blocking reloads.
import { describe, expect, it } from 'vitest';
import { FileSource, fileEntries, segmentOfUri } from '../../../renderer/src/lib/player/file-source.js';
import { memoryLoader, PLAYLIST_URL, type PlaySource } from '../../../renderer/src/lib/player/memory-loader.js';
import { decimal, mediaPlaylist, type PlaylistEntry } from '../../../renderer/src/lib/player/playlist.js';
import type { PlayIndex, PlaySegment } from '../../../renderer/src/lib/player/types.js';
import type { HlsConfig, LoaderCallbacks, LoaderConfiguration, LoaderContext, LoaderResponse } from 'hls.js';

const init = (generation: number): PlaySegment => ({ kind: 'init', generation, size: 100, sequenceNumber: 0, duration: 0, start: 0, packets: [], mimeType: 'video/mp4; codecs="avc1.42C00D"' });
const media = (generation: number, sequenceNumber: number, duration: number, packets: number[]): PlaySegment => ({ kind: 'media', generation, size: 1000, sequenceNumber, duration, start: 0, packets });

/** Two generations: the second starts after an SPS change (a new init segment). */
const INDEX: PlayIndex = {
  mode: 'fmp4',
  tracks: [],
  skipped: [],
  codecs: ['avc1.42C00D'],
  segments: [init(0), media(0, 1, 1001 / 1000, [0, 1]), media(0, 2, 2002 / 3000, [2]), init(1), media(1, 1, 0.04, [3])],
};

describe('playlists', () => {
  it('writes seconds exactly to the microsecond, without trailing zeros', () => {
    expect(decimal(1)).toBe('1');
    expect(decimal(1001 / 30000)).toBe('0.033367');
    expect(decimal(0.04)).toBe('0.04');
    expect(decimal(2.0725)).toBe('2.0725');
  });

  it('a file: EXTINF are the fragments own durations; a new init segment is a discontinuity with its own map', () => {
    const text = new FileSource(INDEX, () => Promise.resolve(new Uint8Array())).text;
    expect(text.split('\n')).toEqual([
      '#EXTM3U',
      '#EXT-X-VERSION:7',
      '#EXT-X-TARGETDURATION:2',
      '#EXT-X-PLAYLIST-TYPE:VOD',
      '#EXT-X-MEDIA-SEQUENCE:0',
      '#EXT-X-DISCONTINUITY-SEQUENCE:0',
      '#EXT-X-INDEPENDENT-SEGMENTS',
      '#EXT-X-MAP:URI="seg-0.mp4"',
      '#EXTINF:1.001,',
      'seg-1.m4s',
      '#EXTINF:0.667333,',
      'seg-2.m4s',
      '#EXT-X-DISCONTINUITY',
      '#EXT-X-MAP:URI="seg-3.mp4"',
      '#EXTINF:0.04,',
      'seg-4.m4s',
      '#EXT-X-ENDLIST',
      '',
    ]);
  });

  it('lists each fragment with the init segment of its generation, and finds the segment a loader URI names', () => {
    expect(fileEntries(INDEX)).toEqual([
      { msn: 0, uri: 'seg-1.m4s', duration: 1001 / 1000, generation: 0, initUri: 'seg-0.mp4' },
      { msn: 1, uri: 'seg-2.m4s', duration: 2002 / 3000, generation: 0, initUri: 'seg-0.mp4' },
      { msn: 2, uri: 'seg-4.m4s', duration: 0.04, generation: 1, initUri: 'seg-3.mp4' },
    ]);
    expect(segmentOfUri('https://bitlens.invalid/play/seg-12.m4s?x=1')).toBe(12);
    expect(segmentOfUri('https://bitlens.invalid/play/index.m3u8')).toBe(-1);
  });

  it('a live window lists the last segments, counts the discontinuities it dropped, and has no end', () => {
    const entries: PlaylistEntry[] = [0, 1, 2, 3, 4, 5].map((msn) => ({ msn, uri: `s${msn}.m4s`, duration: 0.5, generation: msn < 2 ? 0 : msn < 4 ? 1 : 2, initUri: `i${msn < 2 ? 0 : msn < 4 ? 1 : 2}.mp4` }));
    const lines = mediaPlaylist(entries, { ended: false, window: 3 }).trim().split('\n');
    expect(lines).toContain('#EXT-X-MEDIA-SEQUENCE:3');
    expect(lines).toContain('#EXT-X-DISCONTINUITY-SEQUENCE:1');
    expect(lines).not.toContain('#EXT-X-ENDLIST');
    expect(lines.slice(lines.indexOf('#EXT-X-INDEPENDENT-SEGMENTS') + 1)).toEqual([
      '#EXT-X-MAP:URI="i1.mp4"',
      '#EXTINF:0.5,',
      's3.m4s',
      '#EXT-X-DISCONTINUITY',
      '#EXT-X-MAP:URI="i2.mp4"',
      '#EXTINF:0.5,',
      's4.m4s',
      '#EXTINF:0.5,',
      's5.m4s',
    ]);
  });

  it('LL-HLS: parts, server control with blocking reload, the segment in progress and a preload hint', () => {
    const entries: PlaylistEntry[] = [{ msn: 7, uri: 's7.m4s', duration: 0.4, generation: 0, initUri: 'i0.mp4', parts: [{ uri: 'p7.0.m4s', duration: 0.2, independent: true }, { uri: 'p7.1.m4s', duration: 0.2, independent: false }] }];
    const text = mediaPlaylist(entries, { ended: false, partTarget: 0.2, partHoldBack: 0.6, pending: { msn: 8, generation: 0, initUri: 'i0.mp4', parts: [{ uri: 'p8.0.m4s', duration: 0.2, independent: false }], nextPartUri: 'p8.1.m4s' } });
    expect(text).toContain('#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=0.6\n#EXT-X-PART-INF:PART-TARGET=0.2\n');
    expect(text).toContain('#EXT-X-PART:DURATION=0.2,URI="p7.0.m4s",INDEPENDENT=YES\n#EXT-X-PART:DURATION=0.2,URI="p7.1.m4s"\n#EXTINF:0.4,\ns7.m4s\n');
    expect(text).toContain('#EXT-X-PART:DURATION=0.2,URI="p8.0.m4s"\n#EXT-X-PRELOAD-HINT:TYPE=PART,URI="p8.1.m4s"\n');
    expect(text.match(/EXT-X-MAP/g)).toHaveLength(1);
  });
});

/** Runs one load through the loader class and resolves with what hls.js would receive. */
function load(source: PlaySource, url: string, responseType = 'arraybuffer'): Promise<{ ok: boolean; response?: LoaderResponse; text?: string; loaded: number }> {
  const Loader = memoryLoader(source);
  const loader = new Loader({} as HlsConfig);
  return new Promise((resolve) => {
    const callbacks: LoaderCallbacks<LoaderContext> = {
      onSuccess: (response, stats) => resolve({ ok: true, response, loaded: stats.loaded }),
      onError: (error, _c, _n, stats) => resolve({ ok: false, text: error.text, loaded: stats.loaded }),
      onTimeout: () => resolve({ ok: false, text: 'timeout', loaded: 0 }),
    };
    loader.load({ url, responseType, type: 'manifest' } as LoaderContext, {} as LoaderConfiguration, callbacks);
  });
}

describe('the memory loader', () => {
  it('answers the playlist as text and segments as exactly sized ArrayBuffers from the source', async () => {
    const asked: number[] = [];
    const source = new FileSource(INDEX, (i) => {
      asked.push(i);
      // A view into a bigger buffer: the loader must hand hls.js just these bytes.
      return Promise.resolve(new Uint8Array(new ArrayBuffer(64), 8, 4).fill(i));
    });
    const playlist = await load(source, PLAYLIST_URL, 'text');
    expect(playlist.response?.data).toBe(source.text);
    const seg = await load(source, 'https://bitlens.invalid/play/seg-2.m4s');
    expect(seg.ok).toBe(true);
    expect(new Uint8Array(seg.response!.data as ArrayBuffer)).toEqual(new Uint8Array([2, 2, 2, 2]));
    expect(seg.loaded).toBe(4);
    expect(asked).toEqual([2]);
    // Media fragments are kept for tracing errors; init segments are not.
    expect([...source.recent.keys()]).toEqual([2]);
    const missing = await load(source, 'https://bitlens.invalid/play/nothing.bin');
    expect(missing).toMatchObject({ ok: false, text: 'no such segment: nothing.bin' });
  });

  it('passes LL-HLS delivery directives to the source (a blocking reload waits there)', async () => {
    const seen: unknown[] = [];
    let release: () => void = () => {};
    const source: PlaySource = {
      playlist: (request) => {
        seen.push(request);
        return new Promise((r) => (release = () => r('#EXTM3U\n')));
      },
      resource: () => Promise.reject(new Error('none')),
    };
    const pending = load(source, `${PLAYLIST_URL}?_HLS_msn=12&_HLS_part=3`, 'text');
    await Promise.resolve();
    expect(seen).toEqual([{ msn: 12, part: 3 }]);
    release();
    expect((await pending).response?.data).toBe('#EXTM3U\n');
  });
});
