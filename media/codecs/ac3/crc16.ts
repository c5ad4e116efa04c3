/**
 * CRC-16 of AC-3 and E-AC-3 syncframes (A/52 5.4.1.2 and 7.10.1): generator x^16 + x^15 + x^2 + 1, initial 0,
 * most significant bit first. crc2 is chosen so that the CRC of a whole syncframe after the syncword is 0.
 */
const TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 8;
    for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x8005) & 0xffff : (c << 1) & 0xffff;
    t[i] = c;
  }
  return t;
})();

export function crc16Ac3(bytes: Uint8Array, from: number, to: number): number {
  let crc = 0;
  for (let i = from; i < to; i++) crc = ((crc << 8) & 0xffff) ^ TABLE[(crc >> 8) ^ bytes[i]!]!;
  return crc;
}
