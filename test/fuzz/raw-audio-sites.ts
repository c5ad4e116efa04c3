import { peekAc3 } from '../../media/codecs/ac3/ac3-header.js';
import { id3v2Length } from '../../media/formats/id3/id3v2-tag.js';
import { adtsSites } from './adts-sites.js';
import { type Site, field } from './sites.js';

/**
 * ID3v2 tags (id3.org ID3v2.4.0): the tag's synchsafe size and each frame's size, which readers must clamp to the
 * tag; the version (only 3 and 4 have decodable frames) and the unsynchronisation flag.
 */
export function id3Sites(b: Uint8Array, at: number): Site[] {
  const length = id3v2Length(b, at);
  if (length === 0) return [];
  const sites: Site[] = [
    field(`id3@${at} size`, at + 6, 32, [0, 1, 0x7f7f7f7f, 0xffffffff]),
    field(`id3@${at} major_version`, at + 3, 8, [2, 3, 4, 5]),
    field(`id3@${at} flags`, at + 5, 8, [0x80, 0x40, 0x10]),
  ];
  let frame = at + 10;
  while (frame + 10 <= Math.min(b.length, at + length) && b[frame] !== 0 && sites.length < 200) {
    sites.push(field(`id3@${at} frame@${frame} size`, frame + 4, 32, [0, 1, 0x7f7f7f7f, 0xffffffff]));
    const size = ((b[frame + 4]! & 0x7f) << 21) | ((b[frame + 5]! & 0x7f) << 14) | ((b[frame + 6]! & 0x7f) << 7) | (b[frame + 7]! & 0x7f);
    frame += 10 + size;
  }
  return sites;
}

/** ADTS after an ID3v2 tag: the tag's sites, then the frames'. */
export function taggedAdtsSites(b: Uint8Array): Site[] {
  const tag = id3v2Length(b);
  if (tag === 0) return adtsSites(b);
  return [...id3Sites(b, 0), ...adtsSites(b.subarray(tag)).map((s) => ({ ...s, at: s.at + tag }))];
}

/** AC-3 and E-AC-3 syncframes (A/52): the frame size codes and the sample rate, stream type and block count. */
export function ac3Sites(b: Uint8Array): Site[] {
  let at = id3v2Length(b);
  const sites: Site[] = id3Sites(b, 0);
  while (at + 8 <= b.length && sites.length < 20_000) {
    const h = peekAc3(b, at);
    if (!h) break;
    if (h.eac3) {
      sites.push(field(`eac3@${at} frmsiz`, at + 2, 11, [0, 1, 2, 2047], 5));
      sites.push(field(`eac3@${at} strmtyp`, at + 2, 2, [1, 2, 3]));
      sites.push(field(`eac3@${at} fscod/numblkscod`, at + 4, 4, [0, 3, 12, 15]));
    } else {
      sites.push(field(`ac3@${at} frmsizecod`, at + 4, 6, [0, 37, 38, 63], 2));
      sites.push(field(`ac3@${at} fscod`, at + 4, 2, [1, 2, 3]));
      sites.push(field(`ac3@${at} acmod`, at + 6, 3, [0, 1, 2, 7]));
    }
    at += h.frameLength;
  }
  return sites;
}
