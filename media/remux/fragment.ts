/**
 * One media fragment (ISO/IEC 14496-12 8.8.4-8.8.12): moof (mfhd, then per track a traf with tfhd
 * default-base-is-moof, tfdt version 1, trun version 1) followed by one mdat holding the payloads
 * track after track. trun version 1 makes composition offsets signed (B-frames without an edit trick).
 */
import { ByteWriter } from './byte-writer.js';

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

export function writeFragment(sequenceNumber: number, runs: readonly FragmentTrackRun[]): WrittenFragment {
  let payload = 0;
  let count = 0;
  for (const run of runs) {
    count += run.samples.length;
    for (const s of run.samples) payload += s.data.length;
  }
  const w = new ByteWriter(128 + count * 16);
  const dataOffsetAt: number[] = [];
  const trafNumbers: number[] = [];
  let traf = 0;
  w.box('moof', () => {
    w.fullBox('mfhd', 0, 0, () => w.u32(sequenceNumber));
    for (const run of runs) {
      if (run.samples.length === 0) {
        trafNumbers.push(0);
        continue;
      }
      trafNumbers.push(++traf);
      writeTraf(w, run, dataOffsetAt);
    }
  });
  const moofSize = w.length;
  // data_offset (from the moof start) of each run: its bytes follow the previous runs' in the mdat.
  let at = moofSize + 8;
  let k = 0;
  for (const run of runs) {
    if (run.samples.length === 0) continue;
    w.patchU32(dataOffsetAt[k++]!, at);
    for (const s of run.samples) at += s.data.length;
  }
  const mdatSize = 8 + payload;
  if (mdatSize > 0xffffffff) throw new RangeError('a fragment of 4 GiB or more');
  w.u32(mdatSize).fourcc('mdat');
  // The payloads are not copied here: a file writer hands the views to writev, MSE gets them joined.
  const parts: Uint8Array[] = [w.finish()];
  for (const run of runs) for (const s of run.samples) parts.push(s.data);
  return { parts, size: moofSize + mdatSize, trafNumbers };
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

function writeTraf(w: ByteWriter, run: FragmentTrackRun, dataOffsetAt: number[]): void {
  const samples = run.samples;
  const allSync = samples.every((s) => s.keyframe);
  const anyCto = samples.some((s) => s.cto !== 0);
  w.box('traf', () => {
    // All-sync tracks (audio) state the flags once in tfhd instead of per sample.
    w.fullBox('tfhd', 0, TFHD_DEFAULT_BASE_IS_MOOF | (allSync ? TFHD_DEFAULT_SAMPLE_FLAGS : 0), () => {
      w.u32(run.trackId);
      if (allSync) w.u32(SYNC_FLAGS);
    });
    w.fullBox('tfdt', 1, 0, () => w.u64(samples[0]!.dts));
    const flags = TRUN_DATA_OFFSET | TRUN_DURATION | TRUN_SIZE | (allSync ? 0 : TRUN_FLAGS) | (anyCto ? TRUN_CTO : 0);
    w.fullBox('trun', 1, flags, () => {
      w.u32(samples.length);
      dataOffsetAt.push(w.length);
      w.i32(0); // data_offset, patched once the moof size is known
      for (const s of samples) {
        w.u32(s.duration).u32(s.data.length);
        if (!allSync) w.u32(s.keyframe ? SYNC_FLAGS : NON_SYNC_FLAGS);
        if (anyCto) w.i32(s.cto);
      }
    });
  });
}
