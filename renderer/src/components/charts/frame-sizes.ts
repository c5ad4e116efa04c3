/**
 * Frame sizes: a bar per video sample at its decode time, coloured I / P / B, and below it the audio
 * samples' sizes on the same time axis (the two panels zoom and hover together).
 */
import uPlot from 'uplot';
import { secondsText } from '../../lib/charts/axis-format.js';
import { FRAME_TYPE_LABELS } from '../../lib/charts/frame-types.js';
import type { TrackSeries } from '../../lib/charts/track-series.js';
import { positionOf } from '../../lib/charts/navigate.js';
import { drawBars, outlineBar, pickColumn, type BarsDrawn } from './draw.js';
import { bytesAxis, cursor, fromZero, type ChartSpec } from './spec.js';
import type { ChartTheme } from './theme.js';
import { secondsScale, timeAxis } from './time-axis.js';

export interface SizesContext {
  /** Decode time of any packet of the document, seconds (the marker of a selection in another track). */
  timeOf(packet: number): number;
  /** Cursor sync key shared by the panels of one document. */
  syncKey: string;
}

/**
 * Half a bar of room at both ends of the whole track, so the first and last bars are whole. Only the
 * data's own extent is padded: a zoom (or a linked chart's range) is taken as it is, or two linked
 * charts would pad each other's range forever.
 */
function padded(x: Float64Array): uPlot.Range.Function {
  const n = x.length;
  const spacing = n > 1 ? (x[n - 1]! - x[0]!) / (n - 1) : 0.5;
  return (_u, min, max) => (n && min === x[0] && max === x[n - 1] ? [min - spacing * 0.6, max + spacing * 0.6] : [min, max]);
}

export function sizesSpec(s: TrackSeries, ctx: SizesContext, role: 'video' | 'audio', showTime: boolean): ChartSpec {
  let drawn: BarsDrawn = { columns: null, i0: 0, bar: 1 };
  const n = s.packets.length;
  const types = role === 'video' ? (s.frameType ?? null) : null;
  const colours = (t: ChartTheme): string[] => (role === 'video' ? [...t.frame] : [t.audio]);
  return {
    id: `sizes-${role}`,
    title: role === 'video' ? 'Video frame sizes' : 'Audio frame sizes',
    data: [s.dts, s.size],
    options: (theme) => ({
      padding: [8, 12, showTime ? 0 : 4, 0],
      legend: { show: false },
      cursor: cursor(ctx.syncKey),
      scales: { x: { ...secondsScale, range: padded(s.dts) }, y: { range: fromZero } },
      axes: [timeAxis(theme, showTime), bytesAxis(theme, { label: role === 'video' ? 'video bytes' : 'audio', labelSize: 14, labelGap: 0 })],
      series: [
        {},
        // Drawn by the draw hook below (coloured per frame); the series gives hover dots and the y range.
        { label: 'Size', stroke: role === 'video' ? theme.fgDim : theme.audio, paths: () => null, points: { show: false } },
      ],
      hooks: {
        draw: [
          (u: uPlot) => {
            drawn = drawBars(u, s.dts, s.size, types, colours(theme));
          },
        ],
      },
    }),
    pick: (u, idx) => {
      const dense = u.cursor.left !== undefined ? pickColumn(drawn, u.cursor.left, uPlot.pxRatio) : -1;
      const k = dense >= 0 ? dense : idx;
      return k >= 0 && k < n ? s.packets[k]! : -1;
    },
    markX: (packet) => ctx.timeOf(packet),
    highlight: (u, packet, theme) => {
      const k = positionOf(s.packets, packet);
      if (k < 0) return;
      // The bar's width in x units: drawBars' width in device pixels, in CSS pixels, back through the scale.
      const half = (u.posToVal(drawn.bar / uPlot.pxRatio, 'x') - u.posToVal(0, 'x')) / 2;
      outlineBar(u, s.dts[k]! - half, s.dts[k]! + half, s.size[k]!, theme.fg);
    },
    describe: (k) => {
      if (k < 0 || k >= n) return '';
      const type = types ? ` · ${FRAME_TYPE_LABELS[types[k]!]}` : '';
      return `${s.label} sample ${k + 1} of ${n} (packet ${s.packets[k]})${type} · ${s.size[k]!.toLocaleString('en-US')} bytes · DTS ${secondsText(s.dts[k]!)} · PTS ${secondsText(s.pts[k]!)}`;
    },
  };
}
