import type { FieldReader } from '../../../model/field-reader.js';
import type { EmsgData } from '../box-data.js';
import { registerBoxes } from '../box-registry.js';
import type { BoxScope } from '../box-scope.js';

/**
 * Reads a NUL-terminated string; an unterminated one gets a diagnostic and ends the box's reading
 * (it ran to the end, so nothing else is left). Returns undefined then.
 */
function readString(r: FieldReader, box: BoxScope, name: string): string | undefined {
  const at = r.absByte;
  const { value, terminated } = r.cstring(name);
  if (terminated) return value;
  box.report('error', 'string-not-terminated', `${name} runs to the end of the box without its terminating NUL`, at, r.absByte);
  return undefined;
}

const durationDisplay = (timescale: number) => (v: number): string => {
  if (v === 0xffffffff) return 'unknown duration';
  return timescale ? `${v} ticks (${v / timescale} s)` : `${v} ticks`;
};

/** Event Message Box (ISO/IEC 23009-1 5.10.3.3): in-band DASH/CMAF events (SCTE-35, ID3, MPD updates). */
function readEmsg(r: FieldReader, box: BoxScope): void {
  const data: EmsgData = { schemeIdUri: '', value: '', timescale: 0, eventDuration: 0, id: 0, messageData: new Uint8Array(0) };
  const readTimescale = (): number => {
    const at = r.absByte;
    const timescale = r.u32('timescale', (v) => `${v} ticks per second`);
    if (timescale === 0) box.report('error', 'timescale-zero', 'timescale 0 makes the event times meaningless', at, at + 4);
    return timescale;
  };
  const ticks = (v: number | bigint): string => (data.timescale ? `${v} ticks (${Number(v) / data.timescale} s)` : `${v} ticks`);
  if (box.version === 0) {
    const scheme = readString(r, box, 'scheme_id_uri');
    if (scheme === undefined) return box.keep(data);
    data.schemeIdUri = scheme;
    const value = readString(r, box, 'value');
    if (value === undefined) return box.keep(data);
    data.value = value;
    data.timescale = readTimescale();
    data.presentationTimeDelta = r.u32('presentation_time_delta', (v) => `${ticks(v)} after the segment's earliest presentation time`);
    data.eventDuration = r.u32('event_duration', durationDisplay(data.timescale));
    data.id = r.u32('id');
  } else {
    if (box.version > 1) box.report('warning', 'unknown-version', `emsg version ${box.version} is not defined (0 or 1 are); read as version 1`);
    data.timescale = readTimescale();
    data.presentationTime = r.u64('presentation_time', 64, ticks);
    data.eventDuration = r.u32('event_duration', durationDisplay(data.timescale));
    data.id = r.u32('id');
    const scheme = readString(r, box, 'scheme_id_uri');
    if (scheme === undefined) return box.keep(data);
    data.schemeIdUri = scheme;
    const value = readString(r, box, 'value');
    if (value === undefined) return box.keep(data);
    data.value = value;
  }
  data.messageData = r.bytes(r.bytesLeft, 'message_data', `${r.bytesLeft} bytes`);
  box.keep(data);
}

registerBoxes({ type: 'emsg', title: 'Event Message Box', spec: 'ISO/IEC 23009-1 5.10.3.3', full: true, parse: readEmsg });
