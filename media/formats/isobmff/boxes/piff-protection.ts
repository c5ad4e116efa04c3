import type { FieldReader } from '../../../model/field-reader.js';
import type { PsshData, TencData } from '../box-data.js';
import type { BoxScope } from '../box-scope.js';
import { registerBoxes } from '../box-registry.js';
import { guessIvSize, knownIvSize, readKid, readSampleEncryptionEntries, readSystemId } from './encryption-common.js';
import { readSizedData } from './protection.js';

/** PIFF 1.1 (Protected Interoperable File Format) 5.3: uuid boxes that predate Common Encryption. */
const PIFF_SPEC = 'PIFF 1.1 5.3';

const ALGORITHMS = { 0: 'not encrypted', 1: 'AES 128-bit CTR', 2: 'AES 128-bit CBC' } as const;

/** PIFF Track Encryption Box (5.3.2), the predecessor of tenc. */
function readTrackEncryption(r: FieldReader, box: BoxScope): void {
  const algorithm = r.u24('default_AlgorithmID', ALGORITHMS);
  const ivSize = r.u8('default_IV_size', (v) => `${v} bytes`);
  const kid = readKid(r, 'default_KID');
  const { trackId } = box.state;
  if (trackId !== undefined) box.state.ivSizeByTrack.set(trackId, ivSize);
  box.keep({ isProtected: algorithm === 0 ? 0 : 1, perSampleIvSize: ivSize, kid } satisfies TencData);
}

/** PIFF Sample Encryption Box (5.3.3), the predecessor of senc; flags & 1 overrides the track's defaults. */
function readSampleEncryption(r: FieldReader, box: BoxScope): void {
  const subsamples = (box.flags & 2) !== 0;
  let ivSize: number | undefined;
  if (box.flags & 1) {
    r.u24('AlgorithmID', ALGORITHMS);
    ivSize = r.u8('IV_size', (v) => `${v} bytes`);
    readKid(r, 'KID');
  }
  ivSize ??= knownIvSize(box) ?? guessIvSize(r, box, subsamples);
  const data = readSampleEncryptionEntries(r, box, ivSize, subsamples, { iv: 'InitializationVector', subsampleCount: 'NumberOfEntries', clear: 'BytesOfClearData', protected: 'BytesOfEncryptedData' });
  box.keep(data);
}

/** PIFF Protection System Specific Header Box (5.3.1), the predecessor of pssh. */
function readProtectionHeader(r: FieldReader, box: BoxScope): void {
  const systemId = readSystemId(r, 'SystemID');
  const data = readSizedData(r, box, 'DataSize', 'Data');
  box.keep({ systemId, kids: [], data } satisfies PsshData);
}

registerBoxes(
  { type: 'uuid:8974dbce7be74c5184f97148f9882554', title: 'PIFF Track Encryption Box', spec: PIFF_SPEC, full: true, parse: readTrackEncryption },
  { type: 'uuid:a2394f525a9b4f14a2446c427c648df4', title: 'PIFF Sample Encryption Box', spec: PIFF_SPEC, full: true, parse: readSampleEncryption },
  { type: 'uuid:d08a4f1810f34a82b6c832d8aba183d3', title: 'PIFF Protection System Specific Header Box', spec: PIFF_SPEC, full: true, parse: readProtectionHeader },
);
