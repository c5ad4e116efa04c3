/**
 * A video elementary stream of a transport stream (H.264, HEVC) as access units, not PES packets (ISO/IEC 13818-1
 * 2.14 leaves PES boundaries free: Apple's HLS segments, broadcast field pictures and muxers with
 * data_alignment_indicator 0 put several access units in one PES, or one across several). PES payloads are joined
 * into one Annex B byte stream, split into NAL units, and grouped into access units by H.264 7.4.1.2.3 / H.265
 * 7.4.2.4.4. A PES's PTS/DTS belong to the first access unit that starts in it (ffmpeg's rule); an access unit with
 * none follows the one before it by the last frame interval.
 */
import { AvcAccessUnitSplitter } from '../../codecs/avc/access-unit.js';
import { AnnexBSplitter, type NalSpan } from '../../codecs/avc/nal-split.js';
import { type AvcNalData, readAvcNalUnit } from '../../codecs/avc/nal-unit.js';
import { HevcAccessUnitSplitter } from '../../codecs/hevc/access-unit.js';
import { type HevcNalData, readHevcNalUnit } from '../../codecs/hevc/nal-unit.js';
import { type Node, type ParseOptions, diagnostic } from '../../model/types.js';
import type { VideoStream } from './es-video.js';
import { type Segment, SegmentMap, relocate } from './segment-map.js';

/** A NAL unit may not grow past this while its end is awaited (the largest real ones are a few MiB). */
const MAX_PENDING_BYTES = 32 * 1024 * 1024;

/** Where a PES payload began in the elementary stream, and the times it carried. */
interface PesMark { esStart: number; pts?: number; dts?: number; pesStart: number; node: Node }

/** A finished access unit, in elementary-stream bytes. */
export interface AccessUnit {
  /** File offset of its first byte (the first start code), where a sample read gathers from. */
  firstByte: number;
  /** Bytes of elementary stream (PES headers between excluded). */
  size: number;
  pts?: number;
  dts?: number;
  /** The TS packet that starts the PES whose times it took. */
  pesStart?: number;
  keyframe: boolean;
  /** A parameter set in it was new or changed. */
  parametersChanged: boolean;
}

export class VideoAccessUnits {
  private readonly splitter = new AnnexBSplitter(0);
  private readonly avcUnits = new AvcAccessUnitSplitter();
  private readonly hevcUnits = new HevcAccessUnitSplitter();
  /** Elementary-stream bytes from `base` on (from the NAL unit in progress), and their file segments. */
  private buf = new Uint8Array(0);
  private base = 0;
  private length = 0;
  private segments: Segment[] = [];
  private marks: PesMark[] = [];
  /** The access unit in progress. */
  private au?: { start: number; firstByte: number; keyframe: boolean; parametersChanged: boolean; mark?: PesMark };
  /** A start code has been seen: bytes before the first one are kept until then, to be reported where they are. */
  private started = false;
  private cut = false;

  constructor(private readonly stream: VideoStream, private readonly options: ParseOptions) {}

  /** Adds a PES payload (`bytes[from ..]`, placed in the file by `map`); returns the access units it completed. */
  push(bytes: Uint8Array, from: number, map: SegmentMap, times: { pts?: number; dts?: number }, pesStart: number, node: Node): AccessUnit[] {
    const esStart = this.base + this.length;
    this.marks.push({ esStart, ...times, pesStart, node });
    const payload = bytes.subarray(from);
    this.append(payload, map.segmentsIn(from, bytes.length), from, esStart);
    const out: AccessUnit[] = [];
    for (const span of this.splitter.push(payload)) this.nal(span, out);
    this.reportSplitter();
    this.compact();
    return out;
  }

  /** The end of the stream: the last NAL unit and access unit. */
  finish(): AccessUnit[] {
    const out: AccessUnit[] = [];
    for (const span of this.splitter.finish()) this.nal(span, out);
    this.reportSplitter();
    this.close(this.base + this.length, out);
    return out;
  }

  private append(payload: Uint8Array, segments: Segment[], from: number, esStart: number): void {
    if (this.length + payload.length > MAX_PENDING_BYTES) {
      // A NAL unit this long is damage: start over from the next start code rather than hold the stream.
      if (!this.cut) this.marks[this.marks.length - 1]!.node.diagnostics.push(diagnostic('error', 'nal-unit-too-large', `a NAL unit longer than ${MAX_PENDING_BYTES} bytes; its bytes are dropped`, segments[0]?.fileStart ?? 0, segments[0]?.fileStart ?? 0));
      this.cut = true;
      this.base += this.length;
      this.length = 0;
      this.segments = [];
    }
    if (this.length + payload.length > this.buf.length) {
      const grown = new Uint8Array(Math.max(this.length + payload.length, this.buf.length * 2, 4096));
      grown.set(this.buf.subarray(0, this.length));
      this.buf = grown;
    }
    this.buf.set(payload, this.length);
    this.length += payload.length;
    for (const s of segments) this.segments.push({ dataStart: esStart + s.dataStart - from, fileStart: s.fileStart, length: s.length });
  }

