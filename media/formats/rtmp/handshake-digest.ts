/**
 * The digest ("complex", Flash Player 9+) handshake that ffmpeg, OBS and Flash clients open with.
 * It is not in the RTMP 1.0 spec; the layout is what servers and clients agree on in practice:
 * C1/S1 = time(4) version(4) and two 764-byte blocks, a digest block and a key block, in either
 * order (scheme 0: digest block first, at byte 8; scheme 1: key block first, digest block at 772).
 * A digest block begins with 4 offset bytes; the 32-byte digest sits at (sum of them) % 728 + 4 into
 * the block, and is HMAC-SHA256 of the packet without those 32 bytes, keyed with the first 30 bytes
 * of the Flash Player key (client) or the first 36 of the Flash Media Server key (server).
 */
import { hmacSha256 } from './sha256.js';
import { HANDSHAKE_SIZE } from './rtmp-tables.js';

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** The 32 bytes both keys end with. */
const KEY_TAIL = [
  0xf0, 0xee, 0xc2, 0x4a, 0x80, 0x68, 0xbe, 0xe8, 0x2e, 0x00, 0xd0, 0xd1, 0x02, 0x9e, 0x7e, 0x57,
  0x6e, 0xec, 0x5d, 0x2d, 0x29, 0x80, 0x6f, 0xab, 0x93, 0xb8, 0xe6, 0x36, 0xcf, 0xeb, 0x31, 0xae,
];

/** "Genuine Adobe Flash Player 001" + tail: the client's key (62 bytes). */
export const FP_KEY = new Uint8Array([...ascii('Genuine Adobe Flash Player 001'), ...KEY_TAIL]);
/** "Genuine Adobe Flash Media Server 001" + tail: the server's key (68 bytes). */
export const FMS_KEY = new Uint8Array([...ascii('Genuine Adobe Flash Media Server 001'), ...KEY_TAIL]);
/** C1 digests are keyed with the text part only; S1 digests likewise. */
export const FP_KEY_TEXT = FP_KEY.subarray(0, 30);
export const FMS_KEY_TEXT = FMS_KEY.subarray(0, 36);

export const DIGEST_SIZE = 32;
export const BLOCK_SIZE = 764;
export type DigestScheme = 0 | 1;

/** Where the digest block starts in a 1536-byte C1/S1 (after time and version). */
export function digestBlockStart(scheme: DigestScheme): number {
  return scheme === 0 ? 8 : 8 + BLOCK_SIZE;
}

/** Byte position of the digest in a C1/S1 under `scheme`. */
export function digestPosition(packet: Uint8Array, scheme: DigestScheme): number {
  const block = digestBlockStart(scheme);
  const sum = packet[block]! + packet[block + 1]! + packet[block + 2]! + packet[block + 3]!;
  return block + 4 + (sum % (BLOCK_SIZE - 4 - DIGEST_SIZE));
}

/** HMAC-SHA256 of the packet with the 32 bytes at `gap` left out. */
export function packetDigest(packet: Uint8Array, gap: number, key: Uint8Array): Uint8Array {
  return hmacSha256(key, packet.subarray(0, gap), packet.subarray(gap + DIGEST_SIZE));
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export interface FoundDigest {
  scheme: DigestScheme;
  position: number;
  digest: Uint8Array;
}

/**
 * The client digest of a C1 (1536 bytes, no C0), trying scheme 0 then scheme 1 with the Flash
 * Player key; undefined when neither validates (a simple-handshake client, or a broken one).
 */
export function findDigest(packet: Uint8Array, key: Uint8Array = FP_KEY_TEXT): FoundDigest | undefined {
  if (packet.length !== HANDSHAKE_SIZE) return undefined;
  for (const scheme of [0, 1] as const) {
    const position = digestPosition(packet, scheme);
    const digest = packet.subarray(position, position + DIGEST_SIZE);
    if (sameBytes(packetDigest(packet, position, key), digest)) return { scheme, position, digest };
  }
  return undefined;
}

/** Writes a valid digest into a 1536-byte packet under `scheme` (S1 with FMS_KEY_TEXT, test C1s with FP_KEY_TEXT). */
export function imprintDigest(packet: Uint8Array, scheme: DigestScheme, key: Uint8Array): number {
  const position = digestPosition(packet, scheme);
  packet.set(packetDigest(packet, position, key), position);
  return position;
}

/**
 * The last 32 bytes of S2 (or of a digest-handshake C2): HMAC-SHA256 of its first 1504 bytes, keyed
 * with HMAC-SHA256(full key of the signer, the peer's digest).
 */
export function responseSignature(response: Uint8Array, peerDigest: Uint8Array, fullKey: Uint8Array): Uint8Array {
  const key = hmacSha256(fullKey, peerDigest);
  return hmacSha256(key, response.subarray(0, HANDSHAKE_SIZE - DIGEST_SIZE));
}
