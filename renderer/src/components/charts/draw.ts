/**
 * Canvas drawing the chart library does not do for us: bars coloured per sample class that stay fast
 * with 250,000 samples (one rectangle per class per pixel column when samples outnumber pixels, one
 * per sample otherwise), and the marker of the selected packet.
 */
import uPlot from 'uplot';
import { lowerBound, pixelColumns, type Columns } from '../../lib/charts/columns.js';

export interface BarsDrawn {
  /** Dense mode: the columns drawn (for picking the tallest sample under the pointer). */
  columns: Columns | null;
  /** First visible sample index (columns' `at` are absolute indices already). */
  i0: number;
  /** Width of one bar in device pixels (1 when dense). */
  bar: number;
}

/**
 * Bars from 0 to y[i] at x[i] on scales x and `scaleY`, coloured by `cls` (null: colours[0]).
 * In a pixel column holding several classes, each class gets the band from the next shorter class's
 * height to its own, so every class present stays visible (I peaks above P above B, typically).
 */
export function drawBars(u: uPlot, x: ArrayLike<number>, y: ArrayLike<number>, cls: Uint8Array | null, colours: readonly string[], scaleY = 'y'): BarsDrawn {
  const xMin = u.scales.x!.min!;
  const xMax = u.scales.x!.max!;
  const { left, width } = u.bbox;
  const i0 = lowerBound(x, xMin);
  const i1 = lowerBound(x, xMax + Number.EPSILON * Math.abs(xMax)) - 1;
  if (i1 < i0 || width <= 0) return { columns: null, i0, bar: 1 };
  const base = u.valToPos(0, scaleY, true);
  const paths = colours.map(() => new Path2D());
  const toX = (v: number): number => u.valToPos(v, 'x', true);
  const toY = (v: number): number => u.valToPos(v, scaleY, true);
  let columns: Columns | null = null;
  let bar = 1;
  const visible = i1 - i0 + 1;
  if (visible > width / 2) {
    // Dense: per pixel column, the tallest sample of each class.
    const cols = pixelColumns(x, y, cls, colours.length, i0, i1, xMin, xMax, width);
    columns = cols;
    const w = cols.width;
    const k = colours.length;
    const order: number[] = [];
    for (let col = 0; col < w; col++) {
      order.length = 0;
      for (let c = 0; c < k; c++) if (cols.at[c * w + col]! >= 0) order.push(c);
      if (!order.length) continue;
      order.sort((a, b) => cols.max[a * w + col]! - cols.max[b * w + col]!);
      let below = base;
      for (const c of order) {
        const yTop = toY(cols.max[c * w + col]!);
        if (below - yTop >= 0.5) paths[c]!.rect(left + col, yTop, 1, below - yTop);
        below = Math.min(below, yTop);
      }
    }
  } else {
    // Sparse: one bar per sample, 70% of the spacing wide (at least a device pixel).
    const span = visible > 1 ? (x[i1]! - x[i0]!) / (visible - 1) : xMax - xMin;
    bar = Math.max(1, Math.round((span / (xMax - xMin || 1)) * width * 0.7));
    for (let i = i0; i <= i1; i++) {
      const c = cls ? cls[i]! : 0;
      const p = paths[c];
      if (!p) continue;
      const cx = toX(x[i]!);
      const yTop = toY(y[i]!);
      p.rect(Math.round(cx - bar / 2), yTop, bar, base - yTop);
    }
  }
  fillClipped(u, paths, colours);
  return { columns, i0, bar };
}

/**
 * Spans [x0[i], x0[i] + length[i]) as bars of height y[i] (GOPs: a keyframe and the time to the next).
 * More spans than pixels fall back to bars per pixel column at their starts.
 */
export function drawSpans(u: uPlot, x0: Float64Array, length: Float64Array, y: ArrayLike<number>, colour: string, scaleY = 'y'): BarsDrawn {
  const xMin = u.scales.x!.min!;
  const xMax = u.scales.x!.max!;
  const { width } = u.bbox;
  const i0 = Math.max(0, lowerBound(x0, xMin) - 1);
  const i1 = lowerBound(x0, xMax) - 1;
  if (i1 - i0 + 1 > width / 3) return drawBars(u, x0, y, null, [colour], scaleY);
  const base = u.valToPos(0, scaleY, true);
  const path = new Path2D();
  for (let i = i0; i <= i1; i++) {
    const a = Math.round(u.valToPos(x0[i]!, 'x', true));
    const b = Math.round(u.valToPos(x0[i]! + length[i]!, 'x', true));
    const gap = b - a > 6 ? Math.round(uPlot.pxRatio) : 0;
    const yTop = u.valToPos(y[i]!, scaleY, true);
    path.rect(a + gap, yTop, Math.max(1, b - a - 2 * gap), base - yTop);
  }
  fillClipped(u, [path], [colour]);
  return { columns: null, i0, bar: 0 };
}

function fillClipped(u: uPlot, paths: Path2D[], colours: readonly string[]): void {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  paths.forEach((p, c) => {
    ctx.fillStyle = colours[c]!;
    ctx.fill(p);
  });
  ctx.restore();
}

/** An outline around the chosen bar (x0..x1 in x values, 0..value on scaleY): the selected sample. */
export function outlineBar(u: uPlot, x0: number, x1: number, value: number, colour: string, scaleY = 'y'): void {
  const r = uPlot.pxRatio || 1;
  const a = Math.round(u.valToPos(x0, 'x', true));
  const b = Math.max(a + Math.round(3 * r), Math.round(u.valToPos(x1, 'x', true)));
  const yTop = u.valToPos(value, scaleY, true);
  const base = u.valToPos(0, scaleY, true);
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.5 * r;
  ctx.strokeRect(a - r, yTop - r, b - a + 2 * r, base - yTop + r);
  ctx.restore();
}

/**
 * The sample a click at CSS pixel `cursorLeft` (relative to the plot) picks in dense mode: the tallest
 * bar within a couple of device pixels, as the eye aims at it. -1 when the columns there are empty.
 */
export function pickColumn(drawn: BarsDrawn, cursorLeft: number, pxRatio: number): number {
  const cols = drawn.columns;
  if (!cols) return -1;
  const centre = Math.floor(cursorLeft * pxRatio);
  let best = -1;
  let bestValue = -Infinity;
  for (let col = centre - 2; col <= centre + 2; col++) {
    if (col < 0 || col >= cols.width) continue;
    for (let c = 0; c < cols.classes; c++) {
      const slot = c * cols.width + col;
      if (cols.at[slot]! >= 0 && cols.max[slot]! > bestValue) {
        bestValue = cols.max[slot]!;
        best = cols.at[slot]!;
      }
    }
  }
  return best;
}

/** A vertical line (and a small flag at the top) at x on the plot: the selected packet. */
export function drawMarker(u: uPlot, xValue: number, colour: string): void {
  const { left, top, width, height } = u.bbox;
  const px = Math.round(u.valToPos(xValue, 'x', true));
  if (px < left - 1 || px > left + width + 1) return;
  const ctx = u.ctx;
  const r = Math.max(1, Math.round(uPlot.pxRatio || 1));
  ctx.save();
  ctx.fillStyle = colour;
  ctx.fillRect(px - Math.floor(r / 2), top, r, height);
  ctx.beginPath();
  ctx.moveTo(px - 4 * r, top);
  ctx.lineTo(px + 4 * r, top);
  ctx.lineTo(px, top + 5 * r);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
}
