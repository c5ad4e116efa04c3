import type { FieldReader } from '../../../model/field-reader.js';
import type { ElstData } from '../box-data.js';
import type { BoxScope } from '../box-scope.js';
import { registerBoxes } from '../box-registry.js';
import { durationDisplay, movieTimescale } from './movie-fields.js';
import { knownVersion, readCount } from './table-count.js';

function mediaTimeDisplay(v: bigint): string | undefined {
  if (v === -1n) return 'empty edit (no media is played)';
  if (v < -1n) return 'invalid (negative)';
  return undefined;
}

/**
 * EditListBox (ISO/IEC 14496-12 8.6.6): maps the movie timeline onto the media timeline.
 * segment_duration is in movie units, media_time in media units.
 */
function readElst(r: FieldReader, box: BoxScope): void {
  if (!knownVersion(box, 1)) return;
  const wide = box.version === 1;
  const count = readCount(r, box, 'entry_count', wide ? 20 * 8 : 12 * 8);
  const timescale = movieTimescale(box.state);
  const entries: ElstData['entries'] = [];
  r.table('entries', count, () => {
    const segmentDuration = r.u64('segment_duration', wide ? 64 : 32, durationDisplay(timescale, wide ? 64 : 32));
    const at = r.absByte;
    let mediaTime: number;
    if (wide) {
      mediaTime = r.i64('media_time', mediaTimeDisplay);
    } else {
      mediaTime = r.i(32, 'media_time', (v) => mediaTimeDisplay(BigInt(v)));
    }
    if (!Number.isSafeInteger(mediaTime)) {
      // INT64_MAX and friends: kept as the nearest number, but no player can seek there.
      box.report('warning', 'media-time-out-of-range', `media_time ${mediaTime} is beyond 2^53 and cannot be a real media position`, at, at + 8);
    }
    const integer = r.i(16, 'media_rate_integer', (v) => (v === 0 ? 'dwell (hold the frame at media_time)' : undefined));
    const fraction = r.i(16, 'media_rate_fraction');
    entries.push({ segmentDuration, mediaTime, mediaRate: integer + fraction / 65536 });
  });
  box.keep({ entries } satisfies ElstData);
}

registerBoxes({ type: 'elst', title: 'Edit List Box', spec: 'ISO/IEC 14496-12 8.6.6', full: true, parse: readElst });
