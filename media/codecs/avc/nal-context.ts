import type { Display, FieldReader } from '../../model/field-reader.js';
import { type Field, type Node, type Severity, diagnostic } from '../../model/types.js';

/**
 * What an H.264/HEVC syntax reader works with: the recording reader over the RBSP and the NAL node
 * that collects diagnostics. Range checks report at the bits of the value read and parsing goes on,
 * since most out-of-range values still leave the rest of the syntax readable.
 */
export class NalContext {
  constructor(
    readonly r: FieldReader,
    readonly node: Node,
  ) {}

  /** Reports a problem about RBSP bits [fromBit, toBit), located at their bytes in the file. */
  report(severity: Severity, code: string, message: string, fromBit: number, toBit = this.r.pos): void {
    const map = this.r.map;
    const start = Math.floor(map.fileBit(fromBit) / 8);
    const end = toBit > fromBit ? Math.ceil((map.fileBit(toBit - 1) + 1) / 8) : start + 1;
    this.node.diagnostics.push(diagnostic(severity, code, message, start, end));
  }

  /** ue(v) that must not exceed `max` (a diagnostic when it does; the value is returned as read). */
  ue(name: string, max: number, display?: Display): number {
    const at = this.r.pos;
    const v = this.r.ue(name, display);
    if (v > max) this.report('error', 'value-out-of-range', `${name} = ${v} is out of range (at most ${max})`, at);
    return v;
  }

  /** se(v) within [min, max]. */
  se(name: string, min: number, max: number, display?: Display): number {
    const at = this.r.pos;
    const v = this.r.se(name, display);
    if (v < min || v > max) this.report('error', 'value-out-of-range', `${name} = ${v} is out of range (${min} to ${max})`, at);
    return v;
  }

  /** u(n) that should hold `expected` (reserved and fixed bits). */
  fixed(n: number, name: string, expected: number): number {
    const at = this.r.pos;
    const v = this.r.u(n, name);
    if (v !== expected) this.report('warning', 'reserved-bits-not-set', `${name} = ${v}, expected ${expected}`, at);
    return v;
  }

  /** Adds a meaning to the field just read (no-op when not recording). */
  show(display: string | undefined): void {
    const f: Field | undefined = this.r.last;
    if (f && display !== undefined) f.display = display;
  }

  /** rbsp_trailing_bits(): rbsp_stop_one_bit then zero bits up to the byte boundary. */
  trailingBits(): void {
    const r = this.r;
    if (r.bitsLeft <= 0) {
      this.report('warning', 'missing-rbsp-trailing-bits', 'the RBSP ends without rbsp_stop_one_bit', Math.max(0, r.pos - 1), r.pos);
      return;
    }
    this.fixed(1, 'rbsp_stop_one_bit', 1);
    while ((r.pos & 7) !== 0 && r.bitsLeft > 0) this.fixed(1, 'rbsp_alignment_zero_bit', 0);
    if (r.bitsLeft > 0) this.trailingData('rbsp_trailing_data');
  }

  /** Bytes after the syntax ends (cabac_zero_words, trailing garbage): zero bytes are fine, others are reported. */
  trailingData(name: string): void {
    const r = this.r;
    const at = r.pos;
    const n = r.bytesLeft;
    if (n <= 0) return;
    const bytes = r.bytes(n, name);
    if (bytes.some((b) => b !== 0)) this.report('warning', 'data-after-rbsp-trailing-bits', `${n} bytes follow rbsp_trailing_bits`, at);
  }
}

/** Ceil(Log2(x)) for x >= 1: the bit width of u(v) fields such as slice_group_id. */
export function ceilLog2(x: number): number {
  let bits = 0;
  while (2 ** bits < x) bits++;
  return bits;
}
