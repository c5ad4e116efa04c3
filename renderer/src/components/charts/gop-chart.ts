/**
 * GOP structure: each group of pictures as a bar from its keyframe's decode time to the next keyframe,
 * as tall as its length in frames, and the keyframe interval in seconds as a line on the right axis.
 */
import uPlot from 'uplot';
import { secondsText } from '../../lib/charts/axis-format.js';
import { lowerBound } from '../../lib/charts/columns.js';
import type { Gops } from '../../lib/charts/gop.js';
import { positionOf } from '../../lib/charts/navigate.js';
import type { TrackSeries } from '../../lib/charts/track-series.js';
import { drawSpans, outlineBar, pickColumn, type BarsDrawn } from './draw.js';
import { axis, cursor, fromZero, type ChartSpec } from './spec.js';
import { alpha } from './theme.js';
import { secondsScale, secondsTicks, timeAxis } from './time-axis.js';

export function gopSpec(g: Gops, video: TrackSeries, timeOf: (packet: number) => number): ChartSpec {
  let drawn: BarsDrawn = { columns: null, i0: 0, bar: 0 };
  const n = g.start.length;
  const last = n ? g.start[n - 1]! + g.seconds[n - 1]! : 1;
  /** The GOP holding sample k of the track. */
  const gopOfSample = (k: number): number => lowerBound(g.sample, k + 1) - 1;
  return {
    id: 'gop',
    title: 'GOP structure',
    data: [g.start, g.frames, g.seconds],
    options: (theme) => ({
      padding: [8, 4, 0, 0],
      legend: { show: false },
      cursor: cursor(),
      scales: {
        // Bars span their GOP: the x range reaches the end of the last one.
        x: { ...secondsScale, range: (_u, min, max) => (n && min === g.start[0] && max === g.start[n - 1] ? [min, last] : [min, max]) },
        frames: { range: fromZero },
        sec: { range: fromZero },
      },
      axes: [
        timeAxis(theme),
        axis(theme, { scale: 'frames', size: 40, label: 'frames', labelSize: 14, labelGap: 0 }),
        axis(theme, { scale: 'sec', side: 1, size: 44, grid: { show: false }, ...secondsTicks() }),
      ],
      series: [
        {},
        { label: 'Frames', scale: 'frames', stroke: theme.frame[0], paths: () => null, points: { show: false } },
        { label: 'Interval', scale: 'sec', stroke: theme.fg, width: 1.25, paths: uPlot.paths.stepped!({ align: 1 }), points: { show: n < 200, size: 4, fill: theme.fg } },
      ],
      hooks: {
        draw: [
          (u: uPlot) => {
            drawn = drawSpans(u, g.start, g.seconds, g.frames, alpha(theme.frame[0], 0.5), 'frames');
          },
        ],
      },
    }),
    pick: (u, idx) => {
      if (drawn.columns) {
        const k = u.cursor.left !== undefined ? pickColumn(drawn, u.cursor.left, uPlot.pxRatio) : -1;
        return k >= 0 ? g.packet[k]! : -1;
      }
      // The GOP whose span holds the pointer, else the nearest start.
      const at = u.cursor.left !== undefined ? u.posToVal(u.cursor.left, 'x') : NaN;
      const k = Number.isFinite(at) ? lowerBound(g.start, at + 1e-9) - 1 : idx;
      return k >= 0 && k < n ? g.packet[k]! : idx >= 0 && idx < n ? g.packet[idx]! : -1;
    },
    markX: (packet) => timeOf(packet),
    highlight: (u, packet, theme) => {
      const k = positionOf(video.packets, packet);
      const i = k >= 0 ? gopOfSample(k) : -1;
      if (i >= 0 && i < n) outlineBar(u, g.start[i]!, g.start[i]! + g.seconds[i]!, g.frames[i]!, theme.fg, 'frames');
    },
    describe: (k) => (k >= 0 && k < n ? `${video.label} GOP ${k + 1} of ${n} · from sample ${g.sample[k]! + 1} (packet ${g.packet[k]}) · DTS ${secondsText(g.start[k]!)} · ${g.frames[k]} frames · ${secondsText(g.seconds[k]!)}` : ''),
  };
}
