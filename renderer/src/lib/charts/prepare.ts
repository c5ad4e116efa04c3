/**
 * Everything the Charts tab draws, computed once per document from its packet table and tracks.
 * Pure and synchronous: the columns are typed arrays filled in a few linear passes.
 */
import type { PacketTable, TrackInfo } from '../../../../media/model/document-model.js';
import { bitrate, type Bitrate } from './bitrate.js';
import { gops, type Gops } from './gop.js';
import { interleave, timeline, type Interleave, type Timeline } from './timeline.js';
import { splitTracks, type TrackSeries } from './track-series.js';

export interface ChartData {
  tracks: TrackSeries[];
  /** The first video and the first audio track, which the frame-size, GOP and drift charts show. */
  video?: TrackSeries;
  audio?: TrackSeries;
  bitrate: Bitrate;
  gops?: Gops;
  timeline: Timeline;
  interleave?: Interleave;
  /** How long this took, for the curious (and the performance test). */
  millis: number;
}

const cache = new WeakMap<PacketTable, ChartData>();

/** prepareCharts once per packet table (a document's table never changes once parsed). */
export function chartsOf(packets: PacketTable, tracks: readonly TrackInfo[]): ChartData {
  let data = cache.get(packets);
  if (!data) cache.set(packets, (data = prepareCharts(packets, tracks)));
  return data;
}

export function prepareCharts(packets: PacketTable, tracks: readonly TrackInfo[]): ChartData {
  const t0 = performance.now();
  const series = splitTracks(packets, tracks);
  const video = series.find((s) => s.kind === 'video' && s.packets.length > 0);
  const audio = series.find((s) => s.kind === 'audio' && s.packets.length > 0);
  const data: ChartData = {
    tracks: series,
    bitrate: bitrate(series.filter((s) => s.packets.length > 0)),
    timeline: timeline(packets, tracks),
    millis: 0,
  };
  if (video) {
    data.video = video;
    data.gops = gops(video);
  }
  if (audio) data.audio = audio;
  const il = interleave(packets, tracks);
  if (il) data.interleave = il;
  data.millis = performance.now() - t0;
  return data;
}
