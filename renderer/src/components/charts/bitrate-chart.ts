/** Bitrate over time: kbit/s per 1 s window of decode time, every track and their total, as steps. */
import uPlot from 'uplot';
import { rateText, rateUnit, timeTick } from '../../lib/charts/axis-format.js';
import { rateSummary, type Bitrate } from '../../lib/charts/bitrate.js';
import { alpha } from './theme.js';
import { axis, cursor, fromZero, type ChartSpec } from './spec.js';
import { secondsScale, timeAxis } from './time-axis.js';

export function bitrateSpec(rate: Bitrate, labels: string[], timeOf: (packet: number) => number): ChartSpec {
  const steps = uPlot.paths.stepped!({ align: 1 });
  let focused = -1;
  const windows = rate.times.length;
  const unit = rateUnit(rateSummary(rate.total).peak);
  return {
    id: 'bitrate',
    title: 'Bitrate',
    data: [rate.times, rate.total, ...rate.perTrack],
    options: (theme) => ({
      padding: [8, 12, 0, 0],
      legend: { show: false },
      cursor: cursor(),
      scales: { x: secondsScale, y: { range: fromZero } },
      axes: [timeAxis(theme), axis(theme, { size: 48, label: unit.label, labelSize: 14, labelGap: 0, values: (_u, splits) => splits.map(unit.tick) })],
      series: [
        {},
        { label: 'Total', stroke: theme.total, width: 1.5, fill: alpha(theme.total, 0.08), paths: steps },
        ...rate.perTrack.map((_, k) => ({ label: labels[k] ?? `track ${k + 1}`, stroke: theme.tracks[k % theme.tracks.length]!, width: 1.25, paths: steps })),
      ],
      hooks: { setSeries: [(_u: uPlot, i: number | null) => void (focused = i ?? -1)] },
    }),
    pick: (_u, w) => {
      if (w < 0 || w >= windows) return -1;
      // The focused track's first sample in that second; on the total (or none), the earliest of any track.
      const k = focused - 2;
      if (k >= 0 && rate.firstPacket[k]) return rate.firstPacket[k]![w]!;
      let first = -1;
      for (const col of rate.firstPacket) if (col[w]! >= 0 && (first < 0 || col[w]! < first)) first = col[w]!;
      return first;
    },
    markX: (packet) => timeOf(packet),
    describe: (w) => {
      if (w < 0 || w >= windows) return '';
      const t = rate.times[w]!;
      const parts = rate.perTrack.map((col, k) => `${labels[k]} ${rateText(col[w]!)}`);
      return `${timeTick(t, rate.window)} – ${timeTick(t + rate.window, rate.window)} · total ${rateText(rate.total[w]!)} · ${parts.join(' · ')}`;
    },
  };
}
