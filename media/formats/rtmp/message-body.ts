/**
 * One whole RTMP message as a node: its chunk headers as children, its payload read by type
 * (protocol and user control, AMF commands, FLV tag bodies for audio, video and data), at the
 * bytes where the payload lies in the session stream.
 */
import { BitstreamError, OutOfData } from '../../bits/errors.js';
import { FieldReader } from '../../model/field-reader.js';
import { type Node, type ParseOptions, diagnostic, newNode, rangeField } from '../../model/types.js';
import type { AmfValue } from '../amf/amf-value.js';
import type { FlvTagData } from '../flv/flv-tag-data.js';
import type { ChunkedMessage } from './chunk-reader.js';
import { type RtmpCommand, readCommand } from './command-message.js';
import { type RtmpControl, controlSummary, readControl } from './control-message.js';
import { flvTagType, readFlvBody } from './media-message.js';
import { MSG, messageTypeName } from './rtmp-tables.js';

/** What a message node keeps on `data` (the server and the capture reader use it; views do not). */
export interface RtmpMessageData extends Pick<ChunkedMessage, 'csid' | 'typeId' | 'streamId' | 'timestamp' | 'length' | 'payload' | 'map'> {
  /** Session offset of the first payload byte (the payload continues through the chunk bodies). */
  payloadOffset: number;
  control?: RtmpControl;
  command?: RtmpCommand;
  /** Audio, video and AMF0 data messages: the FLV tag the payload is the body of. */
  flv?: FlvTagData;
  /** Data messages: the AMF values (name first), as the FLV script reader read them. */
  values?: AmfValue[];
}

export function readMessage(m: ChunkedMessage, options: ParseOptions, interrupted = false): Node {
  const typeName = messageTypeName(m.typeId);
  const node = newNode('message', typeName, m.start, m.end, typeName);
  const data: RtmpMessageData = {
    csid: m.csid, typeId: m.typeId, streamId: m.streamId, timestamp: m.timestamp, length: m.length, payload: m.payload,
    payloadOffset: m.map.absByte(0),
    map: m.map,
  };
  node.data = data;
  if (options.record) {
    const at = m.start * 8;
    const fact = (name: string, value: number, display?: string): void => {
      node.fields.push({ name, bitOffset: at, bitLength: 0, value, derived: true, ...(display ? { display } : {}) });
    };
    fact('message type id', m.typeId, typeName);
    fact('message length', m.length, `${m.length} bytes in ${m.chunks.length} chunk${m.chunks.length === 1 ? '' : 's'}`);
    fact('timestamp', m.timestamp, `${m.timestamp} ms`);
    fact('message stream id', m.streamId);
    fact('chunk stream id', m.csid);
  }
  node.children.push(...m.chunks);
  if (m.type3Extended === 'omitted') {
    node.diagnostics.push(diagnostic('info', 'type3-extended-timestamp-omitted', 'the client does not repeat the extended timestamp on type-3 chunks (the spec says it should)', m.start, m.end));
  }
  if (interrupted) {
    node.diagnostics.push(diagnostic('error', 'message-interrupted', `a new message header came after ${m.payload.length} of ${m.length} bytes: this message is cut short`, m.start, m.end));
    node.title = `${typeName} (interrupted)`;
    if (options.record && m.payload.length > 0) node.fields.push(payloadRange(m, 'partial payload'));
    return node;
  }
  const tagType = flvTagType(m.typeId);
  if (tagType !== undefined) {
    const tag = readFlvBody(m.payload, m.map, tagType, m.timestamp, options);
    node.children.push(tag);
    const flv = tag.data as FlvTagData;
    data.flv = flv;
    if (flv.script) data.values = [flv.script.name, ...flv.script.values];
    node.name = m.typeId === MSG.DataAmf0 ? (flv.script?.name || 'data') : tag.name;
    node.title = `${typeName}: ${tag.title ?? tag.name}`;
    return node;
  }
  const r = new FieldReader(m.payload, options, m.map, node.fields);
  try {
    const control = readControl(r, m.typeId);
    if (control) {
      data.control = control;
      node.title = `${typeName}: ${controlSummary(control)}`;
    } else if (m.typeId === MSG.CommandAmf0 || m.typeId === MSG.CommandAmf3) {
      const command = readCommand(r, m.typeId === MSG.CommandAmf3, node.diagnostics);
      data.command = command;
      node.name = command.name || 'command';
      node.title = `${typeName}: ${command.name} (transaction ${command.transactionId})`;
    } else {
      node.diagnostics.push(diagnostic('info', 'message-type-not-read', `${typeName} payloads are shown as bytes`, m.start, m.end));
    }
  } catch (e) {
    if (!(e instanceof OutOfData) && !(e instanceof BitstreamError)) throw e;
    node.diagnostics.push(diagnostic('error', 'message-truncated', `the ${typeName} ends before its fields do`, m.start, m.end));
  }
  const read = r.pos >>> 3;
  if (read < m.payload.length && options.record) {
    const [s, e] = m.map.absRange(read, m.payload.length);
    const f = rangeField(read === 0 ? 'payload' : 'rest', s, e);
    if (e - s !== m.payload.length - read) f.ownBits = (m.payload.length - read) * 8;
    node.fields.push(f);
  }
  return node;
}

function payloadRange(m: ChunkedMessage, name: string): ReturnType<typeof rangeField> {
  const [s, e] = m.map.absRange(0, m.payload.length);
  const f = rangeField(name, s, e, `${m.payload.length} bytes`);
  if (e - s !== m.payload.length) f.ownBits = m.payload.length * 8;
  return f;
}
