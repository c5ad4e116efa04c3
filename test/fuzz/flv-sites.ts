import { type Site, field, u16At, u24At, u32At } from './sites.js';

/**
 * FLV (Adobe FLV 10.1 Annex E): the header's DataOffset, each tag's DataSize and PreviousTagSize, the
 * AVC/HEVC configuration counts, and inside script tags every AMF0 length and array count.
 */
export function flvSites(b: Uint8Array): Site[] {
  const sites: Site[] = [];
  if (b.length < 13) return sites;
  sites.push(field('DataOffset', 5, 32, [0, 1, 8, 9, 0xffffffff]));
  let at = u32At(b, 5) + 4;
  for (let tags = 0; at + 11 <= b.length && tags < 5000; tags++) {
    const type = b[at]! & 0x1f;
    const size = u24At(b, at + 1);
    sites.push(field(`tag@${at} DataSize`, at + 1, 24));
    sites.push(field(`tag@${at} PreviousTagSize`, at - 4, 32));
    const body = at + 11;
    if (type === 18) amf0Sites(b, body, Math.min(b.length, body + size), sites, 0);
    if (type === 9 && b[body + 1] === 0 && size > 11) {
      // AVCDecoderConfigurationRecord after FrameType/CodecID, AVCPacketType and CompositionTime.
      sites.push(field(`avcC@${body + 5} numOfSequenceParameterSets`, body + 10, 5, [0, 1, 31], 3));
      sites.push(field(`avcC@${body + 5} sequenceParameterSetLength`, body + 11, 16));
    }
    at = body + size + 4;
  }
  return sites;
}

/** AMF0 values from `at` (ECMA array, object, strict array, strings), their lengths and counts as sites; returns the end. */
function amf0Sites(b: Uint8Array, at: number, end: number, sites: Site[], depth: number): number {
  if (at >= end || depth > 8 || sites.length > 20_000) return end;
  const marker = b[at]!;
  const p = at + 1;
  switch (marker) {
    case 0: return p + 8;
    case 1: return p + 1;
    case 2:
      sites.push(field(`amf0@${p} string length`, p, 16));
      return p + 2 + u16At(b, p);
    case 12:
      sites.push(field(`amf0@${p} long string length`, p, 32));
      return p + 4 + u32At(b, p);
    case 3:
      return amf0Properties(b, p, end, sites, depth);
    case 8:
      sites.push(field(`amf0@${p} ECMA array count`, p, 32));
      return amf0Properties(b, p + 4, end, sites, depth);
    case 10: {
      sites.push(field(`amf0@${p} strict array count`, p, 32));
      let q = p + 4;
      const n = Math.min(u32At(b, p), 1000);
      for (let i = 0; i < n && q < end; i++) q = amf0Sites(b, q, end, sites, depth + 1);
      return q;
    }
    case 11: return p + 10;
    default: return end;
  }
}

function amf0Properties(b: Uint8Array, at: number, end: number, sites: Site[], depth: number): number {
  let q = at;
  while (q + 3 <= end && sites.length < 20_000) {
    const nameLength = u16At(b, q);
    if (nameLength === 0 && b[q + 2] === 9) return q + 3;
    sites.push(field(`amf0@${q} property name length`, q, 16));
    q = amf0Sites(b, q + 2 + nameLength, end, sites, depth + 1);
  }
  return end;
}

