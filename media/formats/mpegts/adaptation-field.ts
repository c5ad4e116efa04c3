/** adaptation_field() of a transport packet (ISO/IEC 13818-1 2.4.3.4, Table 2-6). */
import type { FieldReader } from '../../model/field-reader.js';
import { type Diagnostic, diagnostic } from '../../model/types.js';
import { OutOfData } from '../../bits/errors.js';
import { readSplitTimestamp } from './timestamp.js';

export interface AdaptationField {
  length: number;
  discontinuity: boolean;
  randomAccess: boolean;
  /** program_clock_reference_base * 300 + extension, in 27 MHz ticks. */
  pcr?: number;
  opcr?: number;
}

const pcrText = (v: number): string => `${v} (27 MHz) = ${(v / 27e6).toFixed(6)} s`;

/** Reads the field at the reader's position; its declared length is clamped to `maxLength` (what the packet holds). */
export function readAdaptationField(r: FieldReader, maxLength: number, out: Diagnostic[]): AdaptationField {
  return r.group('adaptation_field', () => {
    const at = r.absByte;
    let length = r.u8('adaptation_field_length', (v) => `${v} bytes`);
    if (length > maxLength) {
      out.push(diagnostic('error', 'ts-adaptation-field-too-long', `adaptation_field_length ${length} exceeds the ${maxLength} bytes the packet has`, at, at + 1));
      length = maxLength;
    }
    const af: AdaptationField = { length, discontinuity: false, randomAccess: false };
    if (length === 0) return af;
    const end = r.pos + length * 8;
    const saved = r.limit(end);
    try {
      af.discontinuity = r.flag('discontinuity_indicator');
      af.randomAccess = r.flag('random_access_indicator');
      r.flag('elementary_stream_priority_indicator');
      const pcrFlag = r.flag('PCR_flag');
      const opcrFlag = r.flag('OPCR_flag');
      const splicingPointFlag = r.flag('splicing_point_flag');
      const privateDataFlag = r.flag('transport_private_data_flag');
      const extensionFlag = r.flag('adaptation_field_extension_flag');
      if (pcrFlag) af.pcr = readClock(r, 'program_clock_reference', 'PCR');
      if (opcrFlag) af.opcr = readClock(r, 'original_program_clock_reference', 'OPCR');
      if (splicingPointFlag) r.i(8, 'splice_countdown', (v) => `${v} packets of this PID to the splicing point`);
      if (privateDataFlag) {
        const n = r.u8('transport_private_data_length');
        if (n > r.bytesLeft) out.push(diagnostic('error', 'ts-private-data-overflow', `transport_private_data_length ${n} runs past the adaptation field`, at, at + 1 + length));
        r.bytes(Math.min(n, r.bytesLeft), 'private_data_byte');
      }
      if (extensionFlag) readExtension(r, out);
      if (r.bytesLeft > 0) r.bytes(r.bytesLeft, 'stuffing_byte', `${r.bytesLeft} bytes`);
    } catch (e) {
      if (!(e instanceof OutOfData)) throw e;
      out.push(diagnostic('error', 'ts-adaptation-field-overflow', 'the flags ask for more bytes than adaptation_field_length holds', at, at + 1 + length));
    } finally {
      r.restoreLimit(saved);
      r.seek(end);
    }
    return af;
  });
}

/** A 42-bit clock: 33-bit base (90 kHz), 6 reserved bits, 9-bit extension (27 MHz). */
function readClock(r: FieldReader, name: string, short: string): number {
  const base = r.u64(`${name}_base`, 33, (v) => `${(Number(v) / 90000).toFixed(6)} s (90 kHz)`);
  r.u(6, 'reserved');
  const ext = r.u(9, `${name}_extension`);
  const value = base * 300 + ext;
  r.derive(short, value, pcrText(value));
  return value;
}

function readExtension(r: FieldReader, out: Diagnostic[]): void {
  r.group('adaptation_field_extension', () => {
    const at = r.absByte;
    const length = r.u8('adaptation_field_extension_length');
    if (length > r.bytesLeft) out.push(diagnostic('error', 'ts-adaptation-extension-overflow', `adaptation_field_extension_length ${length} runs past the adaptation field`, at, at + 1));
    const end = r.pos + Math.min(length, r.bytesLeft) * 8;
    const saved = r.limit(end);
    try {
      const ltw = r.flag('ltw_flag');
      const piecewise = r.flag('piecewise_rate_flag');
      const seamless = r.flag('seamless_splice_flag');
      r.flag('af_descriptor_not_present_flag');
      r.u(4, 'reserved');
      if (ltw) {
        r.flag('ltw_valid_flag');
        r.u(15, 'ltw_offset');
      }
      if (piecewise) {
        r.u(2, 'reserved');
        r.u(22, 'piecewise_rate');
      }
      if (seamless) {
        r.u(4, 'splice_type');
        readSplitTimestamp(r, 'DTS_next_AU', out);
      }
      if (r.bytesLeft > 0) r.bytes(r.bytesLeft, 'reserved');
    } finally {
      r.restoreLimit(saved);
    }
    r.seek(end);
  });
}
