/**
 * Remux of an opened document: its tracks become RemuxTracks, its packets (file order) become samples
 * for the FragmentedMp4Writer, read through the document's SampleAccess.
 */
import type { MediaDocument } from '../model/document-model.js';
import { FragmentedMp4Writer, type WriterOptions } from './fragmented-mp4-writer.js';
import { RemuxError } from './remux-error.js';
import { supportedDescription } from './sample-entry.js';
import { timelineShift } from './timeline.js';
import type { Mp4Segment, RemuxTrack } from './types.js';

export interface RemuxPlan {
  tracks: RemuxTrack[];
  /** Per document track: index into `tracks`, or -1 when it is left out. */
  trackOf: Int32Array;
  /** Why tracks were left out, one line each. */
  skipped: string[];
  /** After a run: samples written per track. */
  samples?: number[];
}

export { RemuxError };

/**
 * Which tracks can be written and how. `only` keeps just those document track ids (extract).
 * Throws RemuxError when the document offers no sample access or no track can be written.
 */
export function planRemux(doc: MediaDocument, only?: readonly number[]): RemuxPlan {
  const access = doc.samples;
  if (!access) throw new RemuxError(`the ${doc.format} reader does not offer sample access for remux`);
  const skipped: string[] = [];
  const trackOf = new Int32Array(doc.tracks.length).fill(-1);
  const kept: number[] = [];
  doc.tracks.forEach((t, i) => {
    if (only && !only.includes(t.id)) return;
    const descriptions = access.descriptions[i] ?? [];
    if (t.kind !== 'video' && t.kind !== 'audio') skipped.push(`track ${t.id} (${t.kind}) is not audio or video`);
    else if (t.samples === 0) skipped.push(`track ${t.id} has no samples`);
    else if (descriptions.length === 0) skipped.push(`track ${t.id} (${t.codecName}) has no decoder configuration`);
    else if (!descriptions.every(supportedDescription)) skipped.push(`track ${t.id}: ${t.codecName} cannot be written to fragmented MP4 yet`);
    else if (!(t.timescale > 0)) skipped.push(`track ${t.id} has timescale ${t.timescale}, so its times cannot be written`);
    else kept.push(i);
  });
  const unnamed = describedBeyond(doc, kept);
  for (const [i, d] of unnamed) skipped.push(`track ${doc.tracks[i]!.id}: a sample names sample description ${d + 1}, which the track does not have`);
  if (unnamed.size > 0) kept.splice(0, kept.length, ...kept.filter((i) => !unnamed.has(i)));
  const firstDts = firstDecodeTimes(doc);
  const shifts = timelineShift(kept.map((i) => ({ timescale: doc.tracks[i]!.timescale, firstDts: firstDts[i] })));
  const used = new Set<number>();
  const tracks = kept.map((i, k): RemuxTrack => {
    const t = doc.tracks[i]!;
    trackOf[i] = k;
    // Source track ids when they are usable, else numbers in order.
    const id = t.id > 0 && !used.has(t.id) ? t.id : Math.max(0, ...used) + 1;
    used.add(id);
    const track: RemuxTrack = { id, kind: t.kind as 'video' | 'audio', timescale: t.timescale, descriptions: access.descriptions[i]!, shift: shifts[k]! };
    if (t.editShift) track.editShift = t.editShift;
    return track;
  });
  if (tracks.length === 0) throw new RemuxError(skipped.length ? `nothing to remux: ${skipped.join('; ')}` : 'nothing to remux: no audio or video track');
  return { tracks, trackOf, skipped };
}

/** Tracks (document indices, of `kept`) with a packet whose description index has no description, and that index. */
function describedBeyond(doc: MediaDocument, kept: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  const access = doc.samples!;
  const p = doc.packets;
  const wanted = new Set(kept);
  for (let i = 0; i < p.count; i++) {
    const t = p.track[i]!;
    const d = access.description[i]!;
    if (wanted.has(t) && !out.has(t) && !access.descriptions[t]?.[d]) out.set(t, d);
  }
  return out;
}

/** Per remux track, the description its first packet uses. */
function firstDescriptions(doc: MediaDocument, plan: RemuxPlan): number[] {
  const out: number[] = plan.tracks.map(() => -1);
  const p = doc.packets;
  let missing = out.length;
  for (let i = 0; i < p.count && missing > 0; i++) {
    const k = plan.trackOf[p.track[i]!]!;
    if (k >= 0 && out[k] === -1) {
      out[k] = doc.samples!.description[i]!;
      missing--;
    }
  }
  return out.map((d) => Math.max(0, d));
}

/** The lowest decode time of each document track (undefined when it has no packets). */
function firstDecodeTimes(doc: MediaDocument): Array<number | undefined> {
  const out: Array<number | undefined> = doc.tracks.map(() => undefined);
  const p = doc.packets;
  for (let i = 0; i < p.count; i++) {
    const t = p.track[i]!;
    const d = p.dts[i]!;
    if (out[t] === undefined || d < out[t]!) out[t] = d;
  }
  return out;
}

export interface RemuxRunOptions extends WriterOptions {
  /** Document track ids to keep (default: every audio and video track). */
  tracks?: readonly number[];
  /** Called now and then with packets done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Remuxes a whole document: `sink` receives the init segment, the fragments in order, new init segments
 * at configuration changes, and (with `index`) the mfra closing each generation.
 */
export async function remuxDocument(doc: MediaDocument, sink: (segment: Mp4Segment) => void | Promise<void>, options: RemuxRunOptions = {}): Promise<RemuxPlan> {
  const plan = planRemux(doc, options.tracks);
  const access = doc.samples!;
  const writer = new FragmentedMp4Writer(plan.tracks, { ...options, firstDescriptions: firstDescriptions(doc, plan) });
  await sink({ type: 'init', generation: 0, data: writer.init(), mimeType: writer.mimeType() });
  const p = doc.packets;
  for (let i = 0; i < p.count; i++) {
    const track = plan.trackOf[p.track[i]!]!;
    if (track < 0) continue;
    const data = await access.read(i);
    const segments = writer.push({ track, dts: p.dts[i]!, pts: p.pts[i]!, duration: access.duration[i]!, keyframe: p.keyframe[i] === 1, description: access.description[i]!, data });
    for (const s of segments) await sink(s);
    if (options.onProgress && (i & 0xfff) === 0) options.onProgress(i, p.count);
  }
  for (const s of writer.flush()) await sink(s);
  options.onProgress?.(p.count, p.count);
  plan.samples = writer.sampleCounts();
  return plan;
}
