/**
 * Playback in the parse worker (it holds the document and its source), lazily: `playSession` plans
 * the fragments from the packet table alone, and `segment(k)` reads only fragment k's packets and
 * writes that one fragment when hls.js's loader asks for it (`play-segment`). Nothing reads the whole
 * file, and only a few recent fragments are kept, so memory stays flat on a 10 GB file.
 *
 * The plan is the writer's own: media/remux's FragmentedMp4Writer runs over the packet table with
 * empty payloads, so where fragments are cut (lead-track keyframes after the target duration), which
 * packets each carries, the sample durations, sequence numbers and generations (a new init segment where
 * a sample description changes) are exactly what a whole remux makes. The durations are read back from
 * the moofs it writes (fragment-durations.ts) and kept per packet; a fragment is later written from
 * the real payloads with writeColumnsFragment, the function the writer itself calls, so its bytes are
 * the same as a whole remux's.
 */
import type { MediaDocument } from '../../../media/model/document-model.js';
import { planRemux } from '../../../media/remux/document-remux.js';
import { type ColumnRun, SampleColumns, joinParts, writeColumnsFragment } from '../../../media/remux/fragment.js';
import { FragmentedMp4Writer } from '../../../media/remux/fragmented-mp4-writer.js';
import type { Mp4Segment, RemuxTrack } from '../../../media/remux/types.js';
import type { PlayIndex, PlaySegment, PlayTrack } from '../lib/player/types.js';
import { runDurations } from './fragment-durations.js';

/** A document prepared for playback: what it holds, and each segment's bytes on demand. */
export interface PlaySession {
  index: PlayIndex;
  /** The bytes of `index.segments[k]` (rejects for an index out of range). */
  segment(k: number): Promise<Uint8Array>;
}

/** Fragments kept once made: hls.js may ask for one again (a seek back, a retry). */
const RECENT_FRAGMENTS = 4;
/** Every payload of the planning run: the writer only needs the times, flags and descriptions. */
const NO_PAYLOAD = new Uint8Array(0);

/** The document's samples are read through its sample access (doc.samples), fragment by fragment. */
export async function playSession(doc: MediaDocument, fragmentDuration: number): Promise<PlaySession> {
  return new FragmentSession(doc, fragmentDuration);
}

/** Where fragment k's samples are: per track with samples there, how many of its `packets` in order. */
interface FragmentRuns {
  runs: Array<{ track: number; count: number }>;
}

