import { describe, expect, it } from 'vitest';
import type { FrmaData, PsshData, SchmData, SencData, TencData } from '../../../../../media/formats/isobmff/box-data.js';
import { codes, fieldOf, parseBoxes, parseOne, valueOf } from './entry-bytes.js';
import { ascii, box, fullBox, hexBytes, u16, u32, zeros } from '../../../../helpers/bytes.js';

const KID = hexBytes('00112233-4455-6677-8899-aabbccddeeff');
const WIDEVINE = hexBytes('edef8ba9-79d6-4ace-a3c8-27dcd51d21ed');
const PLAYREADY = hexBytes('9a04f079-9840-4286-ab92-e65be0885f95');

describe('frma, schm', () => {
  it('reads the original format', async () => {
    const node = await parseOne(box('frma', ascii('mp4a')));
    expect(node.data).toEqual({ dataFormat: 'mp4a' } satisfies FrmaData);
  });

  it('reads scheme_type, scheme_version as major.minor and scheme_uri when flags & 1', async () => {
    const node = await parseOne(fullBox('schm', 0, 1, [...ascii('cbcs'), ...u32(0x00010000), ...ascii('urn:x'), 0]));
    expect(node.data).toEqual({ schemeType: 'cbcs', schemeVersion: 0x10000, schemeUri: 'urn:x' } satisfies SchmData);
    expect(fieldOf(node.fields, 'scheme_type')?.display).toContain('AES-CBC subsample pattern');
    expect(fieldOf(node.fields, 'scheme_version')?.display).toBe('1.0');
    const plain = await parseOne(fullBox('schm', 0, 0, [...ascii('cenc'), ...u32(0x00010000)]));
    expect((plain.data as SchmData).schemeUri).toBeUndefined();
  });
});

describe('tenc', () => {
  it('reads version 0 and records the IV size for the current track', async () => {
    const { nodes, state } = await parseBoxes(
      fullBox('tenc', 0, 0, [
        0x00, 0x00, // reserved, reserved
        0x01, // default_isProtected = 1
        0x08, // default_Per_Sample_IV_Size = 8
        ...KID, // default_KID
      ]),
      { trackId: 3 },
    );
    expect(nodes[0]!.data).toEqual({ isProtected: 1, perSampleIvSize: 8, kid: Uint8Array.from(KID) } satisfies TencData);
    expect(fieldOf(nodes[0]!.fields, 'default_KID')?.display).toBe('00112233-4455-6677-8899-aabbccddeeff');
    expect(state.ivSizeByTrack.get(3)).toBe(8);
  });

  it('reads version 1 pattern encryption with a constant IV (cbcs)', async () => {
    const iv = hexBytes('0102030405060708090a0b0c0d0e0f10');
    const { nodes, state } = await parseBoxes(
      fullBox('tenc', 1, 0, [
        0x00, // reserved
        0x19, // default_crypt_byte_block = 1, default_skip_byte_block = 9
        0x01, // default_isProtected = 1
        0x00, // default_Per_Sample_IV_Size = 0: a constant IV follows
        ...KID,
        0x10, // default_constant_IV_size = 16
        ...iv, // default_constant_IV
      ]),
      { trackId: 1 },
    );
    const node = nodes[0]!;
    expect(codes(node)).toEqual([]);
    expect(node.data).toMatchObject({ isProtected: 1, perSampleIvSize: 0, cryptByteBlock: 1, skipByteBlock: 9, constantIv: Uint8Array.from(iv) });
    expect(fieldOf(node.fields, 'default_skip_byte_block')).toMatchObject({ value: 9, bitLength: 4 });
    expect(state.ivSizeByTrack.get(1)).toBe(0);
  });

  it('flags an IV size that is not 0, 8 or 16, and a version it does not know', async () => {
    expect(codes(await parseOne(fullBox('tenc', 0, 0, [0, 0, 1, 12, ...KID])))).toEqual(['invalid-iv-size']);
    expect(codes(await parseOne(fullBox('tenc', 2, 0, [0, 0, 1, 8, ...KID])))).toEqual(['unknown-box-version', 'unparsed-bytes']);
  });
});

