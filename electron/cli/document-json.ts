import type { MediaDocument, TrackInfo } from '../../media/model/document-model.js';
import { collectDiagnostics, diagnosticToJson, nodeToJson } from '../../media/model/json.js';
import { summarize, summaryJson } from './diagnostics-summary.js';

/** `info --json`: the document's facts without its tree. */
export function infoJson(doc: MediaDocument): object {
  return {
    format: doc.format,
    size: doc.size,
    durationSeconds: doc.tracks.reduce((m, t) => Math.max(m, t.durationSeconds), 0),
    tracks: doc.tracks,
    diagnostics: summaryJson(summarize(doc)),
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

/** Packets per piece of `packets --json`: pieces of a few hundred kilobytes. */
const PACKETS_PER_PIECE = 4096;

/** One packet as `packets --json` lists it: times in its track's timescale. */
function packetJson(doc: MediaDocument, i: number): object {
  const p = doc.packets;
  const track = doc.tracks[p.track[i]!];
  return { track: track?.id, dts: p.dts[i], pts: p.pts[i], timescale: track?.timescale, offset: p.offset[i], size: p.size[i], keyframe: p.keyframe[i] === 1 };
}

/** `packets --json`: every packet in file order. */
export function packetsJson(doc: MediaDocument): { tracks: TrackInfo[]; packets: object[] } {
  const packets = new Array<object>(doc.packets.count);
  for (let i = 0; i < packets.length; i++) packets[i] = packetJson(doc, i);
  return { tracks: doc.tracks, packets };
}

/**
 * `packets --json` as text in pieces, made as they are asked for: together, `JSON.stringify(packetsJson(doc))`
 * and a line break. A listing of millions of packets is never held whole, and stops when its reader does.
 */
export function* packetsJsonPieces(doc: MediaDocument): Generator<string> {
  const count = doc.packets.count;
  let text = `{"tracks":${JSON.stringify(doc.tracks)},"packets":[`;
  for (let from = 0; from < count; from += PACKETS_PER_PIECE) {
    const to = Math.min(count, from + PACKETS_PER_PIECE);
    const items: string[] = [];
    for (let i = from; i < to; i++) items.push(JSON.stringify(packetJson(doc, i)));
    text += (from > 0 ? ',' : '') + items.join(',');
    yield text;
    text = '';
  }
  yield `${text}]}\n`;
}