  /** Drops the bytes before the NAL unit in progress (and the access unit's start, whose offset is all it needs). */
  private compact(): void {
    const pending = this.splitter.pendingStart;
    if (pending === undefined && !this.started) return;
    this.started = true;
    const keep = pending ?? this.base + this.length;
    const drop = Math.min(keep - this.base, this.length);
    if (drop <= 0) return;
    this.buf.copyWithin(0, drop, this.length);
    this.length -= drop;
    this.base += drop;
    while (this.segments.length > 0 && this.segments[0]!.dataStart + this.segments[0]!.length <= this.base) this.segments.shift();
    while (this.marks.length > 1 && this.marks[1]!.esStart <= this.base) this.marks.shift();
  }

  private fileByte(es: number): number {
    return new SegmentMap(this.segments).fileByte(es);
  }

  private nal(span: NalSpan, out: AccessUnit[]): void {
    if (span.end <= span.payloadStart) return;
    // A copy: the reader keeps views of byte-string fields, and the buffer is reused.
    const bytes = this.buf.slice(span.payloadStart - this.base, span.end - this.base);
    const map = new SegmentMap(this.segments.filter((s) => s.dataStart < span.end && s.dataStart + s.length > span.payloadStart).map((s) => ({ ...s, dataStart: s.dataStart - span.payloadStart })));
    const codec = this.stream.codec;
    const node = codec === 'h264' ? readAvcNalUnit(bytes, 0, this.options, this.stream.avc) : readHevcNalUnit(bytes, 0, this.options, this.stream.hevc);
    const starts = codec === 'h264' ? this.avcUnits.starts(bytes[0]! & 0x1f, (node.data as AvcNalData | undefined)?.slice) : this.startsHevc(node);
    if (starts || !this.au) {
      this.close(span.start, out);
      this.au = { start: span.start, firstByte: this.fileByte(span.start), keyframe: false, parametersChanged: false, mark: this.claim(span.start) };
    }
    const type = codec === 'h264' ? bytes[0]! & 0x1f : (bytes[0]! >> 1) & 0x3f;
    if (codec === 'h264' ? type === 5 : type >= 16 && type <= 23) this.au.keyframe = true;
    if (this.stream.inBand.isParameterSet(node) && this.stream.inBand.note(node, bytes)) this.au.parametersChanged = true;
    relocate(node, map);
    this.markOf(span.start)?.node.children.push(node);
  }

  private startsHevc(node: Node): boolean {
    const data = node.data as HevcNalData | undefined;
    return data ? this.hevcUnits.starts(data) : false;
  }

  /** The PES a byte of the stream arrived in. */
  private markOf(es: number): PesMark | undefined {
    for (let i = this.marks.length - 1; i >= 0; i--) if (this.marks[i]!.esStart <= es) return this.marks[i];
    return this.marks[0];
  }

  /** The times of the PES an access unit starts in, unless an earlier access unit took them. */
  private claim(es: number): PesMark | undefined {
    const mark = this.markOf(es);
    if (!mark || (mark.pts === undefined && mark.dts === undefined)) return undefined;
    const taken = { ...mark };
    delete mark.pts;
    delete mark.dts;
    return taken;
  }

  private close(end: number, out: AccessUnit[]): void {
    const au = this.au;
    if (!au || end <= au.start) return;
    const unit: AccessUnit = { firstByte: au.firstByte, size: end - au.start, keyframe: au.keyframe, parametersChanged: au.parametersChanged };
    if (au.mark) {
      if (au.mark.pts !== undefined) unit.pts = au.mark.pts;
      if (au.mark.dts !== undefined) unit.dts = au.mark.dts;
      unit.pesStart = au.mark.pesStart;
    }
    out.push(unit);
    this.au = undefined;
  }

  private reported = 0;
  /** The splitter's findings (bytes before the first start code, empty NAL units), moved to the file. */
  private reportSplitter(): void {
    const found = this.splitter.diagnostics;
    for (; this.reported < found.length; this.reported++) {
      const d = found[this.reported]!;
      const map = new SegmentMap(this.segments);
      d.start = map.fileByte(d.start);
      d.end = Math.max(d.start, map.fileEnd(d.end));
      this.markOf(this.base)?.node.diagnostics.push(d);
    }
  }
}
