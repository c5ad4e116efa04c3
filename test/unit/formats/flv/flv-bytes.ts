/** Small builders for hand-made FLV bytes in tests. */
import { FlvDocumentBuilder } from '../../../../media/formats/flv/flv-document-builder.js';
import { type FlvUnit, FlvPushParser } from '../../../../media/formats/flv/flv-push-parser.js';
import type { MediaDocument } from '../../../../media/model/document-model.js';
import { ANNOTATE, type Field, type Node, type ParseOptions } from '../../../../media/model/types.js';
import { u24, u32 } from '../../../helpers/bytes.js';


/** The 9-byte FLV header (audio + video flags) and PreviousTagSize0. */
export const FLV_HEADER = [
  0x46, 0x4c, 0x56, // Signature 'FLV'
  0x01, // Version 1
  0x05, // TypeFlagsReserved 0, TypeFlagsAudio 1, TypeFlagsReserved 0, TypeFlagsVideo 1
  0x00, 0x00, 0x00, 0x09, // DataOffset 9
  0x00, 0x00, 0x00, 0x00, // PreviousTagSize0
];

/** A whole tag: 11-byte header, body, PreviousTagSize = 11 + DataSize. Timestamps may be negative (signed 32-bit). */
export function tag(tagType: number, timestamp: number, body: number[], previousTagSize = 11 + body.length): number[] {
  const ts = timestamp >>> 0;
  return [
    tagType, // Reserved 0, Filter 0, TagType
    ...u24(body.length), // DataSize
    ...u24(ts & 0xffffff), // Timestamp
    ts >>> 24, // TimestampExtended
    0x00, 0x00, 0x00, // StreamID
    ...body,
    ...u32(previousTagSize),
  ];
}

export function flv(...tags: number[][]): Uint8Array {
  return Uint8Array.from([...FLV_HEADER, ...tags.flat()]);
}

/** Parses bytes in one push and returns the units (file header first). */
export function units(bytes: Uint8Array, options: ParseOptions = ANNOTATE): FlvUnit[] {
  const p = new FlvPushParser(options);
  return [...p.push(bytes), ...p.end()];
}

export function document(bytes: Uint8Array): MediaDocument {
  const p = new FlvPushParser(ANNOTATE);
  const b = new FlvDocumentBuilder();
  b.add(p.push(bytes));
  b.add(p.end());
  return b.finish(bytes.length, p.tracks);
}

export function field(node: Node | Field, name: string): Field | undefined {
  return node.fields?.find((f) => f.name === name);
}

export function codes(node: Node): string[] {
  return node.diagnostics.map((d) => d.code);
}
