/**
 * DTS and PTS per track along the file (x = packet index): DTS climbs as a line, PTS leaves it where
 * pictures are reordered (B frames), and the tracks' lines show how far apart they are interleaved.
 */
import type { PacketTable } from '../../../../media/model/document-model.js';
import { secondsText } from '../../lib/charts/axis-format.js';
import type { Timeline } from '../../lib/charts/timeline.js';
import { axis, cursor, type ChartSpec } from './spec.js';
import { secondsScale, secondsTicks } from './time-axis.js';

export function timestampsSpec(tl: Timeline, p: PacketTable, labels: string[], secondsPerTick: number[]): ChartSpec {
  const n = tl.index.length;
  const columns = tl.dts.flatMap((d, t) => [d, tl.pts[t]!]);
  return {
    id: 'timestamps',
    title: 'DTS and PTS',
    data: [tl.index, ...columns],
    options: (theme) => ({
      padding: [8, 12, 0, 0],
      legend: { show: false },
      cursor: cursor(),
      scales: { x: secondsScale, y: secondsScale },
      axes: [
        axis(theme, { size: 34, label: 'packet (file order)', labelSize: 12, labelGap: 0, labelFont: theme.fontSmall, values: (_u, splits) => splits.map((v) => v.toLocaleString('en-US')) }),
        axis(theme, { size: 54, ...secondsTicks() }),
      ],
      series: [
        { label: 'Packet' },
        ...tl.dts.flatMap((_, t) => {
          const colour = theme.tracks[t % theme.tracks.length]!;
          return [
            { label: `${labels[t]} DTS`, stroke: colour, width: 1.5 },
            { label: `${labels[t]} PTS`, stroke: colour, width: 1, dash: [3, 3], points: { show: false } },
          ];
        }),
      ],
    }),
    pick: (_u, i) => (i >= 0 && i < n ? i : -1),
    markX: (packet) => (packet >= 0 && packet < n ? packet : null),
    describe: (i) => {
      if (i < 0 || i >= n) return '';
      const t = p.track[i]!;
      const s = secondsPerTick[t] ?? 1;
      const dts = p.dts[i]! * s;
      const pts = p.pts[i]! * s;
      const shift = pts - dts;
      return `Packet ${i} · ${labels[t] ?? `track ${t}`} · DTS ${secondsText(dts)} · PTS ${secondsText(pts)}${shift ? ` (${shift > 0 ? '+' : ''}${(shift * 1000).toFixed(1)} ms)` : ''}`;
    },
  };
}
