import { type Site, field, splice } from './sites.js';

/**
 * ADTS (ISO/IEC 14496-3 1.A.2): per frame the frame_length (13 bits), sampling_frequency_index, the
 * protection_absent bit (a CRC then expected or not) and number_of_raw_data_blocks_in_frame.
 * Headers are found by following frame_length from the first syncword.
 */
export function adtsSites(b: Uint8Array): Site[] {
  const sites: Site[] = [];
  let at = 0;
  while (at + 7 <= b.length && sites.length < 20_000) {
    if (b[at] !== 0xff || (b[at + 1]! & 0xf0) !== 0xf0) break;
    const length = ((b[at + 3]! & 3) << 11) | (b[at + 4]! << 3) | (b[at + 5]! >> 5);
    sites.push(field(`adts@${at} frame_length`, at + 3, 13, [0, 1, 6, 7, 8, 9, 0x1fff], 6));
    sites.push(field(`adts@${at} sampling_frequency_index`, at + 2, 4, [0, 3, 11, 12, 13, 15], 2));
    sites.push(field(`adts@${at} protection_absent`, at + 1, 1, [0, 1], 7));
    sites.push(field(`adts@${at} number_of_raw_data_blocks_in_frame`, at + 6, 2, [0, 1, 3], 6));
    sites.push(field(`adts@${at} channel_configuration`, at + 2, 3, [0, 1, 7], 7));
    if (at > 0 && sites.length % 9 === 0) sites.push(splice(`adts@${at} frame cut`, at + 3, length));
    if (length < 7) break;
    at += length;
  }
  return sites;
}
