import type { FieldReader } from '../../../model/field-reader.js';
import type { MvhdData } from '../box-data.js';
import type { BoxScope } from '../box-scope.js';
import { registerBoxes } from '../box-registry.js';
import { knownVersion } from './table-count.js';
import { readDuration, readMatrix, readTimes, readTimescale, setMovieTimescale } from './movie-fields.js';

/** MovieHeaderBox (ISO/IEC 14496-12 8.2.2): the movie's timescale, duration and defaults. */
function readMvhd(r: FieldReader, box: BoxScope): void {
  if (!knownVersion(box, 1)) return;
  readTimes(r, box.version);
  const timescale = readTimescale(r, box);
  setMovieTimescale(box.state, timescale);
  const duration = readDuration(r, box.version, timescale);
  const rate = r.fixed(16, 16, 'rate', true);
  if (r.last) r.last.display = `${rate}× (1.0 = normal playback)`;
  const volume = r.fixed(8, 8, 'volume', true);
  if (r.last) r.last.display = `${volume} (1.0 = full volume)`;
  r.u16('reserved');
  r.table('reserved', 2, () => r.u32('reserved'));
  readMatrix(r);
  // QuickTime uses these six for preview_time, preview_duration, poster_time, selection_time,
  // selection_duration and current_time; ISO/IEC 14496-12 reserves them as zero.
  r.table('pre_defined', 6, () => r.u32('pre_defined'));
  const nextTrackId = r.u32('next_track_ID', (v) => (v === 0xffffffff ? 'no free value; search for one' : undefined));
  box.keep({ timescale, duration, nextTrackId } satisfies MvhdData);
}

registerBoxes({ type: 'mvhd', title: 'Movie Header Box', spec: 'ISO/IEC 14496-12 8.2.2', full: true, parse: readMvhd });
