import { describe, expect, it } from 'vitest';
import {
  FMS_KEY, FMS_KEY_TEXT, FP_KEY_TEXT, digestPosition, findDigest, imprintDigest, packetDigest, responseSignature,
} from '../../../../media/formats/rtmp/handshake-digest.js';
import { RtmpPushParser } from '../../../../media/formats/rtmp/rtmp-push-parser.js';
import { hmacSha256, sha256 } from '../../../../media/formats/rtmp/sha256.js';
import { createHash, createHmac } from 'node:crypto';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** A C1 of pseudo-random bytes with time 0 and Flash version 9.0.124.2 (as ffmpeg sends). */
function c1(seed: number): Uint8Array {
  const b = new Uint8Array(1536);
  let x = seed;
  for (let i = 8; i < 1536; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  b.set([9, 0, 124, 2], 4); // version
  return b;
}

describe('SHA-256 and HMAC', () => {
  it('match FIPS 180-4 vectors and Node crypto', () => {
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (const n of [0, 55, 56, 63, 64, 65, 1504, 1536]) {
      const data = new Uint8Array(n).map((_, i) => i * 7);
      expect(hex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
      expect(hex(hmacSha256(FMS_KEY, data))).toBe(createHmac('sha256', FMS_KEY).update(data).digest('hex'));
    }
  });
});

describe('digest handshake', () => {
  it('finds a client digest under scheme 0 and scheme 1', () => {
    for (const scheme of [0, 1] as const) {
      const packet = c1(scheme + 1);
      const position = imprintDigest(packet, scheme, FP_KEY_TEXT);
      // The position: sum of the 4 offset bytes % 728, after the offset bytes of the digest block.
      const block = scheme === 0 ? 8 : 772;
      const sum = packet[block]! + packet[block + 1]! + packet[block + 2]! + packet[block + 3]!;
      expect(position).toBe(block + 4 + (sum % 728));
      expect(findDigest(packet)).toMatchObject({ scheme, position });
    }
  });

  it('finds no digest in a simple or tampered C1', () => {
    const packet = c1(3);
    imprintDigest(packet, 0, FP_KEY_TEXT);
    packet[1000] = packet[1000]! ^ 1;
    expect(findDigest(packet)).toBeUndefined();
  });

  it('signs S1 with the FMS key and S2 with a key derived from the client digest', () => {
    const s1 = c1(4);
    const pos = imprintDigest(s1, 1, FMS_KEY_TEXT);
    expect(digestPosition(s1, 1)).toBe(pos);
    expect(hex(s1.subarray(pos, pos + 32))).toBe(hex(packetDigest(s1, pos, FMS_KEY_TEXT)));
    const clientDigest = new Uint8Array(32).fill(7);
    const s2 = c1(5);
    const sig = responseSignature(s2, clientDigest, FMS_KEY);
    const key = createHmac('sha256', FMS_KEY).update(clientDigest).digest();
    expect(hex(sig)).toBe(createHmac('sha256', key).update(s2.subarray(0, 1504)).digest('hex'));
  });

  it('annotates C0, C1 (with its digest block) and C2 at their offsets', () => {
    const packet = c1(6);
    const position = imprintDigest(packet, 0, FP_KEY_TEXT);
    const p = new RtmpPushParser();
    const units = [
      ...p.push(new Uint8Array([3])), // C0: version 3
      ...p.push(packet), // C1
      ...p.push(new Uint8Array(1536)), // C2
    ];
    expect(units.map((u) => [u.node.name, u.node.start, u.node.end])).toEqual([['C0', 0, 1], ['C1', 1, 1537], ['C2', 1537, 3073]]);
    const c1Node = units[1]!.node;
    expect(c1Node.title).toBe('handshake C1 (digest, scheme 0)');
    const block = c1Node.fields.find((f) => f.name === 'digest-block')!;
    const digest = block.fields!.find((f) => f.name === 'digest')!;
    expect(digest.bitOffset / 8).toBe(1 + position); // C1 starts after C0
    expect(units[1]!.handshake?.digest?.position).toBe(position);
    expect(p.phase).toBe('chunks');
  });

  it('stops at a C0 that is not version 3', () => {
    const p = new RtmpPushParser();
    const units = p.push(new Uint8Array([6, 1, 2, 3])); // 6: RTMPE
    expect(p.failure?.code).toBe('rtmp-version-unsupported');
    expect(units.map((u) => u.node.name)).toEqual(['C0', 'refused']);
    expect(p.end().map((u) => [u.node.name, u.node.start, u.node.end])).toEqual([['unread', 1, 4]]);
  });
});
