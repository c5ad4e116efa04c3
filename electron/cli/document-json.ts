import type { MediaDocument, TrackInfo } from '../../media/model/document-model.js';
import { collectDiagnostics, diagnosticToJson, nodeToJson } from '../../media/model/json.js';

/** `info --json`: the document's facts without its tree. */
export function infoJson(doc: MediaDocument): object {
  return {
    format: doc.format,
    size: doc.size,
    durationSeconds: doc.tracks.reduce((m, t) => Math.max(m, t.durationSeconds), 0),
    tracks: doc.tracks,
  };
}

/** `inspect --json`: file, size, format, tracks, the tree and every diagnostic. */
export function inspectJson(doc: MediaDocument, file: string): object {
  return {
    file,
    size: doc.size,
    format: doc.format,
    tracks: doc.tracks,
    tree: doc.tree.map(nodeToJson),
    diagnostics: [...doc.diagnostics, ...collectDiagnostics(doc.tree)].map(diagnosticToJson),
  };
}

/** `packets --json`: every packet in file order, times in its track's timescale. */
export function packetsJson(doc: MediaDocument): { tracks: TrackInfo[]; packets: object[] } {
  const p = doc.packets;
  const packets = new Array<object>(p.count);
  for (let i = 0; i < p.count; i++) {
    const track = doc.tracks[p.track[i]!]!;
    packets[i] = { track: track.id, dts: p.dts[i], pts: p.pts[i], timescale: track.timescale, offset: p.offset[i], size: p.size[i], keyframe: p.keyframe[i] === 1 };
  }
  return { tracks: doc.tracks, packets };
}
