import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAvcDecoderConfigurationRecord } from '../../../../media/codecs/avc/decoder-config-record.js';
import type { AvcNalData } from '../../../../media/codecs/avc/nal-unit.js';
import { FieldReader } from '../../../../media/model/field-reader.js';
import { ANNOTATE, BULK } from '../../../../media/model/types.js';

function snippet(): Uint8Array {
  const text = readFileSync(join(__dirname, '../../../fixtures/snippets/flv-avc-sequence-header.txt'), 'utf8');
  return Uint8Array.from(text.match(/0x[0-9a-f]{2}/gi)!.map((h) => parseInt(h, 16)));
}

describe('avcC parameter sets decoded by the NAL reader', () => {
  const bytes = snippet();
  // After the 5-byte FLV VideoTagHeader comes the AVCDecoderConfigurationRecord.
  const record = bytes.subarray(5);

  it('gives the SPS and PPS nodes their syntax under the unit field, and their data', () => {
    const r = FieldReader.at(record, 5, ANNOTATE);
    const { nalNodes, diagnostics } = readAvcDecoderConfigurationRecord(r);
    expect(diagnostics).toEqual([]);
    const [sps, pps] = nalNodes;
    expect(sps!.fields[0]).toMatchObject({ name: 'sequenceParameterSetNALUnit', bitOffset: 13 * 8, bitLength: 25 * 8, display: 'Sequence parameter set' });
    const inner = sps!.fields[0]!.fields!;
    expect(inner.slice(0, 4).map((f) => f.name)).toEqual(['forbidden_zero_bit', 'nal_ref_idc', 'nal_unit_type', 'profile_idc']);
    expect(inner.filter((f) => f.name === 'emulation_prevention_three_byte').map((f) => f.bitOffset / 8)).toEqual([26, 31]);
    expect((sps!.data as AvcNalData).sps).toMatchObject({ width: 640, height: 360, codec: 'avc1.42C01F' });
    expect((pps!.data as AvcNalData).pps).toMatchObject({ id: 0, spsId: 0, entropyCodingMode: false });
    expect([...sps!.diagnostics, ...pps!.diagnostics]).toEqual([]);
  });

  it('decodes without recording too (for track facts)', () => {
    const r = FieldReader.at(record, 5, BULK);
    const { nalNodes } = readAvcDecoderConfigurationRecord(r);
    expect((nalNodes[0]!.data as AvcNalData).sps?.width).toBe(640);
  });
});
