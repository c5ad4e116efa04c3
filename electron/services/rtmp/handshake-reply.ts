/**
 * The server's S0+S1+S2. Simple handshake: S1 is time, zero and random bytes, S2 echoes C1. Digest
 * handshake (C1 holds a valid client digest): S1 carries a server digest made with the Flash Media
 * Server key under the client's scheme, and S2 ends with a signature keyed by the client's digest.
 */
import { randomBytes } from 'node:crypto';
import { FMS_KEY, FMS_KEY_TEXT, imprintDigest, responseSignature } from '../../../media/formats/rtmp/handshake-digest.js';
import type { HandshakeData } from '../../../media/formats/rtmp/handshake.js';
import { HANDSHAKE_SIZE } from '../../../media/formats/rtmp/rtmp-tables.js';

/** What S1 says the server is (FMS 5.0.3.1, the version servers commonly announce). */
const SERVER_VERSION = [5, 0, 3, 1];

export function handshakeReply(c1: HandshakeData, uptimeMs: number): Uint8Array {
  const out = new Uint8Array(1 + 2 * HANDSHAKE_SIZE);
  out[0] = 3; // S0: RTMP version 3
  const s1 = out.subarray(1, 1 + HANDSHAKE_SIZE);
  const s2 = out.subarray(1 + HANDSHAKE_SIZE);
  s1.set(randomBytes(HANDSHAKE_SIZE));
  new DataView(s1.buffer, s1.byteOffset).setUint32(0, uptimeMs >>> 0);
  const client = c1.bytes!;
  if (c1.digest) {
    s1.set(SERVER_VERSION, 4);
    imprintDigest(s1, c1.digest.scheme, FMS_KEY_TEXT);
    s2.set(randomBytes(HANDSHAKE_SIZE));
    s2.set(responseSignature(s2, c1.digest.digest, FMS_KEY), HANDSHAKE_SIZE - 32);
  } else {
    s1.fill(0, 4, 8);
    s2.set(client);
  }
  return out;
}
