/**
 * When MSE refuses a fragment, which sample broke it? The fragment's moof says where each sample lies
 * in the mdat (ISO/IEC 14496-12 8.8.7 tfhd, 8.8.8 trun); a video sample must be tiled exactly by its
 * length-prefixed NAL units (ISO/IEC 14496-15 5.3.2). The first sample that is not, or that lies
 * outside the fragment, is the one to point at.
 */

export interface TrackLayout {
  trackId: number;
  /** 0: not checked inside (audio). */
  nalLengthSize: number;
}

export interface SampleFault {
  /** Position of the sample among all samples of the fragment, trafs in order (the PlaySegment.packets order). */
  position: number;
  trackId: number;
  reason: string;
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
}

function children(b: Uint8Array, from: number, to: number): { type: string; start: number; end: number }[] {
  const out: { type: string; start: number; end: number }[] = [];
  let at = from;
  while (at + 8 <= to) {
    const size = u32(b, at);
    if (size < 8 || at + size > to) break;
    out.push({ type: String.fromCharCode(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!), start: at, end: at + size });
    at += size;
  }
  return out;
}

/** The first sample of a moof + mdat fragment whose bytes cannot be right, or null. */
export function findSampleFault(b: Uint8Array, tracks: readonly TrackLayout[]): SampleFault | null {
  const moof = children(b, 0, b.length).find((x) => x.type === 'moof');
  if (!moof) return { position: 0, trackId: 0, reason: 'the fragment has no moof box' };
  let position = 0;
  for (const traf of children(b, moof.start + 8, moof.end).filter((x) => x.type === 'traf')) {
    const boxes = children(b, traf.start + 8, traf.end);
    const tfhd = boxes.find((x) => x.type === 'tfhd');
    const trun = boxes.find((x) => x.type === 'trun');
    if (!tfhd || !trun) continue;
    const trackId = u32(b, tfhd.start + 12);
    const tfhdFlags = u32(b, tfhd.start + 8) & 0xffffff;
    let at = tfhd.start + 16 + (tfhdFlags & 0x01 ? 8 : 0) + (tfhdFlags & 0x02 ? 4 : 0) + (tfhdFlags & 0x08 ? 4 : 0);
    const defaultSize = tfhdFlags & 0x10 ? u32(b, at) : 0;
    const flags = u32(b, trun.start + 8) & 0xffffff;
    const count = u32(b, trun.start + 12);
    at = trun.start + 16;
    // default-base-is-moof: data_offset counts from the moof's first byte.
    let data = moof.start + (flags & 0x01 ? (u32(b, at) | 0) : 0);
    if (flags & 0x01) at += 4;
    if (flags & 0x04) at += 4;
    const nal = tracks.find((t) => t.trackId === trackId)?.nalLengthSize ?? 0;
    for (let i = 0; i < count && at <= trun.end; i++, position++) {
      if (flags & 0x100) at += 4;
      const size = flags & 0x200 ? u32(b, at) : defaultSize;
      if (flags & 0x200) at += 4;
      if (flags & 0x400) at += 4;
      if (flags & 0x800) at += 4;
      if (data + size > b.length) return { position, trackId, reason: `its ${size} bytes run past the end of the fragment` };
      const bad = nal ? nalFault(b, data, data + size, nal) : null;
      if (bad) return { position, trackId, reason: bad };
      data += size;
    }
  }
  return null;
}

/** Why the NAL units do not tile [start, end), or null when they do. */
function nalFault(b: Uint8Array, start: number, end: number, lengthSize: number): string | null {
  let at = start;
  let unit = 0;
  while (at < end) {
    if (at + lengthSize > end) return `NAL unit ${unit}: its ${lengthSize}-byte length is cut off at byte ${at - start} of the sample`;
    let length = 0;
    for (let k = 0; k < lengthSize; k++) length = length * 256 + b[at + k]!;
    if (length === 0) return `NAL unit ${unit} has length 0 (byte ${at - start} of the sample)`;
    if (at + lengthSize + length > end) return `NAL unit ${unit} claims ${length} bytes at byte ${at - start}, past the end of the ${end - start}-byte sample`;
    if (b[at + lengthSize]! & 0x80) return `NAL unit ${unit} has forbidden_zero_bit set (byte ${at + lengthSize - start} of the sample)`;
    at += lengthSize + length;
    unit++;
  }
  return null;
}
