import { describe, expect, it } from 'vitest';
import type { EsdsData } from '../../../../../media/formats/isobmff/box-data.js';
import { allCodes, codes, fieldOf, parseOne, valueOf } from './entry-bytes.js';
import { ascii, fullBox, u16, u24, u32 } from '../../../../helpers/bytes.js';

/** A descriptor with a one-byte sizeOfInstance. */
const descriptor = (tag: number, body: number[]): number[] => [tag, body.length, ...body];

const esds = (body: number[]): number[] => fullBox('esds', 0, 0, body);

/** DecoderConfigDescriptor fields (without sub-descriptors). */
function decoderConfig(oti: number, streamType: number): number[] {
  return [
    oti, // objectTypeIndication
    (streamType << 2) | 0x01, // streamType, upStream = 0, reserved = 1
    ...u24(6144), // bufferSizeDB
    ...u32(128000), // maxBitrate
    ...u32(96000), // avgBitrate
  ];
}

describe('esds and MPEG-4 descriptors', () => {
  it('reads ES_Descriptor, DecoderConfigDescriptor with an AudioSpecificConfig (MPEG-2 AAC LC), SLConfigDescriptor', async () => {
    const bytes = esds(
      descriptor(0x03, [
        ...u16(1), // ES_ID = 1
        0x00, // streamDependenceFlag 0, URL_Flag 0, OCRstreamFlag 0, streamPriority 0
        ...descriptor(0x04, [
          ...decoderConfig(0x67, 0x05), // MPEG-2 AAC LC, AudioStream
          ...descriptor(0x05, [
            0x11, // audioObjectType 2 (AAC LC), samplingFrequencyIndex 3 (48000) ...
            0x90, // ... channelConfiguration 2, GASpecificConfig 000
          ]),
        ]),
        ...descriptor(0x06, [0x02]), // SLConfigDescriptor: predefined = 2 (MP4 files)
      ]),
    );
    const node = await parseOne(bytes);
    expect(allCodes([node])).toEqual([]);
    const data = node.data as EsdsData;
    expect(data).toMatchObject({ objectTypeIndication: 0x67, streamType: 5, bufferSizeDB: 6144, maxBitrate: 128000, avgBitrate: 96000 });
    expect(data.audioConfig).toMatchObject({ audioObjectType: 2, samplingFrequency: 48000, channelConfiguration: 2 });
    expect(Array.from(data.decoderSpecificInfo!)).toEqual([0x11, 0x90]);

    const es = node.children[0]!;
    expect([es.kind, es.name, es.start, es.end]).toEqual(['descriptor', 'ES_Descriptor', 12, bytes.length]);
    expect(es.children.map((c) => c.name)).toEqual(['DecoderConfigDescriptor', 'SLConfigDescriptor']);
    const dcd = es.children[0]!;
    expect(fieldOf(dcd.fields, 'objectTypeIndication')?.display).toBe('Audio ISO/IEC 13818-7 LowComplexity Profile (MPEG-2 AAC LC)');
    expect(fieldOf(dcd.fields, 'streamType')).toMatchObject({ value: 5, display: 'AudioStream', bitLength: 6 });
    const dsi = dcd.children[0]!;
    expect([dsi.name, dsi.title]).toEqual(['DecoderSpecificInfo', 'AudioSpecificConfig']);
    expect(fieldOf(dsi.fields, 'samplingFrequencyIndex')).toMatchObject({ value: 3, bitOffset: (dsi.start + 2) * 8 + 5 });
    expect(fieldOf(dsi.fields, 'padding_bits')).toBeUndefined(); // 16 bits: the config ends on a byte boundary
    expect(valueOf(es.children[1]!.fields, 'predefined')).toBe(2);
  });

  it('reads a 4-byte expandable size (0x80 0x80 0x80 0x05)', async () => {
    const node = await parseOne(esds([0x03, 0x80, 0x80, 0x80, 0x03, ...u16(7), 0x1f]));
    const es = node.children[0]!;
    expect(fieldOf(es.fields, 'sizeOfInstance')).toMatchObject({ value: 3, bitLength: 32, display: '3 bytes' });
    expect(valueOf(es.fields, 'streamPriority')).toBe(31);
    expect(codes(node)).toEqual(['missing-decoder-config']);
  });

  it('reads the optional ES_Descriptor fields: dependsOn_ES_ID, URL, OCR_ES_Id', async () => {
    const node = await parseOne(
      esds(
        descriptor(0x03, [
          ...u16(2), // ES_ID
          0xe3, // streamDependenceFlag 1, URL_Flag 1, OCRstreamFlag 1, streamPriority 3
          ...u16(1), // dependsOn_ES_ID
          4, ...ascii('a.mp'), // URLlength, URLstring
          ...u16(9), // OCR_ES_Id
        ]),
      ),
    );
    const es = node.children[0]!;
    expect(valueOf(es.fields, 'dependsOn_ES_ID')).toBe(1);
    expect(valueOf(es.fields, 'URLstring')).toBe('a.mp');
    expect(valueOf(es.fields, 'OCR_ES_Id')).toBe(9);
  });

  it('clamps a descriptor whose size runs past its parent, with a diagnostic', async () => {
    const node = await parseOne(
      esds(
        descriptor(0x03, [
          ...u16(1), 0x00, // ES_ID, flags
          0x04, 0x7f, // DecoderConfigDescriptor, sizeOfInstance = 127: far past the ES_Descriptor
          ...decoderConfig(0x40, 0x05),
        ]),
      ),
    );
    const dcd = node.children[0]!.children[0]!;
    expect(codes(dcd)).toEqual(['descriptor-overflows-parent']);
    expect(dcd.end).toBe(node.end);
    expect((node.data as EsdsData).objectTypeIndication).toBe(0x40);
  });

  it('reports a descriptor cut inside its fields without losing the tree', async () => {
    const node = await parseOne(esds(descriptor(0x03, [...u16(1), 0x00, ...descriptor(0x04, [0x40, 0x15, 0x00])])));
    const dcd = node.children[0]!.children[0]!;
    expect(codes(dcd)).toEqual(['truncated-descriptor']);
  });

  it('shows an unknown descriptor and a non-audio DecoderSpecificInfo as bytes', async () => {
    const node = await parseOne(
      esds(
        descriptor(0x03, [
          ...u16(1), 0x00,
          ...descriptor(0x04, [...decoderConfig(0x20, 0x04), ...descriptor(0x05, [0x00, 0x00, 0x01, 0xb0])]), // MPEG-4 Visual, VOS start code
          ...descriptor(0xc5, [0xaa, 0xbb]), // user private descriptor
        ]),
      ),
    );
    const data = node.data as EsdsData;
    expect(data.audioConfig).toBeUndefined();
    expect(Array.from(data.decoderSpecificInfo!)).toEqual([0x00, 0x00, 0x01, 0xb0]);
    const es = node.children[0]!;
    expect(es.children.map((c) => c.name)).toEqual(['DecoderConfigDescriptor', 'user private descriptor']);
    expect(fieldOf(es.children[1]!.fields, 'data')?.bitLength).toBe(16);
    expect(allCodes([node])).toEqual([]);
  });

  it('reads a custom SLConfigDescriptor (predefined 0)', async () => {
    const node = await parseOne(
      esds(
        descriptor(0x06, [
          0x00, // predefined = 0 (custom)
          0b10000101, // useAccessUnitStartFlag 1, ..., useTimeStampsFlag 1, useIdleFlag 0, durationFlag 1
          ...u32(90000), // timeStampResolution
          ...u32(0), // OCRResolution
          33, 0, 0, 0, // timeStampLength, OCRLength, AU_Length, instantBitrateLength
          0x00, 0x03, // degradationPriorityLength 0, AU_seqNumLength 0, packetSeqNumLength 0, reserved '11'b
          ...u32(1000), ...u16(40), ...u16(40), // timeScale, accessUnitDuration, compositionUnitDuration
        ]),
      ),
    );
    const sl = node.children[0]!;
    expect(valueOf(sl.fields, 'timeStampResolution')).toBe(90000);
    expect(valueOf(sl.fields, 'timeScale')).toBe(1000);
    expect(codes(sl)).toEqual([]);
  });
});
