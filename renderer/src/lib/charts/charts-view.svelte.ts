/** Which chart a document shows, kept per document (switching tabs or strips keeps the choice). */
export type ChartKind = 'sizes' | 'bitrate' | 'gop' | 'timestamps' | 'interleave';

export class ChartsView {
  kind = $state<ChartKind>('sizes');
}

const views = new WeakMap<object, ChartsView>();

export function chartsViewOf(owner: object): ChartsView {
  let v = views.get(owner);
  if (!v) views.set(owner, (v = new ChartsView()));
  return v;
}