class FragmentSession implements PlaySession {
  readonly index: PlayIndex;
  private readonly tracks: RemuxTrack[];
  /** Per segment: the init segment's bytes, or where a fragment's samples are. */
  private readonly parts: Array<Uint8Array | FragmentRuns> = [];
  /** Per packet of the document: the duration the writer gives its sample (ticks). */
  private readonly durations: Float64Array;
  private readonly recent = new Map<number, Uint8Array>();
  /** Fragments are made one at a time, in the order asked (reads stay sequential, memory bounded). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly doc: MediaDocument,
    fragmentDuration: number,
  ) {
    const plan = planRemux(doc);
    const access = doc.samples!;
    const p = doc.packets;
    this.tracks = plan.tracks;
    this.durations = new Float64Array(p.count);
    const tracks: PlayTrack[] = plan.tracks.map((t, k) => {
      const docTrack = plan.trackOf.indexOf(k);
      return { docTrack, kind: t.kind, timescale: t.timescale, shift: t.shift ?? 0, editShift: t.editShift ?? 0, codec: t.descriptions[0]!.codec, trackId: t.id, nalLengthSize: t.kind === 'video' ? (t.descriptions[0]!.nalLengthSize ?? 4) : 0 };
    });
    const writer = new FragmentedMp4Writer(plan.tracks, { fragmentDuration, firstDescriptions: firstDescriptions(doc, plan.trackOf, plan.tracks.length) });
    const lead = Math.max(0, plan.tracks.findIndex((t) => t.kind === 'video'));
    // Per remux track, the packets pushed and not yet written out, in push order (the writer keeps that order).
    const queues = plan.tracks.map(() => new PacketQueue());
    const segments: PlaySegment[] = [];
    const codecs = new Set<string>();

    const take = (s: Mp4Segment): void => {
      if (s.type === 'index') return;
      if (s.type === 'init') {
        segments.push({ kind: 'init', generation: s.generation, size: s.data.length, sequenceNumber: 0, duration: 0, start: 0, packets: [], mimeType: s.mimeType });
        this.parts.push(s.data);
        for (const d of writer.currentDescriptions()) codecs.add(d.codec);
        return;
      }
      // The moof of an empty-payload fragment: its trun boxes carry every sample's duration.
      const written = runDurations(s.parts[0]!);
      const packets: number[] = [];
      const runs: FragmentRuns['runs'] = [];
      let payload = 0;
      // s.runs and the moof's trafs both list the tracks with samples here, in track order.
      s.runs.forEach((run, r) => {
        const durations = written[r]!.durations;
        for (let i = 0; i < run.count; i++) {
          const packet = queues[run.track]!.take();
          this.durations[packet] = durations[i]!;
          payload += p.size[packet]!;
          packets.push(packet);
        }
        runs.push({ track: run.track, count: run.count });
      });
      // EXTINF: the lead track's exact span here (without a lead run, audio ahead of the first video frame, the first run's).
      const main = s.runs.find((r) => r.track === lead) ?? s.runs[0]!;
      const ticks = written[s.runs.indexOf(main)]!.durations.reduce((a, b) => a + b, 0);
      const timescale = plan.tracks[main.track]!.timescale;
      // size: the moof and mdat header, plus the payloads as the packet table sizes them (exact for MP4;
      // formats whose samples are rewritten, Annex B or ADTS, differ by their headers).
      segments.push({ kind: 'media', generation: s.generation, size: s.size + payload, sequenceNumber: s.sequenceNumber, duration: ticks / timescale, start: main.baseDecodeTime / timescale, packets });
      this.parts.push({ runs });
    };

    take({ type: 'init', generation: 0, data: writer.init(), mimeType: writer.mimeType() });
    // A file cut short (a recording that stopped) plays up to where its bytes end.
    let cut = 0;
    for (let i = 0; i < p.count; i++) {
      const k = plan.trackOf[p.track[i]!]!;
      if (k < 0) continue;
      if (p.offset[i]! + p.size[i]! > doc.size) {
        cut++;
        continue;
      }
      queues[k]!.add(i);
      const out = writer.push({ track: k, dts: p.dts[i]!, pts: p.pts[i]!, duration: access.duration[i]!, keyframe: p.keyframe[i] === 1, description: access.description[i]!, data: NO_PAYLOAD });
      for (const s of out) take(s);
    }
    for (const s of writer.flush()) take(s);
    const skipped = cut > 0 ? [...plan.skipped, `${cut} samples past the end of the file: it was cut short, so playback stops where its bytes do`] : plan.skipped;
    this.index = { mode: 'fmp4', tracks, segments, skipped, codecs: [...codecs] };
  }

  segment(k: number): Promise<Uint8Array> {
    const part = this.parts[k];
    if (!part) return Promise.reject(new RangeError(`no segment ${k}`));
    if (part instanceof Uint8Array) return Promise.resolve(part);
    const made = this.queue.then(() => this.recent.get(k) ?? this.make(k, part));
    this.queue = made.catch(() => undefined);
    return made;
  }

  /** Reads fragment k's packets (in file order, the sources' fast path) and writes that one fragment. */
  private async make(k: number, part: FragmentRuns): Promise<Uint8Array> {
    const seg = this.index.segments[k]!;
    const access = this.doc.samples!;
    const p = this.doc.packets;
    const payloads = new Map<number, Uint8Array>();
    for (const packet of [...seg.packets].sort((a, b) => a - b)) payloads.set(packet, await access.read(packet));
    const runs: ColumnRun[] = [];
    let at = 0;
    for (const { track, count } of part.runs) {
      const shift = this.tracks[track]!.shift ?? 0;
      const columns = new SampleColumns();
      for (let i = 0; i < count; i++) {
        const packet = seg.packets[at + i]!;
        columns.push(p.dts[packet]! + shift, p.pts[packet]! - p.dts[packet]!, 0, p.keyframe[packet] === 1, payloads.get(packet)!);
        columns.duration[i] = this.durations[packet]!;
      }
      at += count;
      runs.push({ trackId: this.tracks[track]!.id, columns, count });
    }
    const { parts, size } = writeColumnsFragment(seg.sequenceNumber, runs);
    const bytes = joinParts(parts, size);
    this.recent.set(k, bytes);
    if (this.recent.size > RECENT_FRAGMENTS) this.recent.delete(this.recent.keys().next().value!);
    return bytes;
  }
}

/** Packet indices in, first in first out; the taken front is dropped now and then, not on every take. */
class PacketQueue {
  private items: number[] = [];
  private head = 0;

  add(packet: number): void {
    this.items.push(packet);
  }

  take(): number {
    const packet = this.items[this.head++]!;
    if (this.head >= 4096 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return packet;
  }
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
