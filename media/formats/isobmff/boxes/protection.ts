import type { FieldReader } from '../../../model/field-reader.js';
import type { FrmaData, PsshData, SchmData, TencData } from '../box-data.js';
import type { BoxScope } from '../box-scope.js';
import { registerBoxes } from '../box-registry.js';
import { guessIvSize, knownIvSize, readKid, readSampleEncryptionEntries, readSystemId } from './encryption-common.js';
import { fitCount, knownVersion } from './table-count.js';

/** frma (ISO/IEC 14496-12 8.12.2). */
function readFrma(r: FieldReader, box: BoxScope): void {
  const dataFormat = r.fourcc('data_format', () => 'the sample entry format before protection');
  box.keep({ dataFormat } satisfies FrmaData);
}

const SCHEMES = {
  cenc: 'Common Encryption, AES-CTR full sample',
  cens: 'Common Encryption, AES-CTR subsample pattern',
  cbc1: 'Common Encryption, AES-CBC full sample',
  cbcs: 'Common Encryption, AES-CBC subsample pattern (constant IV)',
  piff: 'PIFF 1.1 (AES-CTR)',
  'cbc2': 'PIFF 1.3 AES-CBC',
  itun: 'Apple FairPlay (iTunes)',
} as const;

/** schm (8.12.5). */
function readSchm(r: FieldReader, box: BoxScope): void {
  const schemeType = r.fourcc('scheme_type', (t) => (SCHEMES as Record<string, string>)[t] ?? 'unknown scheme');
  const schemeVersion = r.u32('scheme_version', (v) => `${v >>> 16}.${v & 0xffff}`);
  const data: SchmData = { schemeType, schemeVersion };
  if (box.flags & 1) {
    const { value, terminated } = r.cstring('scheme_uri');
    if (!terminated) box.report('warning', 'unterminated-string', 'scheme_uri has no NUL terminator before the end of the box');
    data.schemeUri = value;
  }
  box.keep(data);
}

/** tenc (ISO/IEC 23001-7 8.2): the track's default encryption parameters. */
function readTenc(r: FieldReader, box: BoxScope): void {
  if (!knownVersion(box, 1)) return;
  r.u8('reserved');
  let cryptByteBlock: number | undefined;
  let skipByteBlock: number | undefined;
  if (box.version === 0) {
    r.u8('reserved');
  } else {
    cryptByteBlock = r.u(4, 'default_crypt_byte_block', (v) => `${v} encrypted 16-byte blocks`);
    skipByteBlock = r.u(4, 'default_skip_byte_block', (v) => `${v} clear 16-byte blocks`);
  }
  const isProtected = r.u8('default_isProtected', { 0: 'not protected', 1: 'protected' });
  const ivAt = r.absByte;
  const perSampleIvSize = r.u8('default_Per_Sample_IV_Size', (v) => (v === 0 ? 'no per-sample IV (constant IV)' : `${v} bytes`));
  if (perSampleIvSize !== 0 && perSampleIvSize !== 8 && perSampleIvSize !== 16) {
    box.report('warning', 'invalid-iv-size', `default_Per_Sample_IV_Size ${perSampleIvSize} is not 0, 8 or 16`, ivAt, ivAt + 1);
  }
  const kid = readKid(r, 'default_KID');
  const data: TencData = { isProtected, perSampleIvSize, kid };
  if (cryptByteBlock !== undefined && skipByteBlock !== undefined) {
    data.cryptByteBlock = cryptByteBlock;
    data.skipByteBlock = skipByteBlock;
  }
  if (isProtected === 1 && perSampleIvSize === 0) {
    const size = r.u8('default_constant_IV_size', (v) => `${v} bytes`);
    data.constantIv = r.bytes(size, 'default_constant_IV').slice();
  }
  const { trackId } = box.state;
  if (trackId !== undefined) box.state.ivSizeByTrack.set(trackId, perSampleIvSize);
  box.keep(data);
}

/** pssh (ISO/IEC 23001-7 8.1): data for one DRM system. */
function readPssh(r: FieldReader, box: BoxScope): void {
  if (!knownVersion(box, 1)) return;
  const systemId = readSystemId(r, 'SystemID');
  const kids: Uint8Array[] = [];
  if (box.version > 0) {
    const count = fitCount(r, box, 'KID_count', r.u32('KID_count'), 128, r.absByte - 4);
    r.table('KID', count, () => {
      kids.push(readKid(r, 'KID'));
    });
  }
  const data = readSizedData(r, box, 'DataSize', 'Data');
  box.keep({ systemId, kids, data } satisfies PsshData);
}

/** A 32-bit size and that many bytes; a size beyond the box is reported and clamped. */
export function readSizedData(r: FieldReader, box: BoxScope, sizeName: string, dataName: string): Uint8Array {
  const at = r.absByte;
  let size = r.u32(sizeName, (v) => `${v} bytes`);
  if (size > r.bytesLeft) {
    box.report('error', 'data-size-exceeds-box', `${sizeName} ${size} runs ${size - r.bytesLeft} bytes past the end of the box; reading ${r.bytesLeft}`, at, box.end);
    size = r.bytesLeft;
  }
  return r.bytes(size, dataName, `${size} bytes`).slice();
}

/** senc (ISO/IEC 23001-7 7.2): per-sample IVs (of the size tenc gave the track) and subsample maps. */
function readSenc(r: FieldReader, box: BoxScope): void {
  const subsamples = (box.flags & 2) !== 0;
  const ivSize = knownIvSize(box) ?? guessIvSize(r, box, subsamples);
  r.derive('Per_Sample_IV_Size', ivSize, `${ivSize} bytes (from ${knownIvSize(box) === undefined ? 'a guess' : 'tenc'})`);
  const data = readSampleEncryptionEntries(r, box, ivSize, subsamples, { iv: 'InitializationVector', subsampleCount: 'subsample_count', clear: 'BytesOfClearData', protected: 'BytesOfProtectedData' });
  box.keep(data);
}

registerBoxes(
  { type: 'frma', title: 'Original Format Box', spec: 'ISO/IEC 14496-12 8.12.2', parse: readFrma },
  { type: 'schm', title: 'Scheme Type Box', spec: 'ISO/IEC 14496-12 8.12.5', full: true, parse: readSchm },
  { type: 'tenc', title: 'Track Encryption Box', spec: 'ISO/IEC 23001-7 8.2', full: true, parse: readTenc },
  { type: 'pssh', title: 'Protection System Specific Header Box', spec: 'ISO/IEC 23001-7 8.1', full: true, parse: readPssh },
  { type: 'senc', title: 'Sample Encryption Box', spec: 'ISO/IEC 23001-7 7.2', full: true, parse: readSenc },
);
