/** Numbers of the Live tab as a person reads them. */

export function bitrateText(bps: number): string {
  if (!Number.isFinite(bps) || bps <= 0) return '0 kbit/s';
  return bps >= 1e6 ? `${(bps / 1e6).toFixed(2)} Mbit/s` : `${Math.round(bps / 1000)} kbit/s`;
}

export function durationText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

export function msText(ms: number | undefined): string {
  return ms === undefined || !Number.isFinite(ms) ? '–' : `${Math.round(ms)} ms`;
}
