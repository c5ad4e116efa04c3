/**
 * What one chart is: its uPlot options (built from the theme), its columns, and how a point maps to a
 * packet of the document (click to select, marker for the selection, a line of text for the readout).
 * UPlotChart.svelte owns the uPlot instance; the specs in this folder only describe.
 */
import type uPlot from 'uplot';
import { bytesTick } from '../../lib/charts/axis-format.js';
import type { ChartTheme } from './theme.js';

export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

export interface ChartSpec {
  /** Stable name (tests, aria labels). */
  id: string;
  title: string;
  options(theme: ChartTheme): ChartOptions;
  data: uPlot.AlignedData;
  /** The packet a click picks, given the cursor's data index, or -1. */
  pick(u: uPlot, idx: number): number;
  /** Where the selected packet lies on x, or null when this chart does not show it. */
  markX(packet: number): number | null;
  /** One line on the point at data index `idx` (the readout above the charts). */
  describe(idx: number): string;
  /** Draws the selected packet's own mark (an outlined bar), besides the marker line every chart gets. */
  highlight?(u: uPlot, packet: number, theme: ChartTheme): void;
}

/** Axis look shared by every chart: dim labels, faint grid, no tick marks. */
export function axis(theme: ChartTheme, extra: uPlot.Axis = {}): uPlot.Axis {
  return {
    stroke: theme.fgDim,
    font: theme.fontSmall,
    labelFont: theme.font,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { show: false },
    border: { show: true, stroke: theme.axis, width: 1 },
    gap: 4,
    ...extra,
  };
}

/** A y axis of sample sizes in bytes. */
export function bytesAxis(theme: ChartTheme, extra: uPlot.Axis = {}): uPlot.Axis {
  return axis(theme, { size: 44, values: (_u, splits) => splits.map(bytesTick), ...extra });
}

/** Cursor shared by every chart: x drag zooms (double-click resets), hover shows a dot per series. */
export function cursor(syncKey?: string): uPlot.Cursor {
  return {
    drag: { x: true, y: false, setScale: true },
    points: { size: 7, width: 1.5 },
    focus: { prox: 24 },
    ...(syncKey ? { sync: { key: syncKey } } : {}),
  };
}

/** y from zero to a little above the visible maximum. */
export function fromZero(_u: uPlot, _min: number, max: number): uPlot.Range.MinMax {
  return [0, max > 0 ? max * 1.08 : 1];
}
