import { AnnexBSplitter, type NalSpan } from '../../codecs/avc/nal-split.js';
import { type MediaDocument, PacketTableBuilder, type TrackInfo } from '../../model/document-model.js';
import { type Diagnostic, type Field, type Node, type ParseOptions, diagnostic, newNode, rangeField } from '../../model/types.js';
import type { ByteSource } from '../../source/byte-source.js';
import type { AnnexBCodec, PictureInfo } from './stream-codec.js';
import { presentationTimes } from './timestamps.js';

/** The file is read in chunks of this size; nothing holds the whole file. */
export const CHUNK_BYTES = 1 << 20;
/** Bytes of a slice loaded when not annotating: its header is far shorter. */
const SLICE_PREFIX = 4096;
/** A NAL unit beyond this is not loaded whole (it is reported as truncated). */
const MAX_NAL_BYTES = 64 << 20;
/** Empty NAL units shown as nodes; more are folded into the bytes around them. */
const MAX_EMPTY_NODES = 1000;
/** Without VUI timing: 25 frames/s on a 90 kHz clock. */
const DEFAULT_TIMESCALE = 90000;
const DEFAULT_TICK = 1800;

interface AccessUnit {
  node: Node;
  start: number;
  picture?: PictureInfo;
  keyframe: boolean;
}

function startCodeFields(span: NalSpan): Field[] {
  const fields: Field[] = [];
  if (span.payloadStart - span.start === 4) fields.push({ name: 'zero_byte', bitOffset: span.start * 8, bitLength: 8, value: 0 });
  fields.push({ name: 'start_code_prefix_one_3bytes', bitOffset: (span.payloadStart - 3) * 8, bitLength: 24, value: 1, display: '00 00 01' });
  return fields;
}

/**
 * Reads a raw Annex B stream: NAL units grouped into access units (the tree), one video track,
 * and one packet per access unit from the first byte of its first start code to the next one.
 * Timing: the track timescale is the SPS's VUI time_scale, a frame lasting 2 * num_units_in_tick
 * (a field one tick); without VUI timing, 90 kHz at 25 frames/s. DTS counts frames in decoding
 * order; PTS follows the picture order count (see timestamps.ts).
 */
