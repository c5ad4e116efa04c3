/**
 * How the live player trades latency for smoothness. Each choice is a LivePlaySource part size and an
 * hls.js live sync distance; scripts/bench/live-latency.mjs measures all of them in one run (latency from
 * a frame's arrival at the server to its display, stalls, dropped frames). The choice is remembered in
 * the page's storage.
 */

export interface LivePreset {
  label: string;
  /** What it does, for the menu's tooltip. */
  about: string;
  /** LL-HLS: hls.js loads parts as they are written (blocking playlist reloads). */
  lowLatencyMode: boolean;
  /** Seconds per LivePlaySource part. */
  partTarget: number;
  /** Seconds behind the live edge hls.js aims for; absent: hls.js's own default (three target durations). */
  liveSyncDuration?: number;
}

export const LIVE_PRESETS = {
  low: {
    label: 'Low latency',
    about: '0.2 s parts (they may start between keyframes), played 0.5 s behind the newest part',
    lowLatencyMode: true,
    partTarget: 0.2,
    liveSyncDuration: 0.5,
  },
  lowest: {
    label: 'Lowest latency',
    about: '0.1 s parts, played 0.3 s behind the newest part: stalls sooner when frames come late',
    lowLatencyMode: true,
    partTarget: 0.1,
    liveSyncDuration: 0.3,
  },
  segments: {
    label: 'Whole segments',
    about: 'whole-GOP segments and hls.js defaults (three target durations behind), as a plain HLS player plays',
    lowLatencyMode: false,
    partTarget: 0.2,
  },
} as const satisfies Record<string, LivePreset>;

export type LivePresetName = keyof typeof LIVE_PRESETS;

export const DEFAULT_PRESET: LivePresetName = 'low';
const STORAGE_KEY = 'bitlens.live-preset';

export function isPresetName(name: string): name is LivePresetName {
  return Object.hasOwn(LIVE_PRESETS, name);
}

/** The remembered choice (storage can be missing or refused: then the default). */
export function savedPreset(): LivePresetName {
  try {
    const name = globalThis.localStorage?.getItem(STORAGE_KEY) ?? '';
    return isPresetName(name) ? name : DEFAULT_PRESET;
  } catch {
    return DEFAULT_PRESET;
  }
}

export function savePreset(name: LivePresetName): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, name);
  } catch {
    // Not remembered; the choice still holds for this page.
  }
}
