/**
 * I, P or B per video sample, from the packet table alone.
 *
 * The packet table knows keyframes but not slice types. Reading slice_type means opening every sample
 * (media/samples/expand-sample.ts reads bytes per packet): far too slow for 250,000 samples drawn at once.
 * The timestamps already tell: in decode order, a picture that is displayed before one decoded earlier
 * (its PTS is below the highest PTS seen so far in the track) was reordered, and only B pictures are
 * reordered (I and P pictures are references that must be decoded before the B pictures between them).
 * So: keyframe -> I; PTS below the running maximum -> B ("B (reordered)"); otherwise P.
 * This matches ffprobe's pict_type on every corpus file. Where it can differ: a non-keyframe I picture
 * (open GOP, intra refresh) counts as P, and B pictures coded without reordering (a low-delay B, rare
 * outside conferencing encoders) count as P; the legend says "B (reordered)" for that reason.
 */
export const FrameType = { I: 0, P: 1, B: 2 } as const;
export type FrameType = (typeof FrameType)[keyof typeof FrameType];

export const FRAME_TYPE_LABELS = ['I', 'P', 'B (reordered)'] as const;

/** `pts` in decode order; `keyframe` 1 for sync samples. */
export function frameTypes(pts: Float64Array, keyframe: Uint8Array): Uint8Array {
  const n = pts.length;
  const out = new Uint8Array(n);
  let maxPts = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = pts[i]!;
    if (keyframe[i]) {
      out[i] = FrameType.I;
      // A keyframe is displayed after everything decoded before it; one that is not starts new
      // timestamps (a splice, a reset): measure from it, or the rest would all look reordered.
      if (t < maxPts) maxPts = t;
    } else out[i] = t < maxPts ? FrameType.B : FrameType.P;
    if (t > maxPts) maxPts = t;
  }
  return out;
}

/** How many samples of each type: [I, P, B]. */
export function frameTypeCounts(types: Uint8Array): [number, number, number] {
  const c: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < types.length; i++) c[types[i]! as 0 | 1 | 2]++;
  return c;
}
