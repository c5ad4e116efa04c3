import type { FieldReader } from '../../../model/field-reader.js';
import type { TfrfData, TfxdData } from '../box-data.js';
import { registerBoxes } from '../box-registry.js';
import type { BoxScope } from '../box-scope.js';

/**
 * Smooth Streaming timing boxes (PIFF 1.1 / MS-SSTR), carried in a traf as uuid boxes. They are FullBox-like: version
 * and flags follow the usertype, which is what the framework reads for `full` boxes after readBoxHeader.
 */
export const TFXD_UUID = '6d1d9b0542d544e680e2141daff757b2';
export const TFRF_UUID = 'd4807ef2ca3946958e5426cb9e46a79f';

/** Signed 64-bit times: ffmpeg's ISMV writer stores a negative start (audio priming) wrapped to 2^64 - n. */
const signedTime = (v: bigint): string =>
  v < 0n ? `${v} ticks of the track timescale (stored as ${BigInt.asUintN(64, v)}: a negative time wrapped to 64 bits)` : `${v} ticks of the track timescale`;

const MAX_EXACT = 2n ** 53n;

/** Reads one (fragment_absolute_time, fragment_duration) pair at the version's width. */
function readTimePair(r: FieldReader, box: BoxScope): { absoluteTime: number; duration: number } {
  if (box.version === 1) {
    const at = r.absByte;
    const absoluteTime = r.i64('fragment_absolute_time', signedTime);
    const duration = r.i64('fragment_duration', signedTime);
    if (!Number.isSafeInteger(absoluteTime) || !Number.isSafeInteger(duration)) {
      box.report('warning', 'value-not-exact', `a time beyond ±${MAX_EXACT} is kept rounded`, at, r.absByte);
    }
    if (duration < 0) box.report('warning', 'negative-duration', `fragment_duration ${duration} is negative`, at + 8, at + 16);
    return { absoluteTime, duration };
  }
  const ticks = (v: number): string => `${v} ticks of the track timescale`;
  const absoluteTime = r.u32('fragment_absolute_time', ticks);
  const duration = r.u32('fragment_duration', ticks);
  return { absoluteTime, duration };
}

function checkVersion(box: BoxScope, name: string): void {
  if (box.version > 1) box.report('warning', 'unknown-version', `${name} version ${box.version} is not defined (0 or 1 are); read as version 0`);
}

/** TfxdBox (MS-SSTR 2.2.4.4): this fragment's absolute start time and duration in the track timescale. */
function readTfxd(r: FieldReader, box: BoxScope): void {
  checkVersion(box, 'tfxd');
  box.keep(readTimePair(r, box) satisfies TfxdData);
}

/** TfrfBox (MS-SSTR 2.2.4.5): times of the fragments that follow, so a live client can build its manifest. */
function readTfrf(r: FieldReader, box: BoxScope): void {
  checkVersion(box, 'tfrf');
  const countAt = r.absByte;
  let count = r.u8('fragment_count');
  const entrySize = box.version === 1 ? 16 : 8;
  if (count * entrySize > r.bytesLeft) {
    const fits = Math.floor(r.bytesLeft / entrySize);
    box.report('error', 'table-count-exceeds-box', `fragment_count ${count} needs ${count * entrySize} bytes, but only ${r.bytesLeft} remain (${fits} entries)`, countAt, countAt + 1);
    count = fits;
  }
  const entries: TfrfData['entries'] = [];
  r.table('fragments', count, () => {
    entries.push(readTimePair(r, box));
  });
  box.keep({ entries } satisfies TfrfData);
}

registerBoxes(
  { type: `uuid:${TFXD_UUID}`, title: 'Smooth Streaming Fragment Time Box (tfxd)', spec: 'MS-SSTR 2.2.4.4 TfxdBox', full: true, parse: readTfxd },
  { type: `uuid:${TFRF_UUID}`, title: 'Smooth Streaming Fragment Reference Box (tfrf)', spec: 'MS-SSTR 2.2.4.5 TfrfBox', full: true, parse: readTfrf },
);
