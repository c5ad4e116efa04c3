/**
 * The client's handshake packets as nodes (RTMP spec 5.2): C0 (version), C1 (time, zero or
 * Flash version, random data, with the digest blocks when the client sent a digest), C2 (the echo
 * of S1). The server's packets are not in the client's byte stream, so C2 is shown, not checked.
 */
import { FieldReader } from '../../model/field-reader.js';
import { type Node, type ParseOptions, diagnostic, newNode } from '../../model/types.js';
import { BLOCK_SIZE, DIGEST_SIZE, type DigestScheme, type FoundDigest, digestBlockStart, findDigest } from './handshake-digest.js';
import { HANDSHAKE_SIZE } from './rtmp-tables.js';

/** What the server needs from C0 and C1 to answer (kept on the nodes' `data`). */
export interface HandshakeData {
  packet: 'C0' | 'C1' | 'C2';
  version?: number;
  /** C1 time, and the 1536 bytes the server echoes in S2 (simple) or signs (digest). */
  time?: number;
  /** The C1 bytes (a view, not a copy). */
  bytes?: Uint8Array;
  /** The client digest when C1 carries a valid one. */
  digest?: FoundDigest;
}

const flashVersion = (v: number): string =>
  v === 0 ? 'zero: simple handshake' : `${v >>> 24}.${(v >>> 16) & 0xff}.${(v >>> 8) & 0xff}.${v & 0xff} (client version: digest handshake expected)`;

export function readC0(bytes: Uint8Array, start: number, options: ParseOptions): Node {
  const node = newNode('header', 'C0', start, start + 1, 'handshake C0: RTMP version');
  const r = FieldReader.at(bytes, start, options);
  r.fields = node.fields;
  const version = r.u8('version', (v) => (v === 3 ? 'RTMP 3 (plain)' : v === 6 || v === 8 || v === 9 ? 'RTMPE (encrypted): not supported' : 'not an RTMP version'));
  if (version !== 3) node.diagnostics.push(diagnostic('error', 'rtmp-version-unsupported', `C0 asks for version ${version}; only 3 (plain RTMP) is spoken`, start, start + 1));
  node.data = { packet: 'C0', version } satisfies HandshakeData;
  return node;
}

export function readC1(bytes: Uint8Array, start: number, options: ParseOptions): Node {
  const node = newNode('header', 'C1', start, start + HANDSHAKE_SIZE, 'handshake C1');
  const r = FieldReader.at(bytes, start, options);
  r.fields = node.fields;
  const time = r.u32('time', (v) => `${v} ms (client epoch)`);
  const version = r.u32('zero', flashVersion);
  const digest = version === 0 ? undefined : findDigest(bytes);
  if (r.last) r.last.name = version === 0 ? 'zero' : 'version';
  if (digest) {
    node.title = `handshake C1 (digest, scheme ${digest.scheme})`;
    if (digest.scheme === 0) {
      readDigestBlock(r, digest);
      r.bytes(BLOCK_SIZE, 'key-block', '764 bytes: random data around a 128-byte public key (used by RTMPE only)');
    } else {
      r.bytes(BLOCK_SIZE, 'key-block', '764 bytes: random data around a 128-byte public key (used by RTMPE only)');
      readDigestBlock(r, digest);
    }
  } else {
    r.bytes(HANDSHAKE_SIZE - 8, 'random', 'random bytes the server echoes in S2');
    if (version !== 0) {
      node.diagnostics.push(diagnostic('info', 'handshake-no-client-digest', 'C1 names a client version but holds no valid digest under either scheme: answered with the simple handshake', start + 4, start + 8));
    }
  }
  node.data = { packet: 'C1', time, bytes, ...(digest ? { digest } : {}) } satisfies HandshakeData;
  return node;
}

function readDigestBlock(r: FieldReader, digest: FoundDigest): void {
  const scheme: DigestScheme = digest.scheme;
  const block = digestBlockStart(scheme);
  const before = digest.position - block - 4;
  r.group('digest-block', () => {
    r.bytes(4, 'digest-offset', `sum of these bytes % 728 = ${before}: the digest is at byte ${digest.position} of C1`);
    if (before > 0) r.bytes(before, 'random');
    r.bytes(DIGEST_SIZE, 'digest', 'HMAC-SHA256 of C1 without these 32 bytes, key "Genuine Adobe Flash Player 001": valid');
    const after = BLOCK_SIZE - 4 - before - DIGEST_SIZE;
    if (after > 0) r.bytes(after, 'random');
  }, () => `scheme ${scheme}`);
}

export function readC2(bytes: Uint8Array, start: number, options: ParseOptions): Node {
  const node = newNode('header', 'C2', start, start + HANDSHAKE_SIZE, 'handshake C2: the echo of S1');
  const r = FieldReader.at(bytes, start, options);
  r.fields = node.fields;
  r.u32('time', (v) => `${v} ms (S1's time, echoed)`);
  r.u32('time2', (v) => `${v} ms (when the client read S1)`);
  r.bytes(HANDSHAKE_SIZE - 8, 'random-echo', 'S1\'s random bytes (a digest client may sign the last 32 instead)');
  node.data = { packet: 'C2' } satisfies HandshakeData;
  return node;
}
