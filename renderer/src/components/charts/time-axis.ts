import type uPlot from 'uplot';
import { timeTick } from '../../lib/charts/axis-format.js';
import type { ChartTheme } from './theme.js';
import { axis } from './spec.js';

/** Tick steps in seconds that read well on a clock: 0.25 s, 5 s, 15 s, 1, 5, 10, 30 minutes, hours. */
export const TIME_INCRS = [
  0.001, 0.002, 0.005, 0.01, 0.02, 0.04, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 30,
  60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
];

/** Seconds ticks for any axis (the x of time charts, the y of the DTS/PTS chart). */
export function secondsTicks(): Pick<uPlot.Axis, 'incrs' | 'values'> {
  return { incrs: TIME_INCRS, values: (_u, splits, _axis, _space, step) => splits.map((s) => timeTick(s, step)) };
}

/** The x axis in seconds of decode time: "0.5s" close up, "12:30" over minutes. */
export function timeAxis(theme: ChartTheme, show = true): uPlot.Axis {
  return axis(theme, { show, size: show ? 22 : 0, ...secondsTicks() });
}

/** Seconds are not calendar time: uPlot's time scale would print dates. */
export const secondsScale: uPlot.Scale = { time: false };
