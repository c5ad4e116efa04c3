import { secondsText } from './axis-format.js';
import { FRAME_TYPE_LABELS } from './frame-types.js';
import { positionOf } from './navigate.js';
import type { PacketTable } from '../../../../media/model/document-model.js';
import type { TrackSeries } from './track-series.js';

/** One line on a packet for the charts' readout: its track, sample number, frame type, size and times. */
export function describePacket(p: PacketTable, series: readonly TrackSeries[], packet: number): string {
  if (packet < 0 || packet >= p.count) return '';
  const s = series.find((x) => x.track === p.track[packet]);
  if (!s) return `Packet ${packet}`;
  const k = positionOf(s.packets, packet);
  const type = s.frameType && k >= 0 ? ` · ${FRAME_TYPE_LABELS[s.frameType[k]!]}` : '';
  return `${s.label} sample ${k + 1} of ${s.packets.length} (packet ${packet})${type} · ${p.size[packet]!.toLocaleString('en-US')} bytes · DTS ${secondsText(s.dts[k]!)} · PTS ${secondsText(s.pts[k]!)}`;
}
