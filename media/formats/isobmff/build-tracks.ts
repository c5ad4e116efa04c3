import type { EditEntry, TrackInfo } from '../../model/document-model.js';
import type { Node } from '../../model/types.js';
import { type ElstData, type HdlrData, type MdhdData, type MvhdData, type TkhdData, type TrexData, child, childrenOf, dataOf, path } from './box-data.js';
import { reportOn } from './box-scope.js';
import { type FragmentTrack, indexFragment } from './samples/fragment-index.js';
import { SampleBudget } from './samples/sample-budget.js';
import { checkSampleBytes, mdatRanges } from './samples/sample-bytes-check.js';
import { indexSampleTables } from './samples/sample-table-index.js';
import { type TrackSamples, TrackSamplesBuilder } from './samples/track-samples.js';
import { codecFacts, trackKind } from './track-facts.js';

export interface IsoTrack {
  info: TrackInfo;
  samples: TrackSamples;
  /** The trak box (its stsd entries hold the codec configuration). */
  trak: Node;
}

/** Builds every track's facts and sample index from a parsed ISO-BMFF tree of a `fileSize`-byte file. */
export function buildTracks(tree: Node[], fileSize: number): IsoTrack[] {
  const moov = tree.find((n) => n.name === 'moov');
  if (!moov) return [];
  const mvhd = dataOf<MvhdData>(child(moov, 'mvhd'));
  const trexById = new Map<number, TrexData>();
  for (const trex of childrenOf(child(moov, 'mvex'), 'trex')) {
    const d = dataOf<TrexData>(trex);
    if (d) trexById.set(d.trackId, d);
  }
  const budget = new SampleBudget(fileSize);
  const fragmentTracks = new Map<number, FragmentTrack>();
  const traks = childrenOf(moov, 'trak');
  const partial = traks.map((trak) => {
    const tkhd = dataOf<TkhdData>(child(trak, 'tkhd'));
    const trackId = tkhd?.trackId ?? 0;
    const builder = new TrackSamplesBuilder();
    const stbl = path(trak, 'mdia', 'minf', 'stbl');
    if (stbl) indexSampleTables(stbl, builder, budget);
    const trex = trexById.get(trackId);
    const ft: FragmentTrack = { trackId, samples: builder, nextDts: 0 };
    if (trex) ft.trex = trex;
    if (fragmentTracks.has(trackId)) reportOn(trak, 'error', 'duplicate-track-id', `track_ID ${trackId} is used by two tracks`);
    else fragmentTracks.set(trackId, ft);
    return { trak, tkhd, builder, ft };
  });
  // Fragments continue after the samples the moov already holds.
  for (const t of partial) t.ft.nextDts = t.builder.nextDecodeTime();
  for (const node of tree) if (node.name === 'moof') indexFragment(node, fragmentTracks, budget);
  const mdats = mdatRanges(tree);

  return partial.map(({ trak, tkhd, builder }) => {
    const samples = builder.finish();
    checkSampleBytes(trak, tkhd?.trackId ?? 0, samples, mdats, fileSize);
    const mdhd = dataOf<MdhdData>(path(trak, 'mdia', 'mdhd'));
    const hdlr = dataOf<HdlrData>(path(trak, 'mdia', 'hdlr'));
    const entry = path(trak, 'mdia', 'minf', 'stbl', 'stsd')?.children[0];
    const facts = codecFacts(entry);
    const timescale = mdhd?.timescale ?? 0;
    const info: TrackInfo = {
      id: tkhd?.trackId ?? 0,
      kind: trackKind(hdlr?.handlerType),
      ...facts,
      timescale,
      samples: samples.count,
      keyframes: countKeyframes(samples),
      durationSeconds: 0,
    };
    if (info.kind !== 'video') {
      delete info.width;
      delete info.height;
    } else if (info.width === undefined && tkhd && tkhd.width > 0) {
      info.width = tkhd.width;
      info.height = tkhd.height;
    }
    const frameRate = info.kind === 'video' ? commonFrameRate(samples, timescale) : undefined;
    if (frameRate) info.frameRate = frameRate;
    const elst = dataOf<ElstData>(path(trak, 'edts', 'elst'));
    const mediaDuration = mediaSpan(samples);
    if (elst && elst.entries.length > 0) {
      info.edits = elst.entries.map((e): EditEntry => ({ segmentDuration: e.segmentDuration, mediaTime: e.mediaTime, mediaRate: e.mediaRate }));
      const firstMedia = elst.entries.find((e) => e.mediaTime !== -1);
      info.editShift = firstMedia ? firstMedia.mediaTime : 0;
    }
    info.durationSeconds = presentationSeconds(info, mediaDuration, mvhd?.timescale ?? 0);
    return { info, samples, trak };
  });
}

function countKeyframes(s: TrackSamples): number {
  let n = 0;
  for (let i = 0; i < s.count; i++) n += s.keyframe[i]!;
  return n;
}

/** Decode span of the samples: last DTS + its duration - first DTS. */
function mediaSpan(s: TrackSamples): number {
  if (s.count === 0) return 0;
  return s.dts[s.count - 1]! + s.duration[s.count - 1]! - s.dts[0]!;
}

/** The presentation duration follows the edit list: empty edits add time, the media edit shows what remains after its media_time. */
function presentationSeconds(info: TrackInfo, mediaDuration: number, movieTimescale: number): number {
  if (info.timescale <= 0) return 0;
  const media = mediaDuration / info.timescale;
  if (!info.edits || movieTimescale <= 0) return media;
  let seconds = 0;
  for (const e of info.edits) {
    if (e.segmentDuration > 0) {
      seconds += e.segmentDuration / movieTimescale;
    } else if (e.mediaTime >= 0) {
      // Fragmented files leave segment_duration 0: the edit runs to the end of the media.
      seconds += Math.max(0, media - e.mediaTime / info.timescale);
    }
  }
  return seconds;
}

/** The frame rate of a constant-rate track: timescale over the most common sample duration, reduced. */
function commonFrameRate(s: TrackSamples, timescale: number): [number, number] | undefined {
  if (s.count === 0 || timescale <= 0) return undefined;
  const tally = new Map<number, number>();
  for (let i = 0; i < s.count; i++) tally.set(s.duration[i]!, (tally.get(s.duration[i]!) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [d, c] of tally) if (d > 0 && c > bestCount) [best, bestCount] = [d, c];
  if (best === 0) return undefined;
  const g = gcd(timescale, best);
  return [timescale / g, best / g];
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
