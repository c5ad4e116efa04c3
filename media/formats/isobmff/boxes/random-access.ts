import type { FieldReader } from '../../../model/field-reader.js';
import type { MfroData, TfraData } from '../box-data.js';
import { registerBoxes } from '../box-registry.js';
import type { BoxScope } from '../box-scope.js';

const lengthSize = (v: number): string => `${v + 1}-byte numbers`;

/** Track Fragment Random Access Box (ISO/IEC 14496-12 8.8.10). */
function readTfra(r: FieldReader, box: BoxScope): void {
  if (box.version > 1) box.report('warning', 'unknown-version', `tfra version ${box.version} is not defined (0 or 1 are); read as version 1`);
  const trackId = r.u32('track_ID');
  r.u(26, 'reserved');
  const trafBytes = r.u(2, 'length_size_of_traf_num', lengthSize) + 1;
  const trunBytes = r.u(2, 'length_size_of_trun_num', lengthSize) + 1;
  const sampleBytes = r.u(2, 'length_size_of_sample_num', lengthSize) + 1;
  const wide = box.version >= 1;
  // time + moof_offset (4 or 8 bytes each), then the three variable-width numbers.
  const entrySize = (wide ? 16 : 8) + trafBytes + trunBytes + sampleBytes;
  const countAt = r.absByte;
  let count = r.u32('number_of_entry');
  if (count * entrySize > r.bytesLeft) {
    const fits = Math.floor(r.bytesLeft / entrySize);
    box.report('error', 'table-count-exceeds-box', `number_of_entry ${count} needs ${count * entrySize} bytes of ${entrySize}-byte entries, but only ${r.bytesLeft} remain (${fits} entries)`, countAt, countAt + 4);
    count = fits;
  }
  const data: TfraData = {
    trackId,
    times: new Float64Array(count),
    moofOffsets: new Float64Array(count),
    trafNumbers: new Uint32Array(count),
    trunNumbers: new Uint32Array(count),
    sampleNumbers: new Uint32Array(count),
  };
  const ticks = (v: number | bigint): string => `${v} ticks of the media timescale`;
  const at = (v: number | bigint): string => `moof at byte ${v}`;
  r.table('entries', count, (i) => {
    data.times[i] = wide ? r.u64('time', 64, ticks) : r.u32('time', ticks);
    data.moofOffsets[i] = wide ? r.u64('moof_offset', 64, at) : r.u32('moof_offset', at);
    data.trafNumbers[i] = r.u(trafBytes * 8, 'traf_number', (v) => `traf ${v} of the moof`);
    data.trunNumbers[i] = r.u(trunBytes * 8, 'trun_number', (v) => `trun ${v} of the traf`);
    data.sampleNumbers[i] = r.u(sampleBytes * 8, 'sample_number', (v) => `sample ${v} of the trun`);
  });
  box.keep(data);
}

/** Movie Fragment Random Access Offset Box (8.8.11): the last box of mfra, giving mfra's size. */
function readMfro(r: FieldReader, box: BoxScope): void {
  const size = r.u32('size', (v) => `mfra is ${v} bytes` + (v <= box.end ? `, from byte ${box.end - v} if this mfro ends it` : ''));
  if (size > box.end) box.report('error', 'mfro-size-too-large', `an mfra of ${size} bytes cannot end at byte ${box.end}`);
  box.keep({ size } satisfies MfroData);
}

registerBoxes(
  { type: 'tfra', title: 'Track Fragment Random Access Box', spec: 'ISO/IEC 14496-12 8.8.10', full: true, parse: readTfra },
  { type: 'mfro', title: 'Movie Fragment Random Access Offset Box', spec: 'ISO/IEC 14496-12 8.8.11', full: true, parse: readMfro },
);
