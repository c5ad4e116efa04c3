import { describe, expect, it } from 'vitest';
import type { PsshData, SencData, TencData } from '../../../../../media/formats/isobmff/box-data.js';
import { codes, fieldOf, parseBoxes, parseOne, valueOf } from './entry-bytes.js';
import { hexBytes, u16, u24, u32, uuidBox, zeros } from '../../../../helpers/bytes.js';

const TRACK_ENCRYPTION = '8974dbce-7be7-4c51-84f9-7148f9882554';
const SAMPLE_ENCRYPTION = 'a2394f52-5a9b-4f14-a244-6c427c648df4';
const PROTECTION_HEADER = 'd08a4f18-10f3-4a82-b6c8-32d8aba183d3';
const KID = hexBytes('00112233445566778899aabbccddeeff');

describe('PIFF protection boxes', () => {
  it('reads the Track Encryption Box and records the IV size for the track', async () => {
    const { nodes, state } = await parseBoxes(
      uuidBox(TRACK_ENCRYPTION, 0, 0, [
        ...u24(1), // default_AlgorithmID = 1 (AES-CTR)
        8, // default_IV_size = 8
        ...KID, // default_KID
      ]),
      { trackId: 2 },
    );
    const node = nodes[0]!;
    expect(node.title).toBe('PIFF Track Encryption Box');
    expect(codes(node)).toEqual([]);
    expect(node.data).toEqual({ isProtected: 1, perSampleIvSize: 8, kid: Uint8Array.from(KID) } satisfies TencData);
    expect(fieldOf(node.fields, 'default_AlgorithmID')).toMatchObject({ value: 1, display: 'AES 128-bit CTR', bitLength: 24 });
    expect(state.ivSizeByTrack.get(2)).toBe(8);
  });

  it('reads the Sample Encryption Box with overridden parameters (flags & 1) and subsamples (flags & 2)', async () => {
    const node = await parseOne(
      uuidBox(SAMPLE_ENCRYPTION, 0, 3, [
        ...u24(1), // AlgorithmID = 1
        16, // IV_size = 16
        ...KID, // KID
        ...u32(1), // sample_count = 1
        ...zeros(15), 0x07, // InitializationVector
        ...u16(1), // NumberOfEntries = 1
        ...u16(4), ...u32(400), // BytesOfClearData = 4, BytesOfEncryptedData = 400
      ]),
    );
    expect(node.title).toBe('PIFF Sample Encryption Box');
    expect(codes(node)).toEqual([]);
    const data = node.data as SencData;
    expect(data.ivSize).toBe(16);
    expect(data.subsamples).toEqual([[[4, 400]]]);
    expect(valueOf(node.fields, 'BytesOfEncryptedData')).toBe(400);
    expect(valueOf(node.fields, 'IV_size')).toBe(16);
  });

  it("reads the Sample Encryption Box with the track's IV size", async () => {
    const { nodes } = await parseBoxes(uuidBox(SAMPLE_ENCRYPTION, 0, 0, [...u32(2), ...zeros(7), 1, ...zeros(7), 2]), { trackId: 1, ivSizeByTrack: new Map([[1, 8]]) });
    expect(codes(nodes[0]!)).toEqual([]);
    expect((nodes[0]!.data as SencData).ivs.map((iv) => iv[7])).toEqual([1, 2]);
  });

  it('reads the Protection System Specific Header Box', async () => {
    const node = await parseOne(uuidBox(PROTECTION_HEADER, 0, 0, [...hexBytes('9a04f07998404286ab92e65be0885f95'), ...u32(2), 0x3c, 0x00]));
    expect(node.title).toBe('PIFF Protection System Specific Header Box');
    expect(fieldOf(node.fields, 'SystemID')?.display).toContain('PlayReady');
    expect(node.data).toEqual({ systemId: '9a04f079-9840-4286-ab92-e65be0885f95', kids: [], data: Uint8Array.from([0x3c, 0x00]) } satisfies PsshData);
  });
});
