/**
 * The sample durations of a fragment the writer made, read back from its own trun boxes
 * (ISO/IEC 14496-12 8.8.8). The playback plan runs the writer over the packet table with empty
 * payloads and reads each sample's duration here, so a fragment made later from the real payloads
 * carries the same durations, and the playlist's EXTINF (the lead track's sum) equals them exactly,
 * or hls.js re-bases its timeline to the fragment's times.
 */

function u32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
}

function fourcc(b: Uint8Array, at: number): string {
  return String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
}

/** Boxes [start, end) directly inside [from, to), bounded by the bytes there. */
function* boxes(b: Uint8Array, from: number, to: number): Generator<{ type: string; start: number; end: number }> {
  let at = from;
  while (at + 8 <= to) {
    const size = u32(b, at);
    if (size < 8 || at + size > to) return;
    yield { type: fourcc(b, at + 4), start: at, end: at + size };
    at += size;
  }
}

/** One traf's samples: its track and each sample's duration in the track timescale, in order. */
export interface RunDurations {
  trackId: number;
  durations: number[];
}

/** Per traf of the moof that starts `fragment` (the mdat need not follow), in the order written. */
export function runDurations(fragment: Uint8Array): RunDurations[] {
  const out: RunDurations[] = [];
  for (const moof of boxes(fragment, 0, fragment.length)) {
    if (moof.type !== 'moof') continue;
    for (const traf of boxes(fragment, moof.start + 8, moof.end)) {
      if (traf.type !== 'traf') continue;
      const run: RunDurations = { trackId: -1, durations: [] };
      let defaultDuration = 0;
      for (const box of boxes(fragment, traf.start + 8, traf.end)) {
        const flags = u32(fragment, box.start + 8) & 0xffffff;
        if (box.type === 'tfhd') {
          run.trackId = u32(fragment, box.start + 12);
          let at = box.start + 16;
          if (flags & 0x01) at += 8; // base_data_offset
          if (flags & 0x02) at += 4; // sample_description_index
          if (flags & 0x08) defaultDuration = u32(fragment, at);
        } else if (box.type === 'trun') {
          const count = u32(fragment, box.start + 12);
          let at = box.start + 16;
          if (flags & 0x01) at += 4; // data_offset
          if (flags & 0x04) at += 4; // first_sample_flags
          const stride = (flags & 0x100 ? 4 : 0) + (flags & 0x200 ? 4 : 0) + (flags & 0x400 ? 4 : 0) + (flags & 0x800 ? 4 : 0);
          // Bounded by the box: a count larger than the entries present stops at the box's end.
          const entries = stride > 0 ? Math.min(count, Math.floor((box.end - at) / stride)) : count;
          for (let i = 0; i < entries; i++, at += stride) run.durations.push(flags & 0x100 ? u32(fragment, at) : defaultDuration);
        }
      }
      out.push(run);
    }
  }
  return out;
}

/** Ticks of track `trackId` in a fragment (0 when the track has no run there). */
export function leadDuration(fragment: Uint8Array, trackId: number): number {
  let total = 0;
  for (const run of runDurations(fragment)) if (run.trackId === trackId) for (const d of run.durations) total += d;
  return total;
}
