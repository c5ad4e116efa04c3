import { describe, expect, it } from 'vitest';
import { readTsPacket } from '../../../../media/formats/mpegts/ts-packet.js';
import { ANNOTATE } from '../../../../media/model/types.js';
import { findField } from '../../../helpers/fields.js';

/** A 188-byte packet: the given bytes, then 0xFF to the end. */
function packet(head: number[]): Uint8Array {
  const p = new Uint8Array(188).fill(0xff);
  p.set(head);
  return p;
}

describe('readTsPacket', () => {
  it('reads the header and an adaptation field with a PCR', () => {
    const bytes = packet([
      0x47, // sync_byte
      0x41, // transport_error_indicator 0, payload_unit_start_indicator 1, transport_priority 0, PID (bits 12-8) 00001
      0x00, // PID (bits 7-0): PID 0x0100
      0x37, // transport_scrambling_control 00, adaptation_field_control 11 (field + payload), continuity_counter 7
      0x07, // adaptation_field_length 7
      0x50, // discontinuity 0, random_access_indicator 1, ES priority 0, PCR_flag 1, OPCR 0, splicing 0, private 0, extension 0
      0x00, 0x00, 0xf6, 0x18, // program_clock_reference_base = 126000 (33 bits) ...
      0x7e, // ... last bit of base 0, reserved 111111, extension bit 8: 0
      0x05, // program_clock_reference_extension = 5
      0x00, 0x00, 0x01, 0xe0, // payload: a PES start
    ]);
    const p = readTsPacket(bytes, 1880, 0, ANNOTATE, 10);
    expect(p).toMatchObject({ pid: 0x100, payloadUnitStart: true, transportError: false, adaptationFieldControl: 3, continuityCounter: 7, payloadStart: 1880 + 12, payloadEnd: 1880 + 188 });
    expect(p.adaptation).toEqual({ length: 7, discontinuity: false, randomAccess: true, pcr: 126000 * 300 + 5 });
    expect(p.node.diagnostics).toEqual([]);
    expect(findField(p.node.fields, 'PID')).toMatchObject({ bitOffset: 1880 * 8 + 11, bitLength: 13, value: 0x100 });
    expect(findField(p.node.fields, 'program_clock_reference_base')).toMatchObject({ bitOffset: 1886 * 8, bitLength: 33, value: 126000 });
    expect(findField(p.node.fields, 'PCR')).toMatchObject({ value: 37800005, derived: true });
    expect(findField(p.node.fields, 'data_byte')).toMatchObject({ bitOffset: 1892 * 8, bitLength: 176 * 8 });
  });

  it('reads an adaptation-field-only packet (stuffing) and a payload-only packet', () => {
    const stuffing = readTsPacket(packet([0x47, 0x01, 0x01, 0x20, 0xb7, 0x00]), 0, 0, ANNOTATE, 0); // AFC 10, adaptation_field_length 183, no flags
    expect(stuffing.adaptation?.length).toBe(183);
    expect(stuffing.payloadStart).toBe(stuffing.payloadEnd);
    expect(findField(stuffing.node.fields, 'stuffing_byte')?.display).toBe('182 bytes');
    const plain = readTsPacket(packet([0x47, 0x00, 0x00, 0x15]), 0, 0, ANNOTATE, 0); // PID 0 (PAT), AFC 01, continuity_counter 5
    expect(plain).toMatchObject({ pid: 0, adaptationFieldControl: 1, continuityCounter: 5, payloadStart: 4 });
  });

  it('reports a bad sync byte, a reserved adaptation_field_control and a too-long adaptation field', () => {
    expect(readTsPacket(packet([0x46, 0x00, 0x00, 0x10]), 0, 0, ANNOTATE, 0).node.diagnostics.map((d) => d.code)).toEqual(['ts-bad-sync-byte']);
    expect(readTsPacket(packet([0x47, 0x00, 0x00, 0x00]), 0, 0, ANNOTATE, 0).node.diagnostics.map((d) => d.code)).toEqual(['ts-reserved-adaptation-field-control']);
    const long = readTsPacket(packet([0x47, 0x00, 0x00, 0x30, 0xb7, 0x00]), 0, 0, ANNOTATE, 0); // AFC 11 with a 183-byte field leaves no payload
    expect(long.node.diagnostics.map((d) => d.code)).toEqual(['ts-adaptation-field-too-long']);
    // The byte after the 182 the field may hold is stuffing, not a payload byte (real muxers write such packets).
    expect(long.payloadStart).toBe(long.payloadEnd);
    expect(findField(long.node.fields, 'data_byte')).toBeUndefined();
    const flags = readTsPacket(packet([0x47, 0x00, 0x00, 0x20, 0x01, 0x10]), 0, 0, ANNOTATE, 0); // 1-byte field whose PCR_flag asks for 6 more
    expect(flags.node.diagnostics.map((d) => d.code)).toEqual(['ts-adaptation-field-overflow']);
  });

  it('keeps the 16 parity bytes of a 204-byte packet out of the payload', () => {
    const bytes = new Uint8Array(204).fill(0xaa);
    bytes.set([0x47, 0x01, 0x00, 0x10]); // PID 0x100, payload only
    const p = readTsPacket(bytes, 204, 0, ANNOTATE, 1);
    expect([p.payloadStart, p.payloadEnd]).toEqual([204 + 4, 204 + 188]);
    expect(findField(p.node.fields, 'reed_solomon_parity')).toMatchObject({ bitOffset: (204 + 188) * 8, bitLength: 16 * 8 });
  });

  it('reads the TP_extra_header of a 192-byte M2TS packet', () => {
    const bytes = new Uint8Array([
      0x40, 0x00, 0x01, 0x00, // copy_permission_indicator 01, arrival_time_stamp 256
      ...packet([0x47, 0x40, 0x00, 0x10, 0x00]), // PAT, unit start, pointer_field 0
    ]);
    const p = readTsPacket(bytes, 192, 4, ANNOTATE, 1);
    expect(p).toMatchObject({ pid: 0, payloadUnitStart: true, payloadStart: 192 + 8, payloadEnd: 192 + 192 });
    expect(findField(p.node.fields, 'arrival_time_stamp')?.value).toBe(256);
  });
});
