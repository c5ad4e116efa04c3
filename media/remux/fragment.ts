/**
 * One media fragment (ISO/IEC 14496-12 8.8.4-8.8.12): moof (mfhd, then per track a traf with tfhd
 * default-base-is-moof, tfdt version 1, trun version 1) followed by one mdat holding the payloads
 * track after track. trun version 1 makes composition offsets signed (B-frames without an edit trick).
 */
/** sample_flags (8.8.3.1): sample_depends_on = 2 (does not depend on others), sync. */
export const SYNC_FLAGS = 0x02000000;
/** sample_depends_on = 1, sample_is_non_sync_sample = 1. */
export const NON_SYNC_FLAGS = 0x01010000;

const TFHD_DEFAULT_SAMPLE_FLAGS = 0x000020;
const TFHD_DEFAULT_BASE_IS_MOOF = 0x020000;
const TRUN_DATA_OFFSET = 0x000001;
const TRUN_DURATION = 0x000100;
const TRUN_SIZE = 0x000200;
const TRUN_FLAGS = 0x000400;
const TRUN_CTO = 0x000800;

/** A sample ready to write: times already shifted, duration final. */
export interface FragmentSample {
  dts: number;
  /** pts - dts: signed. */
  cto: number;
  duration: number;
  keyframe: boolean;
  data: Uint8Array;
}

export interface FragmentTrackRun {
  trackId: number;
  samples: FragmentSample[];
}

export interface WrittenFragment {
  /** The moof and the mdat header, then the payloads as given (views, not copies): write them in order. */
  parts: Uint8Array[];
  /** Bytes of all parts. */
  size: number;
  /** 1-based traf number of each run, as mfra's tfra counts them (0 for an empty run). */
  trafNumbers: number[];
}

/**
 * The samples of one track as columns, so a writer keeps no object per sample: times and flags in
 * typed arrays that grow by doubling, payloads in one array of views. `stated` is the duration the
 * source gave (0 = unknown); `duration` is NaN until the next sample settles it.
 */
export class SampleColumns {
  count = 0;
  /** Payload bytes of the samples held. */
  bytes = 0;
  dts: Float64Array = new Float64Array(256);
  cto: Float64Array = new Float64Array(256);
  duration: Float64Array = new Float64Array(256);
  stated: Float64Array = new Float64Array(256);
  keyframe: Uint8Array = new Uint8Array(256);
  readonly data: Uint8Array[] = [];

  push(dts: number, cto: number, stated: number, keyframe: boolean, data: Uint8Array): void {
    const i = this.count;
    if (i === this.dts.length) this.grow();
    this.dts[i] = dts;
    this.cto[i] = cto;
    this.duration[i] = Number.NaN;
    this.stated[i] = stated;
    this.keyframe[i] = keyframe ? 1 : 0;
    this.data[i] = data;
    this.count = i + 1;
    this.bytes += data.length;
  }

  /** Forgets the first `n` samples (written): the rest move to the front. */
  dropFront(n: number): void {
    for (let i = 0; i < Math.min(n, this.count); i++) this.bytes -= this.data[i]!.length;
    const rest = this.count - n;
    if (rest > 0 && n > 0) {
      this.dts.copyWithin(0, n, this.count);
      this.cto.copyWithin(0, n, this.count);
      this.duration.copyWithin(0, n, this.count);
      this.stated.copyWithin(0, n, this.count);
      this.keyframe.copyWithin(0, n, this.count);
      for (let i = 0; i < rest; i++) this.data[i] = this.data[n + i]!;
    }
    this.count = Math.max(0, rest);
    this.data.length = this.count; // let go of the written payloads
  }

  private grow(): void {
    const size = this.dts.length * 2;
    const f64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.dts = f64(this.dts);
    this.cto = f64(this.cto);
    this.duration = f64(this.duration);
    this.stated = f64(this.stated);
    const k = new Uint8Array(size);
    k.set(this.keyframe);
    this.keyframe = k;
  }
}

/** The first `count` samples of `columns`, as one track's run in a fragment. */
export interface ColumnRun {
  trackId: number;
  columns: SampleColumns;
  count: number;
}

/** Bytes of a traf for `count` samples with these per-sample fields. */
function trafSize(count: number, allSync: boolean, anyCto: boolean): number {
  const tfhd = 16 + (allSync ? 4 : 0);
  const tfdt = 20;
  const trun = 20 + count * (8 + (allSync ? 0 : 4) + (anyCto ? 4 : 0));
  return 8 + tfhd + tfdt + trun;
}

/**
 * writeFragment over columns: the moof's size is known before it is written, so it goes straight
 * into one buffer of that size (no growing, no size patching).
 */