describe('pssh', () => {
  it('reads version 0 with the system named', async () => {
    const node = await parseOne(fullBox('pssh', 0, 0, [...WIDEVINE, ...u32(3), 0x08, 0x01, 0x12]));
    expect(fieldOf(node.fields, 'SystemID')?.display).toBe('edef8ba9-79d6-4ace-a3c8-27dcd51d21ed (Widevine)');
    expect(node.data).toEqual({ systemId: 'edef8ba9-79d6-4ace-a3c8-27dcd51d21ed', kids: [], data: Uint8Array.from([0x08, 0x01, 0x12]) } satisfies PsshData);
  });

  it('reads version 1 KIDs', async () => {
    const node = await parseOne(fullBox('pssh', 1, 0, [...PLAYREADY, ...u32(2), ...KID, ...zeros(16), ...u32(0)]));
    const data = node.data as PsshData;
    expect(data.kids).toHaveLength(2);
    expect(fieldOf(node.fields, 'SystemID')?.display).toContain('PlayReady');
    expect(codes(node)).toEqual([]);
  });

  it('survives a KID_count and a DataSize beyond the box', async () => {
    const kids = await parseOne(fullBox('pssh', 1, 0, [...WIDEVINE, ...u32(0xffffffff), ...KID, ...u32(0)]));
    expect(codes(kids)).toContain('table-count-exceeds-box');
    const data = await parseOne(fullBox('pssh', 0, 0, [...WIDEVINE, ...u32(1000), 0x01, 0x02]));
    expect(codes(data)).toEqual(['data-size-exceeds-box']);
    expect(Array.from((data.data as PsshData).data)).toEqual([0x01, 0x02]);
  });
});

describe('senc', () => {
  const iv8 = (n: number): number[] => [0, 0, 0, 0, 0, 0, 0, n];

  it('reads per-sample IVs with the size tenc gave the current track', async () => {
    const ivSizeByTrack = new Map([[1, 8], [2, 16]]);
    const { nodes } = await parseBoxes(
      fullBox('senc', 0, 0, [
        ...u32(2), // sample_count = 2
        ...iv8(1), // InitializationVector[0]
        ...iv8(2), // InitializationVector[1]
      ]),
      { trackId: 1, ivSizeByTrack },
    );
    const node = nodes[0]!;
    expect(codes(node)).toEqual([]);
    const data = node.data as SencData;
    expect(data.ivSize).toBe(8);
    expect(data.ivs.map((iv) => iv[7])).toEqual([1, 2]);
    expect(data.subsamples).toBeUndefined();
    expect(fieldOf(node.fields, 'Per_Sample_IV_Size')?.display).toBe('8 bytes (from tenc)');
  });

  it('reads subsamples (flags & 2) and guesses a 16-byte IV when no tenc was seen', async () => {
    const node = await parseOne(
      fullBox('senc', 0, 2, [
        ...u32(2), // sample_count = 2
        ...zeros(15), 0x01, // InitializationVector (16 bytes)
        ...u16(1), // subsample_count = 1
        ...u16(5), ...u32(1000), // BytesOfClearData = 5, BytesOfProtectedData = 1000
        ...zeros(15), 0x02,
        ...u16(2),
        ...u16(5), ...u32(16),
        ...u16(0), ...u32(32),
      ]),
    );
    expect(codes(node)).toEqual(['iv-size-guessed']);
    const data = node.data as SencData;
    expect(data.ivSize).toBe(16);
    expect(data.subsamples).toEqual([[[5, 1000]], [[5, 16], [0, 32]]]);
    expect(valueOf(node.fields, 'BytesOfProtectedData')).toBe(1000);
  });

  it('guesses the IV size that fills the box, and warns (reading 8) when neither does', async () => {
    const node = await parseOne(fullBox('senc', 0, 0, [...u32(2), ...zeros(32)])); // 2 samples: 2 x 16 bytes fill the box, 2 x 8 do not
    expect(codes(node)).toEqual(['iv-size-guessed']);
    expect((node.data as SencData).ivSize).toBe(16);
    const none = await parseOne(fullBox('senc', 0, 0, [...u32(3), ...zeros(10)])); // 3 x 8 and 3 x 16 both miss 10 bytes
    expect(codes(none)).toEqual(['iv-size-unknown', 'table-count-exceeds-box', 'unparsed-bytes']);
  });

  it('clamps a sample_count beyond the box and reads nothing per sample for a constant IV', async () => {
    const huge = await parseBoxes(fullBox('senc', 0, 0, [...u32(0xffffffff), ...iv8(1)]), { trackId: 1, ivSizeByTrack: new Map([[1, 8]]) });
    expect(codes(huge.nodes[0]!)).toEqual(['table-count-exceeds-box']);
    expect((huge.nodes[0]!.data as SencData).ivs).toHaveLength(1);
    const constant = await parseBoxes(fullBox('senc', 0, 0, [...u32(0xffffffff)]), { trackId: 1, ivSizeByTrack: new Map([[1, 0]]) });
    expect(codes(constant.nodes[0]!)).toEqual([]);
    expect((constant.nodes[0]!.data as SencData).ivs).toEqual([]);
  });
});
