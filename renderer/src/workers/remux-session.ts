/**
 * Remux for playback, in the parse worker (it holds the document and its source): the document's
 * packets go through media/remux's FragmentedMp4Writer; the init segments and fragments stay here and
 * cross to the window one at a time when hls.js's loader asks for them (`play-segment`), so the
 * window never holds the whole remuxed file. Each fragment remembers which packets it carries.
 * Formats without sample access (MPEG-TS) are handed to hls.js's own transmuxer as they are.
 */
import type { MediaDocument } from '../../../media/model/document.js';
import { planRemux } from '../../../media/remux/document-remux.js';
import { FragmentedMp4Writer } from '../../../media/remux/fragmented-mp4-writer.js';
import type { Mp4Segment } from '../../../media/remux/types.js';
import type { ByteSource } from '../../../media/source/byte-source.js';
import type { PlayIndex, PlaySegment, PlayTrack } from '../lib/player/types.js';
import { leadDuration } from './fragment-durations.js';

export interface RemuxedForPlay {
  index: PlayIndex;
  /** Bytes of each segment of `index.segments`, same order. */
  data: Uint8Array[];
}

/** Largest MPEG-TS file handed whole to hls.js (it has no sample access to remux by fragment). */
const MAX_TRANSMUX_BYTES = 512 * 1024 * 1024;

export async function remuxForPlay(doc: MediaDocument, source: ByteSource, fragmentDuration: number): Promise<RemuxedForPlay> {
  if (!doc.samples && doc.format === 'mpegts') return transmuxWhole(doc, source);
  const plan = planRemux(doc);
  const access = doc.samples!;
  const p = doc.packets;
  const tracks: PlayTrack[] = plan.tracks.map((t, k) => {
    const docTrack = plan.trackOf.indexOf(k);
    return { docTrack, kind: t.kind, timescale: t.timescale, shift: t.shift ?? 0, editShift: t.editShift ?? 0, codec: '', trackId: t.id, nalLengthSize: t.kind === 'video' ? (t.descriptions[0]!.nalLengthSize ?? 4) : 0 };
  });
  const writer = new FragmentedMp4Writer(plan.tracks, { fragmentDuration, firstDescriptions: firstDescriptions(doc, plan.trackOf, plan.tracks.length) });
  const lead = Math.max(0, plan.tracks.findIndex((t) => t.kind === 'video'));
  // Per remux track, the packets pushed and not yet written out, in push order (the writer keeps that order).
  const queues: number[][] = plan.tracks.map(() => []);
  const segments: PlaySegment[] = [];
  const data: Uint8Array[] = [];
  const codecs = new Set<string>();

  const take = (s: Mp4Segment): void => {
    if (s.type === 'index') return;
    if (s.type === 'init') {
      segments.push({ kind: 'init', generation: s.generation, size: s.data.length, sequenceNumber: 0, duration: 0, start: 0, packets: [], mimeType: s.mimeType });
      data.push(s.data);
      for (const d of writer.currentDescriptions()) codecs.add(d.codec);
      return;
    }
    const bytes = s.data;
    const packets: number[] = [];
    for (const run of s.runs) packets.push(...queues[run.track]!.splice(0, run.count));
    const main = s.runs.find((r) => r.track === lead) ?? s.runs[0]!;
    const timescale = plan.tracks[main.track]!.timescale;
    const ticks = leadDuration(bytes, plan.tracks[main.track]!.id);
    segments.push({ kind: 'media', generation: s.generation, size: bytes.length, sequenceNumber: s.sequenceNumber, duration: ticks / timescale, start: main.baseDecodeTime / timescale, packets });
    data.push(bytes);
  };

  take({ type: 'init', generation: 0, data: writer.init(), mimeType: writer.mimeType() });
  for (let i = 0; i < p.count; i++) {
    const k = plan.trackOf[p.track[i]!]!;
    if (k < 0) continue;
    const payload = await access.read(i);
    queues[k]!.push(i);
    const out = writer.push({ track: k, dts: p.dts[i]!, pts: p.pts[i]!, duration: access.duration[i]!, keyframe: p.keyframe[i] === 1, description: access.description[i]!, data: payload });
    for (const s of out) take(s);
  }
  for (const s of writer.flush()) take(s);
  tracks.forEach((t, k) => (t.codec = plan.tracks[k]!.descriptions[0]!.codec));
  return { index: { mode: 'fmp4', tracks, segments, skipped: plan.skipped, codecs: [...codecs] }, data };
}

/** Per remux track, the description its first packet uses (the writer's first generation). */
function firstDescriptions(doc: MediaDocument, trackOf: Int32Array, count: number): number[] {
  const out = new Array<number>(count).fill(-1);
  const p = doc.packets;
  let missing = count;
  for (let i = 0; i < p.count && missing > 0; i++) {
    const k = trackOf[p.track[i]!]!;
    if (k >= 0 && out[k] === -1) {
      out[k] = doc.samples!.description[i]!;
      missing--;
    }
  }
  return out.map((d) => Math.max(0, d));
}

/** MPEG-TS: one segment, the file itself; hls.js demuxes and remuxes it to fMP4 on its own. */
async function transmuxWhole(doc: MediaDocument, source: ByteSource): Promise<RemuxedForPlay> {
  if (source.size > MAX_TRANSMUX_BYTES) throw new Error(`this ${doc.format} file is too big to play here (over ${MAX_TRANSMUX_BYTES >> 20} MiB)`);
  const bytes = new Uint8Array(source.size);
  const CHUNK = 8 * 1024 * 1024;
  for (let at = 0; at < source.size; at += CHUNK) bytes.set(await source.read(at, Math.min(CHUNK, source.size - at)), at);
  const tracks: PlayTrack[] = [];
  doc.tracks.forEach((t, docTrack) => {
    if (t.kind === 'video' || t.kind === 'audio') tracks.push({ docTrack, kind: t.kind, timescale: t.timescale, shift: 0, editShift: 0, codec: t.codec, trackId: 0, nalLengthSize: 0 });
  });
  const p = doc.packets;
  const packets = Array.from({ length: p.count }, (_, i) => i);
  const duration = Math.max(0, ...doc.tracks.map((t) => t.durationSeconds));
  const segment: PlaySegment = { kind: 'media', generation: 0, size: bytes.length, sequenceNumber: 1, duration, start: 0, packets };
  return {
    index: { mode: 'transmux', tracks, segments: [segment], skipped: [], codecs: tracks.map((t) => t.codec).filter(Boolean) },
    data: [bytes],
  };
}
