import type { NalContext } from './nal-context.js';

/**
 * scaling_list() (H.264 7.3.2.1.1.1): delta-coded until a delta makes nextScale 0, after which the
 * last scale repeats. `group` is the list's name in the spec's semantics (ScalingList4x4[i]).
 */
export function readScalingList(ctx: NalContext, group: string, size: number): void {
  const r = ctx.r;
  r.group(
    group,
    () => {
      let lastScale = 8;
      let nextScale = 8;
      let useDefault = false;
      for (let j = 0; j < size; j++) {
        if (nextScale !== 0) {
          const delta = ctx.se(`delta_scale[${j}]`, -128, 127);
          nextScale = (lastScale + delta + 256) % 256;
          useDefault = j === 0 && nextScale === 0;
        }
        lastScale = nextScale === 0 ? lastScale : nextScale;
      }
      return useDefault;
    },
    undefined,
    (useDefault) => (useDefault ? 'use the default scaling matrix' : undefined),
  );
}

/** The present-flag and list loop shared by the SPS and the PPS (4x4 lists first, then 8x8). */
export function readScalingMatrix(ctx: NalContext, flagName: string, count: number): void {
  const r = ctx.r;
  for (let i = 0; i < count; i++) {
    const present = r.flag(`${flagName}[${i}]`);
    if (!present) continue;
    if (i < 6) readScalingList(ctx, `ScalingList4x4[${i}]`, 16);
    else readScalingList(ctx, `ScalingList8x8[${i - 6}]`, 64);
  }
}
