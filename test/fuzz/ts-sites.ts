import { type Site, field, splice, u16At } from './sites.js';

const PACKET = 188;

/**
 * MPEG-TS (ISO/IEC 13818-1): per packet the adaptation_field_control and adaptation_field_length, and where a
 * payload unit starts, the PSI pointer_field and section_length, or the PES_packet_length and
 * PES_header_data_length. Packets may also lose their sync byte or be cut in two.
 */
export function tsSites(b: Uint8Array): Site[] {
  const sites: Site[] = [];
  for (let at = 0; at + PACKET <= b.length && sites.length < 20_000; at += PACKET) {
    if (b[at] !== 0x47) continue;
    const pusi = (b[at + 1]! & 0x40) !== 0;
    const afc = (b[at + 3]! >> 4) & 3;
    sites.push(field(`ts@${at} adaptation_field_control`, at + 3, 2, [0, 1, 2, 3], 2));
    let payload = at + 4;
    if (afc & 2) {
      sites.push(field(`ts@${at} adaptation_field_length`, at + 4, 8, [0, 1, 182, 183, 184, 255]));
      payload += 1 + b[at + 4]!;
    }
    if (!(afc & 1) || !pusi || payload + 9 > at + PACKET) continue;
    if (b[payload] === 0 && b[payload + 1] === 0 && b[payload + 2] === 1) {
      sites.push(field(`pes@${payload} PES_packet_length`, payload + 4, 16));
      sites.push(field(`pes@${payload} PES_header_data_length`, payload + 8, 8, [0, 1, 5, 10, 255]));
    } else {
      const pointer = b[payload]!;
      sites.push(field(`psi@${payload} pointer_field`, payload, 8, [0, 1, 182, 183, 255]));
      const section = payload + 1 + pointer;
      if (section + 3 <= at + PACKET) {
        sites.push(field(`psi@${section} section_length`, section + 1, 12, [0, 1, 5, 9, 1021, 4095], 4));
        if (u16At(b, section + 1) > 0) sites.push(field(`psi@${section} table_id`, section, 8, [0, 1, 2, 0xff]));
      }
    }
    if (sites.length % 7 === 0) sites.push(splice(`ts@${at} cut`, at + 100, PACKET - 100));
  }
  return sites;
}
