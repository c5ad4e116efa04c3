import { type Diagnostic, diagnostic } from '../../model/types.js';

/** Where one NAL unit lies in the file (absolute bytes). Shared by H.264 and HEVC. */
export interface NalSpan {
  /** First byte of its start code (Annex B, zero_byte included) or of its length field. */
  start: number;
  /** First byte of the NAL unit header. */
  payloadStart: number;
  /** Byte after the NAL unit (trailing_zero_8bits excluded). */
  end: number;
}

export interface SplitResult {
  units: NalSpan[];
  diagnostics: Diagnostic[];
}

/**
 * Index j >= from of the 0x01 of the next 00 00 01 in w[.. to), or -1. A byte above 1 rules out a
 * start code ending at it or at either of the next two bytes, so most bytes are skipped three at a time;
 * runs of zeros jump to the next 0x01 natively.
 */
export function nextStartCodeEnd(w: Uint8Array, from: number, to: number): number {
  let j = Math.max(from, 2);
  while (j < to) {
    const x = w[j]!;
    if (x > 1) {
      j += 3;
    } else if (x === 1) {
      if (w[j - 1] === 0 && w[j - 2] === 0) return j;
      j += 3;
    } else {
      const one = w.indexOf(1, j);
      if (one < 0 || one >= to) return -1;
      j = one;
    }
  }
  return -1;
}

/**
 * Splits an Annex B byte stream (H.264 B.2, H.265 B.2) fed in chunks of any size: start codes split
 * across chunk edges are found, and memory stays bounded by the chunk (three bytes are carried).
 * `push` returns the units completed by that chunk; `finish` the last one. Empty units come out
 * too (end === payloadStart), so that every start code is accounted for.
 */
export class AnnexBSplitter {
  readonly diagnostics: Diagnostic[] = [];
  /** The bytes of the last push (with up to 3 carried bytes in front) and their absolute offset. */
  window: Uint8Array = new Uint8Array(0);
  windowBase: number;
  private carry: Uint8Array = new Uint8Array(0);
  private pending: { start: number; payloadStart: number } | undefined;
  /** Absolute offset of the last non-zero byte before the current window, or -1. */
  private lastNonZero = -1;
  private total = 0;
  private emptyUnits = 0;

  constructor(private readonly base = 0) {
    this.windowBase = base;
  }

  push(chunk: Uint8Array): NalSpan[] {
    const out: NalSpan[] = [];
    const carried = this.carry.length;
    let w: Uint8Array;
    if (carried === 0) {
      w = chunk;
    } else {
      w = new Uint8Array(carried + chunk.length);
      w.set(this.carry, 0);
      w.set(chunk, carried);
    }
    const wBase = this.base + this.total - carried;
    this.window = w;
    this.windowBase = wBase;
    this.total += chunk.length;
    // Start codes wholly inside the carry were found by the previous push.
    let j = nextStartCodeEnd(w, Math.max(2, carried), w.length);
    while (j >= 0) {
      const i = j - 2;
      const start = i > 0 && w[i - 1] === 0 ? i - 1 : i;
      this.close(w, wBase, start, out);
      this.pending = { start: wBase + start, payloadStart: wBase + j + 1 };
      j = nextStartCodeEnd(w, j + 3, w.length);
    }
    let k = w.length - 1;
    while (k >= 0 && w[k] === 0) k--;
    if (k >= 0) this.lastNonZero = Math.max(this.lastNonZero, wBase + k);
    this.carry = w.slice(Math.max(0, w.length - 3));
    return out;
  }

  /** Ends the unit in progress at the start code at window index `start`. */
  private close(w: Uint8Array, wBase: number, start: number, out: NalSpan[]): void {
    const floorAbs = this.pending ? this.pending.payloadStart : this.base;
    const floor = Math.max(0, floorAbs - wBase);
    let k = start - 1;
    while (k >= floor && w[k] === 0) k--;
    let lastData: number; // absolute offset of the last non-zero byte in [floorAbs, start)
    if (k >= floor) lastData = wBase + k;
    else lastData = this.lastNonZero >= floorAbs ? this.lastNonZero : -1;
    if (!this.pending) {
      if (lastData >= 0) {
        this.diagnostics.push(diagnostic('warning', 'data-before-start-code', `${wBase + start - this.base} bytes before the first start code are not part of any NAL unit`, this.base, wBase + start));
      }
      return;
    }
    const end = lastData >= 0 ? lastData + 1 : this.pending.payloadStart;
    this.emit({ start: this.pending.start, payloadStart: this.pending.payloadStart, end }, out);
  }

