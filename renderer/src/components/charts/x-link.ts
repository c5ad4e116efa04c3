import type uPlot from 'uplot';

/**
 * Charts whose x scales follow each other: zooming one (drag, double-click reset) zooms the rest.
 * uPlot reports a scale change later (in its own commit), so a flag set around our setScale calls
 * cannot tell an echo from a change: each chart we move remembers the range we gave it, and its
 * report of exactly that range is not passed on.
 */
export class XLink {
  private readonly charts = new Map<uPlot, { min: number; max: number } | null>();

  add(u: uPlot): void {
    this.charts.set(u, null);
  }

  delete(u: uPlot): void {
    this.charts.delete(u);
  }

  readonly hook = (u: uPlot, key: string): void => {
    if (key !== 'x' || !this.charts.has(u)) return;
    const { min, max } = u.scales.x!;
    if (min == null || max == null) return;
    const given = this.charts.get(u);
    this.charts.set(u, null);
    if (given && given.min === min && given.max === max) return;
    for (const other of this.charts.keys()) {
      if (other === u || (other.scales.x!.min === min && other.scales.x!.max === max)) continue;
      this.charts.set(other, { min, max });
      other.setScale('x', { min, max });
    }
  };
}
