/**
 * Command messages (RTMP spec 7.1.1 and 7.2): AMF0 values (type 20), or a format byte 0 and then
 * AMF0 values that may switch to AMF3 (type 17): command name, transaction ID, command object,
 * optional arguments. Data messages (types 18, 15) are read by the FLV script reader instead.
 */
import type { FieldReader } from '../../model/field-reader.js';
import type { Diagnostic } from '../../model/types.js';
import { diagnostic } from '../../model/types.js';
import { type AmfValue, newAmfContext, showAmf } from '../amf/amf-value.js';
import { readAmf0Values } from '../amf/amf0.js';

export interface RtmpCommand {
  name: string;
  transactionId: number;
  /** The command object (null for most commands after connect). */
  object: AmfValue;
  /** Optional user arguments (publish: name and type; releaseStream: the stream name ...). */
  args: AmfValue[];
  amf3: boolean;
}

const NAMES = ['command name', 'transaction ID', 'command object'];

export function readCommand(r: FieldReader, amf3: boolean, diagnostics: Diagnostic[]): RtmpCommand {
  if (amf3) {
    r.u8('format', (v) => (v === 0 ? 'AMF0 values (with AMF3 switches)' : 'should be 0'));
  }
  const first = Math.floor(r.map.fileBit(r.pos) / 8);
  const ctx = newAmfContext(diagnostics);
  const values = readAmf0Values(r, ctx, (i) => NAMES[i] ?? `argument[${i - 3}]`);
  const [name, transactionId, object] = values;
  if (typeof name !== 'string') {
    diagnostics.push(diagnostic('error', 'command-name-not-string', `a command starts with a string name, not ${showAmf(name)}`, first, r.absByte));
  }
  return {
    name: typeof name === 'string' ? name : '',
    transactionId: typeof transactionId === 'number' ? transactionId : 0,
    object: object ?? null,
    args: values.slice(3),
    amf3,
  };
}