export function writeColumnsFragment(sequenceNumber: number, runs: readonly ColumnRun[]): WrittenFragment {
  const shapes: number[] = []; // per run: bit 0 allSync, bit 1 anyCto
  let moofSize = 8 + 16; // moof header, mfhd
  let payload = 0;
  for (const run of runs) {
    const c = run.columns;
    let allSync = true;
    let anyCto = false;
    for (let i = 0; i < run.count; i++) {
      if (c.keyframe[i] === 0) allSync = false;
      if (c.cto[i] !== 0) anyCto = true;
      payload += c.data[i]!.length;
    }
    shapes.push((allSync ? 1 : 0) | (anyCto ? 2 : 0));
    if (run.count > 0) moofSize += trafSize(run.count, allSync, anyCto);
  }
  const mdatSize = 8 + payload;
  if (mdatSize > 0xffffffff) throw new RangeError('a fragment of 4 GiB or more');
  const head = new Uint8Array(moofSize + 8);
  const v = new DataView(head.buffer);
  let at = 0;
  const boxHeader = (size: number, a: number, b: number, c: number, d: number): void => {
    v.setUint32(at, size);
    head[at + 4] = a;
    head[at + 5] = b;
    head[at + 6] = c;
    head[at + 7] = d;
    at += 8;
  };
  const fullBoxHeader = (size: number, a: number, b: number, c: number, d: number, version: number, flags: number): void => {
    boxHeader(size, a, b, c, d);
    v.setUint32(at, ((version << 24) | flags) >>> 0);
    at += 4;
  };
  boxHeader(moofSize, 0x6d, 0x6f, 0x6f, 0x66); // moof
  fullBoxHeader(16, 0x6d, 0x66, 0x68, 0x64, 0, 0); // mfhd
  v.setUint32(at, sequenceNumber >>> 0);
  at += 4;
  const trafNumbers: number[] = [];
  let traf = 0;
  // data_offset (from the moof start) of each run: its bytes follow the previous runs' in the mdat.
  let dataOffset = moofSize + 8;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    const n = run.count;
    if (n === 0) {
      trafNumbers.push(0);
      continue;
    }
    trafNumbers.push(++traf);
    const c = run.columns;
    const allSync = (shapes[r]! & 1) !== 0;
    const anyCto = (shapes[r]! & 2) !== 0;
    boxHeader(trafSize(n, allSync, anyCto), 0x74, 0x72, 0x61, 0x66); // traf
    // All-sync tracks (audio) state the flags once in tfhd instead of per sample.
    fullBoxHeader(16 + (allSync ? 4 : 0), 0x74, 0x66, 0x68, 0x64, 0, TFHD_DEFAULT_BASE_IS_MOOF | (allSync ? TFHD_DEFAULT_SAMPLE_FLAGS : 0)); // tfhd
    v.setUint32(at, run.trackId >>> 0);
    at += 4;
    if (allSync) {
      v.setUint32(at, SYNC_FLAGS);
      at += 4;
    }
    fullBoxHeader(20, 0x74, 0x66, 0x64, 0x74, 1, 0); // tfdt
    const base = c.dts[0]!;
    const high = Math.floor(base / 0x1_0000_0000);
    v.setUint32(at, high >>> 0);
    v.setUint32(at + 4, (base - high * 0x1_0000_0000) >>> 0);
    at += 8;
    const flags = TRUN_DATA_OFFSET | TRUN_DURATION | TRUN_SIZE | (allSync ? 0 : TRUN_FLAGS) | (anyCto ? TRUN_CTO : 0);
    fullBoxHeader(20 + n * (8 + (allSync ? 0 : 4) + (anyCto ? 4 : 0)), 0x74, 0x72, 0x75, 0x6e, 1, flags); // trun
    v.setUint32(at, n);
    v.setInt32(at + 4, dataOffset);
    at += 8;
    for (let i = 0; i < n; i++) {
      const size = c.data[i]!.length;
      v.setUint32(at, c.duration[i]! >>> 0);
      v.setUint32(at + 4, size);
      at += 8;
      if (!allSync) {
        v.setUint32(at, c.keyframe[i] ? SYNC_FLAGS : NON_SYNC_FLAGS);
        at += 4;
      }
      if (anyCto) {
        v.setInt32(at, c.cto[i]! | 0);
        at += 4;
      }
      dataOffset += size;
    }
  }
  v.setUint32(at, mdatSize);
  head[at + 4] = 0x6d; // mdat
  head[at + 5] = 0x64;
  head[at + 6] = 0x61;
  head[at + 7] = 0x74;
  // The payloads are not copied here: a file writer copies or writes the views as they are, MSE gets them joined.
  const parts: Uint8Array[] = [head];
  for (const run of runs) for (let i = 0; i < run.count; i++) parts.push(run.columns.data[i]!);
  return { parts, size: moofSize + mdatSize, trafNumbers };
}

/** A fragment from sample objects (the live player's parts): the same bytes as writeColumnsFragment. */
export function writeFragment(sequenceNumber: number, runs: readonly FragmentTrackRun[]): WrittenFragment {
  return writeColumnsFragment(
    sequenceNumber,
    runs.map((run) => {
      const columns = new SampleColumns();
      for (const s of run.samples) {
        columns.push(s.dts, s.cto, 0, s.keyframe, s.data);
        columns.duration[columns.count - 1] = s.duration;
      }
      return { trackId: run.trackId, columns, count: run.samples.length };
    }),
  );
}

/** The parts of a fragment as one buffer. */
export function joinParts(parts: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