  /** Empty units (a start code followed by another, or by zeros only) are passed on too, and reported. */
  private emit(span: NalSpan, out: NalSpan[]): void {
    out.push(span);
    if (span.end > span.payloadStart) return;
    this.emptyUnits++;
    if (this.emptyUnits <= 100) {
      this.diagnostics.push(diagnostic('error', 'empty-nal-unit', 'a start code with no NAL unit after it', span.start, span.payloadStart));
    } else if (this.emptyUnits === 101) {
      this.diagnostics.push(diagnostic('error', 'empty-nal-unit', 'more empty NAL units follow; not reported one by one', span.start, span.payloadStart));
    }
  }

  /** Where the unit in progress starts (its start code), if one has begun: bytes before it are no longer needed. */
  get pendingStart(): number | undefined {
    return this.pending?.start;
  }

  finish(): NalSpan[] {
    const out: NalSpan[] = [];
    const end = this.base + this.total;
    if (this.pending) {
      const last = this.lastNonZero >= this.pending.payloadStart ? this.lastNonZero + 1 : this.pending.payloadStart;
      this.emit({ start: this.pending.start, payloadStart: this.pending.payloadStart, end: last }, out);
      this.pending = undefined;
    } else if (this.total > 0) {
      this.diagnostics.push(diagnostic('error', 'no-start-code', `no start code (00 00 01) in ${this.total} bytes: this is not an Annex B byte stream`, this.base, end));
    }
    return out;
  }
}

/** Every NAL unit of an Annex B byte stream held in memory (a PES payload, a pasted dump). */
export function findAnnexBNalUnits(bytes: Uint8Array, absOffset = 0): SplitResult {
  const splitter = new AnnexBSplitter(absOffset);
  const units = splitter.push(bytes);
  units.push(...splitter.finish());
  return { units: units.filter((u) => u.end > u.payloadStart), diagnostics: splitter.diagnostics };
}

/**
 * NAL units of a length-prefixed sample (ISO/IEC 14496-15: MP4 samples, FLV AVC NALUs), each
 * preceded by a big-endian length of `lengthSize` bytes (1, 2 or 4 from avcC/hvcC, 3 tolerated).
 */
export function splitLengthPrefixed(bytes: Uint8Array, absOffset: number, lengthSize: number): SplitResult {
  const units: NalSpan[] = [];
  const diagnostics: Diagnostic[] = [];
  if (lengthSize < 1 || lengthSize > 4) {
    diagnostics.push(diagnostic('error', 'bad-length-size', `NAL unit length size ${lengthSize} is not 1, 2 or 4`, absOffset, absOffset + bytes.length));
    return { units, diagnostics };
  }
  let pos = 0;
  while (pos < bytes.length) {
    if (bytes.length - pos < lengthSize) {
      diagnostics.push(diagnostic('error', 'truncated-nal-length', `${bytes.length - pos} bytes left, too few for a ${lengthSize}-byte NAL unit length`, absOffset + pos, absOffset + bytes.length));
      break;
    }
    let n = 0;
    for (let k = 0; k < lengthSize; k++) n = n * 256 + bytes[pos + k]!;
    const payload = pos + lengthSize;
    let end = payload + n;
    if (n === 0) {
      diagnostics.push(diagnostic('error', 'empty-nal-unit', 'a NAL unit length of 0', absOffset + pos, absOffset + payload));
    } else if (end > bytes.length) {
      diagnostics.push(diagnostic('error', 'nal-length-exceeds-sample', `NAL unit length ${n} runs ${end - bytes.length} bytes past the end of the sample`, absOffset + pos, absOffset + bytes.length));
      end = bytes.length;
    }
    if (end > payload) units.push({ start: absOffset + pos, payloadStart: absOffset + payload, end: absOffset + end });
    pos = end;
  }
  return { units, diagnostics };
}
