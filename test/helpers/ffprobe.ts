import { spawnSync } from 'node:child_process';

/** What ffprobe says of a file: the truth Bitlens is compared with. */
export interface ProbePacket {
  stream_index: number;
  pts?: number;
  dts?: number;
  duration?: number;
  size: string;
  pos?: string;
  flags: string;
}

export interface ProbeStream {
  index: number;
  /** The container's stream id: the PID in MPEG-TS (`0x100`). */
  id?: string;
  codec_name: string;
  codec_type: string;
  profile?: string;
  width?: number;
  height?: number;
  sample_rate?: string;
  channels?: number;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  time_base: string;
  nb_frames?: string;
}

export interface Probe {
  streams: ProbeStream[];
  packets: ProbePacket[];
}

/** Runs ffprobe on a file (packets included), parsed from its JSON output. */
export function ffprobe(file: string, extra: string[] = []): Probe {
  const r = spawnSync('ffprobe', ['-v', 'error', '-show_streams', '-show_packets', '-of', 'json', ...extra, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`ffprobe failed on ${file}: ${r.stderr}`);
  const parsed = JSON.parse(r.stdout) as Partial<Probe>;
  return { streams: parsed.streams ?? [], packets: parsed.packets ?? [] };
}

export function packetsOfStream(probe: Probe, index: number): ProbePacket[] {
  return probe.packets.filter((p) => p.stream_index === index);
}

/** `30/1` -> [30, 1]. */
export function rational(text: string | undefined): [number, number] | undefined {
  if (!text) return undefined;
  const [n, d] = text.split('/').map(Number);
  return n !== undefined && d !== undefined && d !== 0 ? [n, d] : undefined;
}
