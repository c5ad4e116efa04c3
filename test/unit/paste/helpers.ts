import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Field, Node } from '../../../media/model/types.js';
import { findField } from '../../helpers/fields.js';

export const fixturePath = (name: string): string => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
export const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(fixturePath(name)));
export const snippetText = (name: string): string => readFileSync(fixturePath(`snippets/${name}.txt`), 'utf8');

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
export const fromHex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

export { findField };

export function fieldOf(node: Node, name: string): Field {
  const f = findField(node.fields, name);
  if (!f) throw new Error(`no field ${name} in ${node.name}`);
  return f;
}

/** The 46-byte FLV video tag body of the snippet (the AVC sequence header), byte by byte. */
export const AVC_SEQUENCE_HEADER = fromHex(
  '17 00 000000' + // FrameType 1 (key) / CodecID 7 (AVC), AVCPacketType 0, CompositionTime 0
    '01 42 c0 1f ff e1 0019' + // avcC: version 1, profile 66, compat 0xC0, level 31, lengthSizeMinusOne 3, 1 SPS of 25 bytes
    '6742c01fa6110280bfe584000003000400000300c23c60c846' + // SPS (emulation prevention bytes at 26 and 31)
    '01 0005 68c84232c8', // 1 PPS of 5 bytes
);
