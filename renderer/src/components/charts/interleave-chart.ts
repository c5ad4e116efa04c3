/**
 * Audio/video interleave along the file: the newest video DTS minus the newest audio DTS at each
 * packet. A well-muxed file stays near zero (half a second either way is a common chunk size); a file
 * that drifts makes players read far ahead in one track to find the other.
 */
import { bytesTick, secondsText } from '../../lib/charts/axis-format.js';
import type { Interleave } from '../../lib/charts/timeline.js';
import { axis, cursor, type ChartSpec } from './spec.js';
import { alpha } from './theme.js';
import { secondsScale, secondsTicks } from './time-axis.js';

export function interleaveSpec(il: Interleave, offsets: Float64Array): ChartSpec {
  const n = il.drift.length;
  const xOf = (packet: number): number => (il.xIsOffset ? offsets[packet]! : packet);
  const bound = Math.max(0.05, il.worst * 1.1);
  return {
    id: 'interleave',
    title: 'A/V interleave',
    data: [il.x, il.drift],
    options: (theme) => ({
      padding: [8, 12, 0, 0],
      legend: { show: false },
      cursor: cursor(),
      scales: { x: secondsScale, y: { range: () => [-bound, bound] } },
      axes: [
        axis(theme, { size: 34, label: il.xIsOffset ? 'file offset (bytes)' : 'packet (file order)', labelSize: 12, labelGap: 0, labelFont: theme.fontSmall, values: (_u, splits) => splits.map((v) => (il.xIsOffset ? bytesTick(v) : v.toLocaleString('en-US'))) }),
        axis(theme, { size: 44, label: 'video − audio', labelSize: 14, labelGap: 0, ...secondsTicks() }),
      ],
      series: [
        { label: il.xIsOffset ? 'Offset' : 'Packet' },
        { label: 'Drift', stroke: theme.tracks[0]!, width: 1.25, fill: alpha(theme.tracks[0]!, 0.12) },
      ],
    }),
    pick: (_u, k) => (k >= 0 && k < n ? il.first + k : -1),
    markX: (packet) => (packet >= il.first && packet < il.first + n ? xOf(packet) : null),
    describe: (k) => {
      if (k < 0 || k >= n) return '';
      const d = il.drift[k]!;
      const where = il.xIsOffset ? `offset ${il.x[k]!.toLocaleString('en-US')}` : `packet ${il.first + k}`;
      return `Packet ${il.first + k} · ${where} · video is ${secondsText(Math.abs(d))} ${d >= 0 ? 'ahead of' : 'behind'} audio · worst ${secondsText(il.worst)}`;
    },
  };
}
