import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHevcDecoderConfigurationRecord } from '../../../../media/codecs/hevc/decoder-config-record.js';
import type { HevcNalData } from '../../../../media/codecs/hevc/nal-unit.js';
import { FieldReader } from '../../../../media/model/field-reader.js';
import { ANNOTATE } from '../../../../media/model/types.js';

describe('hvcC parameter sets decoded by the HEVC NAL reader', () => {
  const file = readFileSync(join(__dirname, '../../../fixtures/hevc.mp4'));
  // Find the hvcC box by its type; its 32-bit size is the 4 bytes before.
  const at = file.indexOf(Buffer.from('hvcC')) - 4;
  const size = file.readUInt32BE(at);

  it('gives the VPS, SPS, PPS and SEI nodes their syntax and data', () => {
    const r = FieldReader.at(file.subarray(at + 8, at + size), at + 8, ANNOTATE);
    const { nalNodes, diagnostics } = readHevcDecoderConfigurationRecord(r);
    expect(diagnostics).toEqual([]);
    expect(nalNodes.map((n) => n.name)).toEqual(['VPS', 'SPS', 'PPS', 'SEI']); // x265 puts its settings SEI in hvcC too
    expect(nalNodes.flatMap((n) => n.diagnostics)).toEqual([]);
    const sps = (nalNodes[1]!.data as HevcNalData).sps;
    expect(sps).toMatchObject({ width: 320, height: 240, codec: 'hvc1.1.6.L60.90' });
    expect((nalNodes[2]!.data as HevcNalData).pps).toMatchObject({ id: 0, spsId: 0 });
    const inner = nalNodes[1]!.fields[0]!.fields!;
    expect(inner.slice(0, 4).map((f) => f.name)).toEqual(['forbidden_zero_bit', 'nal_unit_type', 'nuh_layer_id', 'nuh_temporal_id_plus1']);
    expect(inner[4]).toMatchObject({ name: 'sps_video_parameter_set_id', bitOffset: (nalNodes[1]!.start + 2) * 8, bitLength: 4 });
  });
});

describe('the x265 SEI in hvcC', () => {
  it('shows the encoder settings as text', () => {
    const file = readFileSync(join(__dirname, '../../../fixtures/hevc.mp4'));
    const at = file.indexOf(Buffer.from('hvcC')) - 4;
    const r = FieldReader.at(file.subarray(at + 8, at + file.readUInt32BE(at)), at + 8, ANNOTATE);
    const sei = readHevcDecoderConfigurationRecord(r).nalNodes[3]!;
    const message = sei.fields[0]!.fields!.find((f) => f.name === 'sei_message[0]')!;
    expect(message.display).toBe('user_data_unregistered');
    const payload = message.fields!.find((f) => f.name === 'user_data_unregistered')!.fields!.find((f) => f.name === 'user_data_payload_byte')!;
    expect(payload.display).toMatch(/^x265 \(build \d+\)/);
  });
});
