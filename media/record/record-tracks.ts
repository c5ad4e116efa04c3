/**
 * The MP4 tracks of one recording file: a sample description per live track whose codec has an
 * MP4 sample entry, times in milliseconds (the FLV/RTMP timescale, so they stay exact).
 */
import { aacDescription, avcDescription, hevcDescription } from '../codecs/sample-description.js';
import type { FlvConfig } from '../formats/flv/flv-tag-data.js';
import type { SampleDescription } from '../model/document-model.js';
import type { RemuxTrack } from '../remux/types.js';
import type { RecordTrack } from './recording-plan.js';

export const RECORD_TIMESCALE = 1000;

/** The sample description of a live decoder configuration, or undefined when MP4 cannot carry it here. */
export function configDescription(c: FlvConfig): SampleDescription | undefined {
  if (c.avc) return avcDescription(c.avc, c.sps ? { width: c.sps.width, height: c.sps.height } : {});
  if (c.hevc) return hevcDescription(c.hevc, {});
  if (c.audio && c.codec === 'mp4a') return aacDescription(c.audio);
  return undefined;
}

export interface RecordLayout {
  /** Writer tracks, in the order of the plan's tracks that can be written. */
  tracks: RemuxTrack[];
  /** Per plan track: its writer track index, or -1 when it is left out (its codec has no sample entry). */
  writerIndex: number[];
  /** Codecs left out of the MP4 (they are still in the FLV). */
  leftOut: string[];
}

export function recordLayout(planTracks: readonly RecordTrack[]): RecordLayout {
  const layout: RecordLayout = { tracks: [], writerIndex: [], leftOut: [] };
  for (const t of planTracks) {
    const d = configDescription(t.config);
    if (!d) {
      layout.writerIndex.push(-1);
      layout.leftOut.push(`${t.kind} ${t.config.codec}`);
      continue;
    }
    layout.writerIndex.push(layout.tracks.length);
    layout.tracks.push({ id: layout.tracks.length + 1, kind: t.kind, timescale: RECORD_TIMESCALE, descriptions: [d] });
  }
  return layout;
}