export async function readAnnexB(source: ByteSource, options: ParseOptions, codec: AnnexBCodec, chunkBytes = CHUNK_BYTES): Promise<MediaDocument> {
  const size = source.size;
  const splitter = new AnnexBSplitter(0);
  const tree: Node[] = [];
  const diagnostics: Diagnostic[] = [];
  const units: AccessUnit[] = [];
  let current: AccessUnit | undefined;
  let previous: Node | undefined;
  let emptyNodes = 0;

  const load = async (span: NalSpan): Promise<Uint8Array> => {
    const total = span.end - span.payloadStart;
    const w = splitter.window;
    const at = span.payloadStart - splitter.windowBase;
    const inWindow = at >= 0 && at + 2 <= w.length;
    const head = inWindow ? w.subarray(at, at + 2) : await source.read(span.payloadStart, Math.min(2, total));
    let want = options.record || !codec.isVcl(head) ? total : Math.min(total, SLICE_PREFIX);
    want = Math.min(want, MAX_NAL_BYTES);
    if (inWindow && at + want <= w.length) return w.slice(at, at + want);
    return source.read(span.payloadStart, want);
  };

  /** Gives the previous unit the zero bytes up to `to` (trailing_zero_8bits, or folded empty units). */
  const extendPrevious = (to: number): void => {
    if (!previous || previous.end >= to) return;
    if (options.record) previous.fields.push(rangeField('trailing_zero_8bits', previous.end, to));
    previous.end = to;
    if (current) current.node.end = Math.max(current.node.end, to);
  };

  const handle = async (span: NalSpan): Promise<void> => {
    if (units.length === 0 && tree.length === 0 && span.start > 0) {
      const lead = newNode('bytes', 'leading bytes', 0, span.start, 'Bytes before the first start code');
      if (options.record) lead.fields.push(rangeField('leading_zero_8bits', 0, span.start));
      tree.push(lead);
    }
    extendPrevious(span.start);
    if (span.end <= span.payloadStart) {
      if (emptyNodes >= MAX_EMPTY_NODES && previous) {
        extendPrevious(span.payloadStart);
        return;
      }
      emptyNodes++;
    }
    const bytes = span.end > span.payloadStart ? await load(span) : new Uint8Array(0);
    const node = codec.read(bytes, span.payloadStart, options, span.end - span.payloadStart);
    node.start = span.start;
    if (options.record) node.fields.unshift(...startCodeFields(span));
    if (!current || codec.startsAccessUnit(node)) {
      current = { node: newNode('sample', `AU ${units.length}`, span.start, node.end, 'Access unit'), start: span.start, keyframe: false };
      units.push(current);
      tree.push(current.node);
    }
    current.node.children.push(node);
    current.node.end = node.end;
    if (!current.picture) {
      const picture = codec.picture(node);
      if (picture) {
        current.picture = picture;
        current.keyframe = picture.keyframe;
      }
    }
    previous = node;
  };

  for (let offset = 0; offset < size; ) {
    const chunk = await source.read(offset, Math.min(chunkBytes, size - offset));
    if (chunk.length === 0) break;
    offset += chunk.length;
    for (const span of splitter.push(chunk)) await handle(span);
  }
  for (const span of splitter.finish()) await handle(span);
  extendPrevious(size);
  diagnostics.push(...splitter.diagnostics);
  if (units.length === 0 && size > 0 && tree.length === 0) {
    const all = newNode('bytes', 'data', 0, size, 'Bytes without start codes');
    if (options.record) all.fields.push(rangeField('data', 0, size));
    all.diagnostics.push(...splitter.diagnostics);
    tree.push(all);
  }
  return finish(codec, size, tree, diagnostics, units);
}

function describeUnit(unit: AccessUnit): void {
  const kinds = new Set(unit.node.children.map((c) => c.name));
  unit.node.title = `Access unit${unit.keyframe ? ' (key frame)' : ''}: ${[...kinds].join(', ')}`;
}

function finish(codec: AnnexBCodec, size: number, tree: Node[], diagnostics: Diagnostic[], units: AccessUnit[]): MediaDocument {
  const facts = codec.facts();
  const timescale = facts?.timeScale ?? DEFAULT_TIMESCALE;
  const tick = facts?.numUnitsInTick ?? DEFAULT_TICK;
  let lastPoc = 0;
  const timed = units.map((u) => {
    describeUnit(u);
    if (u.picture) lastPoc = u.picture.poc;
    return { poc: lastPoc, reset: u.picture?.pocReset ?? false, duration: u.picture?.field ? tick : 2 * tick };
  });
  const { dts, pts } = presentationTimes(timed);
  const packets = new PacketTableBuilder(units.length);
  let keyframes = 0;
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    const next = i + 1 < units.length ? units[i + 1]!.start : size;
    if (u.keyframe) keyframes++;
    packets.push(0, dts[i]!, pts[i]!, u.start, next - u.start, u.keyframe);
  }
  if (units.length > 0 && !units.some((u) => u.picture)) {
    diagnostics.push(diagnostic('warning', 'no-pictures', 'no coded picture could be read (slices without known parameter sets?)', 0, size));
  }
  const total = timed.reduce((s, t) => s + t.duration, 0);
  const track: TrackInfo = {
    id: 1,
    kind: 'video',
    codecName: codec.name,
    codec: facts?.codec ?? codec.name,
    timescale,
    samples: units.length,
    keyframes,
    durationSeconds: total / timescale,
  };
  if (facts?.width !== undefined) track.width = facts.width;
  if (facts?.height !== undefined) track.height = facts.height;
  track.frameRate = reduce(timescale, 2 * tick);
  return { format: codec.name, size, tree, diagnostics, tracks: units.length > 0 ? [track] : [], packets: packets.finish() };
}

function reduce(a: number, b: number): [number, number] {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return [a / x, b / x];
}
