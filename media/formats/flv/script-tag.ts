/**
 * Script data tags (FLV spec E.4.4): a name (onMetaData, onCuePoint ...) and AMF0 values.
 * onMetaData also gets a derived `metadata` field group: one readable line per key.
 */
import type { FieldReader } from '../../model/field-reader.js';
import type { Field } from '../../model/types.js';
import { type AmfValue, newAmfContext, showAmf } from '../amf/amf-value.js';
import { readAmf0Values } from '../amf/amf0.js';
import { METADATA_AUDIO_CODECS, METADATA_VIDEO_CODECS } from './flv-tables.js';
import type { TagScope } from './flv-tag.js';

export function readScriptBody(r: FieldReader, scope: TagScope): void {
  if (!scope.loaded) {
    if (scope.availableEnd === scope.bodyEnd) scope.report('info', 'script-not-loaded', 'the script data is too large to load; shown as bytes');
    return;
  }
  const ctx = newAmfContext(scope.node.diagnostics);
  const values = readAmf0Values(r, ctx, (i) => (i === 0 ? 'Name' : i === 1 ? 'Value' : `Value[${i - 1}]`));
  scope.coveredTo = Math.max(scope.coveredTo, r.absByte);
  const name = typeof values[0] === 'string' ? values[0] : '';
  if (typeof values[0] !== 'string' && values.length > 0) {
    scope.report('warning', 'script-name-not-string', `script data should start with a string name, not ${showAmf(values[0])}`);
  }
  scope.data.script = { name, values: values.slice(1) };
  scope.describe(name === '' ? 'script data' : name);
  if (name === 'onMetaData' && values[1] !== undefined && r.recording) {
    const table = metadataTable(values[1], scope.node.start);
    if (table) scope.node.fields.push(table);
  }
}

const fourCcOf = (n: number): string | undefined => {
  if (!Number.isInteger(n) || n < 0x20000000 || n > 0x7fffffff) return undefined;
  const s = String.fromCharCode(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  return /^[\x20-\x7e]{4}$/.test(s) ? s : undefined;
};

const codecId = (table: Readonly<Record<number, string>>) => (v: number): string => {
  const cc = fourCcOf(v);
  if (cc) return `${v} ('${cc}', E-RTMP FourCC)`;
  return table[v] !== undefined ? `${v} (${table[v]})` : String(v);
};

/** Units and meanings of the common onMetaData keys (FLV spec E.5, and what encoders write). */
const KEY_DISPLAY: Readonly<Record<string, (v: number) => string>> = {
  duration: (v) => `${v} s`,
  width: (v) => `${v} px`,
  height: (v) => `${v} px`,
  framerate: (v) => `${v} frames/s`,
  videodatarate: (v) => `${v} kbit/s`,
  audiodatarate: (v) => `${v} kbit/s`,
  audiosamplerate: (v) => `${v} Hz`,
  audiosamplesize: (v) => `${v} bits`,
  filesize: (v) => `${v} bytes`,
  lasttimestamp: (v) => `${v} s`,
  lastkeyframetimestamp: (v) => `${v} s`,
  videocodecid: codecId(METADATA_VIDEO_CODECS),
  audiocodecid: codecId(METADATA_AUDIO_CODECS),
};

/** The derived `metadata` group: key = value with units, placed at the tag with no bits of its own. */
export function metadataTable(value: AmfValue, atByte: number): Field | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array || value.kind === 'date') return undefined;
  const bitOffset = atByte * 8;
  const fields: Field[] = [];
  for (const [key, v] of value.properties) {
    const show = KEY_DISPLAY[key];
    const display = typeof v === 'number' && show ? show(v) : showAmf(v);
    const fieldValue = typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : showAmf(v);
    fields.push({ name: key, bitOffset, bitLength: 0, value: fieldValue, display, derived: true });
  }
  return { name: 'metadata', bitOffset, bitLength: 0, value: fields.length, display: `${fields.length} keys`, derived: true, fields };
}
