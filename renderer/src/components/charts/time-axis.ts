import type uPlot from 'uplot';
import { timeTick } from '../../lib/charts/axis-format.js';
import type { ChartTheme } from './theme.js';
import { axis } from './spec.js';

/** The x axis in seconds of decode time: "0.5s" close up, "12:30" over minutes. */
export function timeAxis(theme: ChartTheme, show = true): uPlot.Axis {
  return axis(theme, {
    show,
    size: show ? 22 : 0,
    values: (_u, splits, _axis, _space, step) => splits.map((s) => timeTick(s, step)),
  });
}

/** Seconds are not calendar time: uPlot's time scale would print dates. */
export const secondsScale: uPlot.Scale = { time: false };
