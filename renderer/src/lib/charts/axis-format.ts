/** Tick and readout labels for the charts: short, unit-bearing, stable width. */

/** Seconds as a clock when the axis spans minutes (1:05:00, 4:30), else as seconds with the decimals the step needs. */
export function timeTick(seconds: number, step: number): string {
  if (step >= 60 || Math.abs(seconds) >= 600) return clock(seconds);
  return `${seconds.toFixed(decimalsOf(step))}s`;
}

/** The decimals a tick step needs to print every tick exactly (0.25 needs 2, 0.5 needs 1). */
export function decimalsOf(step: number): number {
  for (let d = 0; d < 6; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * Math.max(1, scaled)) return d;
  }
  return 6;
}

export function clock(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  let s = Math.round(Math.abs(seconds));
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const ss = String(s).padStart(2, '0');
  return h ? `${sign}${h}:${String(m).padStart(2, '0')}:${ss}` : `${sign}${m}:${ss}`;
}

/** Seconds for a readout: millisecond precision. */
export function secondsText(seconds: number): string {
  return `${seconds.toFixed(3)} s`;
}

/**
 * Bytes on an axis: 0, 500, 1.5k, 20k, 1.2M. Decimal, because the chart library picks round decimal
 * steps: in units of 1024 those print as 1.95K, 3.91K.
 */
export function bytesTick(bytes: number): string {
  const a = Math.abs(bytes);
  if (a < 1e3) return String(Math.round(bytes));
  if (a < 1e6) return `${trim(bytes / 1e3)}k`;
  if (a < 1e9) return `${trim(bytes / 1e6)}M`;
  return `${trim(bytes / 1e9)}G`;
}

/** The unit a rate axis prints in: Mbit/s once the peak reaches 10,000 kbit/s. */
export function rateUnit(peakKbits: number): { label: string; tick: (kbits: number) => string } {
  return peakKbits >= 10_000 ? { label: 'Mbit/s', tick: (v) => trim(v / 1000) } : { label: 'kbit/s', tick: (v) => Math.round(v).toLocaleString('en-US') };
}

export function rateText(kbits: number): string {
  return Math.abs(kbits) >= 1000 ? `${(kbits / 1000).toFixed(2)} Mbit/s` : `${kbits.toFixed(1)} kbit/s`;
}

function trim(v: number): string {
  const a = Math.abs(v);
  return String(Number(v.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : 2)));
}
