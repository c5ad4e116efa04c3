import { type Site, field, u32At } from './sites.js';

/**
 * RTMP capture files (docs/capture-format.md): the header and index box sizes, the index's stream
 * length, and in the client bytes each type 0 chunk header's message length (a 24-bit declared size).
 */
export function captureSites(b: Uint8Array): Site[] {
  const sites: Site[] = [];
  if (b.length < 12) return sites;
  const header = u32At(b, 0);
  sites.push(field('BLRC size', 0, 32, [0, 1, 11, 12, 0xffffffff, b.length + 1]));
  if (b.length >= 8) sites.push(field('BLRI stream length', b.length - 4, 32, [0, 1, 0x7fffffff, 0xffffffff]));
  // Type 0 chunk headers of chunk streams 2 to 8 (control, commands, media): fmt 0, then timestamp, length, type.
  const from = header + 1 + 1536 * 2;
  for (let at = from; at + 12 <= b.length && sites.length < 20_000; at++) {
    const basic = b[at]!;
    if (basic >> 6 !== 0 || (basic & 0x3f) < 2 || (basic & 0x3f) > 8) continue;
    const type = b[at + 7]!;
    if (type !== 8 && type !== 9 && type !== 18 && type !== 20 && type !== 1) continue;
    sites.push(field(`chunk@${at} message length`, at + 4, 24));
    if (type === 1) sites.push(field(`chunk@${at} Set Chunk Size`, at + 12, 32, [0, 1, 127, 128, 65536, 0x7fffffff]));
  }
  return sites;
}
