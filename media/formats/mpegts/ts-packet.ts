/** transport_packet() (ISO/IEC 13818-1 2.4.3.2, Table 2-2), with the 4-byte TP_extra_header of BDAV M2TS when present. */
import { FieldReader } from '../../model/field-reader.js';
import { type Field, type Node, type ParseOptions, diagnostic, newNode, rangeField } from '../../model/types.js';
import { type AdaptationField, readAdaptationField } from './adaptation-field.js';
import { ADAPTATION_FIELD_CONTROL, FIXED_PIDS, SCRAMBLING_CONTROL, SYNC_BYTE, TS_PACKET_SIZE, hex } from './ts-names.js';

export interface TsPacket {
  node: Node;
  /** Absolute offset of the packet (of its TP_extra_header in M2TS). */
  start: number;
  transportError: boolean;
  payloadUnitStart: boolean;
  pid: number;
  scrambling: number;
  adaptationFieldControl: number;
  continuityCounter: number;
  adaptation?: AdaptationField;
  /** Absolute range of data_byte (empty when the packet has no payload). */
  payloadStart: number;
  payloadEnd: number;
  /** The data_byte field, so the demuxer can say what the payload is. */
  payloadField?: Field;
}

/** Reads the packet in `bytes` (188 bytes; 192 when `prefix` is 4; 204 with parity bytes) that starts at absolute `start`. */
export function readTsPacket(bytes: Uint8Array, start: number, prefix: number, options: ParseOptions, index: number): TsPacket {
  const node = newNode('packet', `packet ${index}`, start, start + bytes.length);
  const r = FieldReader.at(bytes, start, options);
  r.fields = node.fields;
  if (prefix === 4) {
    r.group('TP_extra_header', () => {
      r.u(2, 'copy_permission_indicator');
      r.u(30, 'arrival_time_stamp', (v) => `${v} (27 MHz)`);
    });
  }
  const at = start + prefix;
  const sync = r.u8('sync_byte');
  if (sync !== SYNC_BYTE) node.diagnostics.push(diagnostic('error', 'ts-bad-sync-byte', `sync_byte is ${hex(sync, 2)}, not 0x47`, at, at + 1));
  const transportError = r.flag('transport_error_indicator', { 0: 'no error', 1: 'at least one uncorrectable bit error' });
  const payloadUnitStart = r.flag('payload_unit_start_indicator', { 0: 'continues a PES packet or section', 1: 'a PES packet or section starts here' });
  r.flag('transport_priority');
  const pid = r.u(13, 'PID', (v) => FIXED_PIDS[v]);
  const scrambling = r.u(2, 'transport_scrambling_control', SCRAMBLING_CONTROL);
  const adaptationFieldControl = r.u(2, 'adaptation_field_control', ADAPTATION_FIELD_CONTROL);
  const continuityCounter = r.u(4, 'continuity_counter');
  // The 188 bytes of the packet proper end here; a 204-byte packet has 16 parity bytes after them.
  const end = at + TS_PACKET_SIZE;
  const packet: TsPacket = {
    node, start, transportError, payloadUnitStart, pid, scrambling, adaptationFieldControl, continuityCounter,
    payloadStart: end, payloadEnd: end,
  };
  if (transportError) node.diagnostics.push(diagnostic('warning', 'ts-transport-error', 'transport_error_indicator is set: the packet is damaged', at + 1, at + 2));
  if (adaptationFieldControl === 0) node.diagnostics.push(diagnostic('error', 'ts-reserved-adaptation-field-control', "adaptation_field_control '00' is reserved; the packet is discarded", at + 3, at + 4));
  const hasPayload = adaptationFieldControl === 1 || adaptationFieldControl === 3;
  if (adaptationFieldControl === 2 || adaptationFieldControl === 3) {
    // With a payload at least one data byte follows: the field holds at most 183 bytes (182 + the payload byte is 183 when AFC is 3).
    const max = TS_PACKET_SIZE - 5 - (adaptationFieldControl === 3 ? 1 : 0);
    packet.adaptation = readAdaptationField(r, max, node.diagnostics);
  }
  // An adaptation field declared to fill the packet leaves no payload, whatever adaptation_field_control says
  // (the decoder, and ffmpeg, skip the declared length: the byte left is stuffing, not data).
  const filled = adaptationFieldControl === 3 && bytes[prefix + 4]! >= TS_PACKET_SIZE - 5;
  if (hasPayload && !filled) {
    packet.payloadStart = Math.min(start + Math.ceil(r.pos / 8), end);
    if (r.recording && packet.payloadStart < packet.payloadEnd) {
      packet.payloadField = rangeField('data_byte', packet.payloadStart, packet.payloadEnd);
      node.fields.push(packet.payloadField);
    }
  }
  if (r.recording && start + bytes.length > end) node.fields.push(rangeField('reed_solomon_parity', end, start + bytes.length));
  return packet;
}
