// The worker's remux for playback on the corpus: every played sample in exactly one fragment, EXTINF
// durations that add up to the lead track's span exactly, samples found again from their times, and a
// broken NAL length traced to its sample.
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../media/detect.js';
import type { MediaDocument } from '../../../media/model/document-model.js';
import { BULK } from '../../../media/model/types.js';
import { remuxDocument } from '../../../media/remux/document-remux.js';
import { MemorySource } from '../../../media/source/memory-source.js';
import { findSampleFault } from '../../../renderer/src/lib/player/fragment-check.js';
import { TimeMap } from '../../../renderer/src/lib/player/time-map.js';
import type { PlayIndex } from '../../../renderer/src/lib/player/types.js';
import { playSession } from '../../../renderer/src/workers/remux-session.js';
import { fixtureBytes } from '../../helpers/fixtures.js';

async function open(name: string): Promise<{ doc: MediaDocument }> {
  const source = new MemorySource(fixtureBytes(name));
  const format = await detectFormat(source, name);
  return { doc: await format!.open(source, BULK) };
}

/** The playback plan and every segment of it, fetched one by one as hls.js's loader would. */
async function remuxForPlay(doc: MediaDocument, fragmentDuration: number): Promise<{ index: PlayIndex; data: Uint8Array[] }> {
  const session = await playSession(doc, fragmentDuration);
  const data: Uint8Array[] = [];
  for (let k = 0; k < session.index.segments.length; k++) data.push(await session.segment(k));
  return { index: session.index, data };
}

const FMP4 = ['avc-baseline-aac.mp4', 'avc-high-bframes-faststart.mp4', 'avc-main-aac-fragmented.mp4', 'smooth.ismv', 'smooth-audio.isma', 'avc-high-bframes.flv', 'avc-aac.flv', 'aac-lc.adts.aac', 'annexb.h264', 'hevc.mp4', 'segment.ts', 'quicktime-aac.mov', 'hevc-annexb.hevc'];

describe('remux for playback', () => {
  it.each(FMP4)('%s: fragments carry every sample once, EXTINF adds up exactly, times find their samples', async (name) => {
    const { doc } = await open(name);
    const { index, data } = await remuxForPlay(doc, 1);
    expect(index.mode).toBe('fmp4');
    expect(index.segments[0]!.kind).toBe('init');
    // Sizes are planned from the packet table: exact where samples are stored as MP4 carries them;
    // Annex B start codes and ADTS headers (raw streams, MPEG-TS) are rewritten, so there they are near.
    if (!/\.(h264|hevc|aac|ts)$/.test(name)) expect(data.map((d) => d.length)).toEqual(index.segments.map((s) => s.size));
    else for (const [k, d] of data.entries()) expect(Math.abs(d.length - index.segments[k]!.size) / d.length).toBeLessThan(0.1);
    const seen = index.segments.flatMap((s) => s.packets).sort((a, b) => a - b);
    const played = Array.from({ length: doc.packets.count }, (_, i) => i).filter((i) => index.tracks.some((t) => t.docTrack === doc.packets.track[i]));
    expect(seen).toEqual(played);
    // The lead track's span: from its first DTS to its last DTS plus the last sample's duration.
    const lead = index.tracks.find((t) => t.kind === 'video') ?? index.tracks[0]!;
    const p = doc.packets;
    const mine = played.filter((i) => p.track[i] === lead.docTrack);
    const durations = index.segments.filter((s) => s.kind === 'media').map((s) => s.duration);
    const total = durations.reduce((a, b) => a + b, 0);
    const first = p.dts[mine[0]!]!;
    const last = p.dts[mine[mine.length - 1]!]!;
    const lastDuration = doc.samples!.duration[mine[mine.length - 1]!]! || last - p.dts[mine[mine.length - 2]!]!;
    expect(total).toBeCloseTo((last + lastDuration - first) / lead.timescale, 9);
    // Each fragment's start is the previous one's start plus its EXTINF.
    const media = index.segments.filter((s) => s.kind === 'media');
    for (let k = 1; k < media.length; k++) expect(media[k]!.start).toBeCloseTo(media[k - 1]!.start + media[k - 1]!.duration, 9);
    const map = new TimeMap(index, doc.packets);
    for (const i of mine) expect(map.packetAt(map.timeOf(i))).toBe(i);
    for (const [k, bytes] of data.entries()) if (index.segments[k]!.kind === 'media') expect(findSampleFault(bytes, index.tracks), `${name} seg ${k}`).toBeNull();
  });

  it.each(FMP4)('%s: each segment made on its own is byte for byte what the whole remux writes', async (name) => {
    const { doc } = await open(name);
    const whole: Uint8Array[] = [];
    await remuxDocument(doc, (s) => void (s.type !== 'index' && whole.push(s.data)), { fragmentDuration: 1 });
    const session = await playSession(doc, 1);
    expect(session.index.segments).toHaveLength(whole.length);
    // Asked for out of order, as seeks do: each fragment depends only on the plan.
    const order = whole.map((_, k) => k).reverse();
    for (const k of order) expect(await session.segment(k), `${name} seg ${k}`).toEqual(whole[k]);
  });

  it('MPEG-TS plays from its own fragments too (its samples gathered from their TS packets)', async () => {
    const { doc } = await open('segment.ts');
    const { index } = await remuxForPlay(doc, 1);
    expect(index.mode).toBe('fmp4');
    expect(index.segments.filter((s) => s.kind === 'media').length).toBeGreaterThan(1);
    expect(index.codecs.sort()).toEqual(['avc1.64000D', 'mp4a.40.2']);
  });

  it('a NAL length that runs past its sample is traced to that sample', async () => {
    const { doc } = await open('avc-baseline-aac.mp4');
    const { index, data } = await remuxForPlay(doc, 1);
    const k = index.segments.findIndex((s) => s.kind === 'media' && s.sequenceNumber === 2);
    const seg = index.segments[k]!;
    const bytes = data[k]!.slice();
    // The 4th sample of the fragment (video run first): find its payload through the packet table.
    const packet = seg.packets[3]!;
    const payload = await doc.samples!.read(packet);
    const at = indexOf(bytes, payload);
    expect(at).toBeGreaterThan(0);
    bytes.set([0x7f, 0xff, 0xff, 0xff], at); // NAL unit length = 2^31 - 1
    expect(findSampleFault(bytes, index.tracks)).toEqual({ position: 3, trackId: index.tracks[0]!.trackId, reason: `NAL unit 0 claims 2147483647 bytes at byte 0, past the end of the ${payload.length}-byte sample` });
  });
});

function indexOf(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
