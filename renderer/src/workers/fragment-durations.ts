/**
 * The exact duration of a fragment the writer made, read back from its own trun boxes: the sum of
 * the sample durations of one track (ISO/IEC 14496-12 8.8.8). The playlist's EXTINF must equal it,
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

/** Ticks of track `trackId` in a moof + mdat fragment (0 when the track has no run there). */
export function leadDuration(fragment: Uint8Array, trackId: number): number {
  let total = 0;
  for (const moof of boxes(fragment, 0, fragment.length)) {
    if (moof.type !== 'moof') continue;
    for (const traf of boxes(fragment, moof.start + 8, moof.end)) {
      if (traf.type !== 'traf') continue;
      let id = -1;
      let defaultDuration = 0;
      for (const box of boxes(fragment, traf.start + 8, traf.end)) {
        const flags = u32(fragment, box.start + 8) & 0xffffff;
        if (box.type === 'tfhd') {
          id = u32(fragment, box.start + 12);
          let at = box.start + 16;
          if (flags & 0x01) at += 8; // base_data_offset
          if (flags & 0x02) at += 4; // sample_description_index
          if (flags & 0x08) defaultDuration = u32(fragment, at);
        } else if (box.type === 'trun' && id === trackId) {
          const count = u32(fragment, box.start + 12);
          let at = box.start + 16;
          if (flags & 0x01) at += 4; // data_offset
          if (flags & 0x04) at += 4; // first_sample_flags
          const stride = (flags & 0x100 ? 4 : 0) + (flags & 0x200 ? 4 : 0) + (flags & 0x400 ? 4 : 0) + (flags & 0x800 ? 4 : 0);
          if (!(flags & 0x100)) total += count * defaultDuration;
          else for (let i = 0; i < count && at + 4 <= box.end; i++, at += stride) total += u32(fragment, at);
        }
      }
    }
  }
  return total;
}
