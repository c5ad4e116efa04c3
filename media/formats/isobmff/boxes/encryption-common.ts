import type { FieldReader } from '../../../model/field-reader.js';
import type { SencData } from '../box-data.js';
import type { BoxScope } from '../box-scope.js';
import { fitCount } from './table-count.js';

/** DRM system IDs (the DASH-IF registry), as they appear in pssh and PIFF headers. */
export const DRM_SYSTEMS: Readonly<Record<string, string>> = {
  'edef8ba9-79d6-4ace-a3c8-27dcd51d21ed': 'Widevine',
  '9a04f079-9840-4286-ab92-e65be0885f95': 'PlayReady',
  '94ce86fb-07ff-4f43-adb8-93d2fa968ca2': 'FairPlay',
  '1077efec-c0b2-4d02-ace3-3c1e52e2fb4b': 'ClearKey (W3C Common PSSH)',
  'e2719d58-a985-b3c9-781a-b030af78d30e': 'ClearKey (DASH-IF)',
  '3ea8778f-7742-4bf9-b18b-e834b2acbd47': 'Clear Key AES-128',
  'be58615b-19c4-4684-88b3-c8c57e99e957': 'Clear Key SAMPLE-AES',
  '6dd8b3c3-45f4-4a68-bf3a-64168d01a4a6': 'ABV DRM',
  'f239e769-efa3-4850-9c16-a903c6932efb': 'Adobe Primetime',
  '80a6be7e-1448-4c37-9e70-d5aebe04c8d2': 'Irdeto',
  '5e629af5-38da-4063-8977-97ffbd9902d4': 'Marlin',
  '9a27dd82-fde2-4725-8cbc-4234aa06ec09': 'Verimatrix',
};

/** 16 bytes as a UUID string: 8-4-4-4-12 hex digits. */
export function uuidText(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Reads a 16-byte DRM SystemID and shows the system's name. */
export function readSystemId(r: FieldReader, name: string): string {
  const bytes = r.bytes(16, name);
  const id = uuidText(bytes);
  const f = r.last;
  if (f) f.display = `${id} (${DRM_SYSTEMS[id] ?? 'unknown system'})`;
  return id;
}

/** Reads a 16-byte key ID, shown as a UUID. */
export function readKid(r: FieldReader, name: string): Uint8Array {
  const bytes = r.bytes(16, name);
  const f = r.last;
  if (f) f.display = uuidText(bytes);
  return bytes.slice();
}

/** The Per_Sample_IV_Size tenc (or PIFF track encryption) gave the current track, if any was seen. */
export function knownIvSize(box: BoxScope): number | undefined {
  const { trackId, ivSizeByTrack } = box.state;
  if (trackId !== undefined && ivSizeByTrack.has(trackId)) return ivSizeByTrack.get(trackId);
  // A file of one protected track needs no track_ID to know which tenc applies.
  if (ivSizeByTrack.size === 1) return ivSizeByTrack.values().next().value;
  return undefined;
}

/** True when `sampleCount` entries with `ivSize`-byte IVs fill bytes [from, to) of `data` exactly. */
function fitsExactly(data: Uint8Array, from: number, to: number, sampleCount: number, ivSize: number, subsamples: boolean): boolean {
  if (!subsamples) return sampleCount * ivSize === to - from;
  let at = from;
  // Each entry takes at least ivSize + 2 bytes, so this loop ends within (to - from) / 10 steps.
  for (let i = 0; i < sampleCount; i++) {
    if (at + ivSize + 2 > to) return false;
    at += ivSize;
    const n = (data[at]! << 8) | data[at + 1]!;
    at += 2 + n * 6;
  }
  return at === to;
}

/**
 * The IV size when no tenc told it: 8 or 16, whichever makes the entries fill the box exactly
 * (8 when both or neither do). Reads ahead without recording; the entries are then read once.
 */
export function guessIvSize(r: FieldReader, box: BoxScope, subsamples: boolean): number {
  const from = (r.pos >>> 3) + 4;
  const to = r.dataBitOfByte(box.end) >>> 3;
  const d = r.data;
  if (from > to) return 8;
  const sampleCount = ((d[from - 4]! << 24) >>> 0) + ((d[from - 3]! << 16) | (d[from - 2]! << 8) | d[from - 1]!);
  const fits = [8, 16].filter((size) => fitsExactly(d, from, to, sampleCount, size, subsamples));
  if (fits.length === 1) {
    box.report('info', 'iv-size-guessed', `no tenc gave this track's IV size; ${fits[0]} bytes makes the entries fill the box exactly`);
    return fits[0]!;
  }
  box.report('warning', 'iv-size-unknown', `no tenc gave this track's IV size and the entries do not tell 8 from 16; read with 8`);
  return 8;
}

export interface SampleEncryptionNames {
  iv: string;
  subsampleCount: string;
  clear: string;
  protected: string;
}

/**
 * The per-sample entries of senc and the PIFF Sample Encryption Box, from sample_count on:
 * an IV of `ivSize` bytes, and with subsamples a count and (clear, protected) byte pairs.
 */
export function readSampleEncryptionEntries(r: FieldReader, box: BoxScope, ivSize: number, subsamples: boolean, names: SampleEncryptionNames): SencData {
  const countAt = r.absByte;
  let count = r.u32('sample_count');
  const data: SencData = { ivSize, ivs: [] };
  const pairs: Array<Array<[number, number]>> = [];
  if (subsamples) data.subsamples = pairs;
  const minEntryBytes = ivSize + (subsamples ? 2 : 0);
  if (minEntryBytes === 0) return data; // constant IV, no subsamples: the entries are empty
  count = fitCount(r, box, 'sample_count', count, minEntryBytes * 8, countAt);
  r.table('samples', count, () => {
    if (ivSize > 0) data.ivs.push(r.bytes(ivSize, names.iv).slice());
    if (!subsamples) return;
    const at = r.absByte;
    const n = fitCount(r, box, names.subsampleCount, r.u16(names.subsampleCount), 48, at);
    const sample: Array<[number, number]> = [];
    r.table('subsamples', n, () => {
      const clear = r.u16(names.clear, (v) => `${v} bytes`);
      const enc = r.u32(names.protected, (v) => `${v} bytes`);
      sample.push([clear, enc]);
    });
    pairs.push(sample);
  });
  return data;
}
