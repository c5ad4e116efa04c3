// The live worker's reading of RTMP units: frames whose bytes are split by chunk headers (every frame over
// the default 128-byte chunk size) open into their NAL units, each field at its bytes in the session stream.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../../media/bits/concat-bytes.js';
import { RtmpPushParser } from '../../../media/formats/rtmp/rtmp-push-parser.js';
import type { Field, ParseOptions } from '../../../media/model/types.js';
import { LiveUnitReader } from '../../../renderer/src/lib/live/live-units.js';
import { fixture } from '../../helpers/fixtures.js';
import { chunked } from '../../helpers/rtmp.js';

const OPTIONS: ParseOptions = { record: true, maxEntries: 2000 };

/** Video tag bodies of avc-aac.flv, in file order (the AVC sequence header first). */
function videoBodies(count: number): Uint8Array[] {
  const f = new Uint8Array(readFileSync(fixture('avc-aac.flv')));
  const out: Uint8Array[] = [];
  for (let at = 13; at + 11 <= f.length && out.length < count; ) {
    const size = (f[at + 1]! << 16) | (f[at + 2]! << 8) | f[at + 3]!;
    if (f[at] === 9) out.push(f.subarray(at + 11, at + 11 + size));
    at += 11 + size + 4;
  }
  return out;
}

/** A client stream: stand-ins for C0/C1/C2, then each body as a video message in 128-byte chunks. */
function session(bodies: Uint8Array[]): Uint8Array {
  const handshake = new Uint8Array(1 + 2 * 1536);
  handshake[0] = 3;
  return concatBytes(handshake, ...bodies.map((b, i) => chunked(6, 9, b, { streamId: 1, timestamp: i * 40 })));
}

function* fieldsOf(list: readonly Field[]): Generator<Field> {
  for (const f of list) {
    yield f;
    if (f.fields) yield* fieldsOf(f.fields);
  }
}

describe('LiveUnitReader', () => {
  it('opens a key frame split over 42 chunks into its NAL units, at their bytes in the session', () => {
    const [header, key] = videoBodies(2) as [Uint8Array, Uint8Array];
    const stream = session([header, key]);
    const parser = new RtmpPushParser(OPTIONS);
    const reader = new LiveUnitReader(OPTIONS);
    const out = reader.take([...parser.push(stream), ...parser.end()], false);
    const messages = out.nodes.filter((n) => n.kind === 'message');
    const tag = messages[1]!.children.find((c) => c.kind === 'tag')!;
    const units = tag.children;
    expect(units.map((u) => u.name)).toEqual(['SEI', 'IDR']);
    // Payload byte p of the message is at session byte start + 12 (type-0 header) + p + one type-3 header per 128 bytes before it.
    const sessionByte = (p: number): number => messages[1]!.start + 12 + p + Math.floor(p / 128);
    let p = 5; // after FrameType/CodecID, AVCPacketType and CompositionTime
    for (const unit of units) {
      const length = unit.fields.find((f) => f.name === 'NALUnitLength')!;
      expect(length.bitOffset / 8).toBe(sessionByte(p));
      expect(unit.start).toBe(sessionByte(p));
      const size = length.value as number;
      expect(unit.end).toBe(sessionByte(p + 4 + size - 1) + 1);
      p += 4 + size;
    }
    expect(p).toBe(key.length);
    // The IDR slice spans chunk headers: its fields that straddle one say how much of their span is theirs.
    const idr = units[1]!;
    const split = [...fieldsOf(idr.fields)].filter((f) => f.ownBits !== undefined && f.ownBits < f.bitLength);
    expect(split.length).toBeGreaterThan(0);
    // first_mb_in_slice sits right after the NAL header: its byte in the session is the payload's.
    const first = [...fieldsOf(idr.fields)].find((f) => f.name === 'first_mb_in_slice')!;
    expect(first.value).toBe(0);
    expect(reader.infos[0]).toMatchObject({ kind: 'video', codec: 'avc1.42C00D', samples: 1, keyframes: 1 });
  });
});
