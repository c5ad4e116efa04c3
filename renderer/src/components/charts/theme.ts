/**
 * Chart colours come from CSS custom properties (app.css and ChartsPanel.svelte), so light and dark
 * follow prefers-color-scheme like the rest of the window. Canvas drawing needs concrete strings: they
 * are read once per chart creation (and again when the scheme changes).
 */
export interface ChartTheme {
  dark: boolean;
  fg: string;
  fgDim: string;
  fgFaint: string;
  grid: string;
  axis: string;
  bg: string;
  accent: string;
  /** I, P, B. */
  frame: [string, string, string];
  audio: string;
  total: string;
  /** One colour per track, cycled. */
  tracks: string[];
  selection: string;
  font: string;
  fontSmall: string;
}

export function readTheme(el: Element): ChartTheme {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  const family = v('--font-ui', 'system-ui, sans-serif');
  return {
    dark: window.matchMedia('(prefers-color-scheme: dark)').matches,
    fg: v('--fg', '#1d2330'),
    fgDim: v('--fg-dim', '#5f6878'),
    fgFaint: v('--fg-faint', '#98a0ad'),
    grid: v('--chart-grid', '#e6e9ee'),
    axis: v('--border-strong', '#c3c9d3'),
    bg: v('--bg', '#ffffff'),
    accent: v('--accent', '#2f6fdd'),
    frame: [v('--chart-i', '#d63c3c'), v('--chart-p', '#2f6fdd'), v('--chart-b', '#2d9a5a')],
    audio: v('--chart-audio', '#c27c0e'),
    total: v('--chart-total', '#5f6878'),
    tracks: [v('--chart-t1', '#2f6fdd'), v('--chart-t2', '#c27c0e'), v('--chart-t3', '#8a4fd1'), v('--chart-t4', '#13918f')],
    selection: v('--chart-selection', '#e8590c'),
    font: `11px ${family}`,
    fontSmall: `10.5px ${family}`,
  };
}

/** A #rgb / #rrggbb colour at some opacity, for fills (canvas styles take rgba() everywhere). */
export function alpha(color: string, a: number): string {
  let hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color)?.[1];
  if (!hex) return color;
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const n = parseInt(hex, 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}
