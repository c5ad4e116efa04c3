/** The chunk stream, from hand-built chunks after a simple handshake (client bytes start at offset 3073). */
import { describe, expect, it } from 'vitest';
import type { RtmpMessageData } from '../../../../media/formats/rtmp/message-body.js';
import { RtmpPushParser, type RtmpUnit } from '../../../../media/formats/rtmp/rtmp-push-parser.js';
import { ascii, u16, u24, u32 } from '../../../helpers/bytes.js';

const HS = 1 + 1536 + 1536;
/** C0 (version 3), C1 and C2 of zeros: a simple-handshake client. */
const handshake = (): number[] => [3, ...new Array<number>(3072).fill(0)];

function parse(bytes: number[], pieces = 1): { units: RtmpUnit[]; parser: RtmpPushParser } {
  const parser = new RtmpPushParser();
  const all = new Uint8Array([...handshake(), ...bytes]);
  const units: RtmpUnit[] = [];
  const step = Math.ceil(all.length / pieces);
  for (let at = 0; at < all.length; at += step) units.push(...parser.push(all.subarray(at, at + step)));
  units.push(...parser.end());
  return { units: units.filter((u) => u.message), parser };
}
const messages = (units: RtmpUnit[]): RtmpMessageData[] => units.map((u) => u.message!);

/** AMF0 string. */
const str = (s: string): number[] => [0x02, ...u16(s.length), ...ascii(s)];
/** AMF0 number 1.0. */
const ONE = [0x00, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0];

describe('chunk headers', () => {
  it('reads a type-0 command split over two chunks, fields at their bytes across the chunk header', () => {
    // connect(1, {app: "<120 x's>"}): 3 + 7 + 9 + 1 + 2 + 3 + 3 + 120 + 3 = 151 bytes, over the 128-byte default chunk size.
    const payload = [...str('connect'), ...ONE, 0x03, ...u16(3), ...ascii('app'), ...str('x'.repeat(120)), 0x00, 0x00, 0x09];
    expect(payload.length).toBe(151);
    const bytes = [
      0x03, // fmt 0, cs id 3
      ...u24(0), // timestamp 0
      ...u24(151), // message length
      20, // message type id: AMF0 command
      0, 0, 0, 0, // message stream id 0 (little-endian)
      ...payload.slice(0, 128),
      0xc3, // fmt 3, cs id 3: continuation
      ...payload.slice(128),
    ];
    const { units } = parse(bytes);
    const m = units[0]!;
    expect(m.message!.command).toMatchObject({ name: 'connect', transactionId: 1 });
    expect(m.node).toMatchObject({ name: 'connect', start: HS, end: HS + bytes.length });
    expect(m.node.children.map((c) => [c.name, c.start, c.end])).toEqual([['chunk cs 3', HS, HS + 12], ['continuation chunk cs 3', HS + 12 + 128, HS + 12 + 129]]);
    // The app value starts at payload byte 28 and runs past the continuation header: its span includes the header byte.
    const app = m.node.fields.find((f) => f.name === 'command object')!.fields!.find((f) => f.name === 'app')!;
    const value = app.fields!.find((f) => f.name === 'value')!;
    expect(value.bitOffset / 8).toBe(HS + 12 + 28);
    expect(value.bitLength).toBe(121 * 8); // 120 own bytes and the 1-byte type-3 header
    expect(value.ownBits).toBe(120 * 8);
  });

  it('reads 2- and 3-byte basic headers', () => {
    const bytes = [
      0x00, 200, // fmt 0, cs id 0: 2-byte form, cs id = 64 + 200 = 264
      ...u24(5), ...u24(4), 3, ...u32(0), // timestamp 5, length 4, Acknowledgement, stream 0
      ...u32(1000), // sequence number
      0x01, 0x00, 0x01, // fmt 0, cs id 1: 3-byte form, cs id = 64 + 0 + 1 * 256 = 320
      ...u24(6), ...u24(4), 3, ...u32(0),
      ...u32(2000),
    ];
    const ms = messages(parse(bytes).units);
    expect(ms.map((m) => [m.csid, m.timestamp, m.control])).toEqual([
      [264, 5, { type: 'acknowledgement', sequence: 1000 }],
      [320, 6, { type: 'acknowledgement', sequence: 2000 }],
    ]);
  });

  it('adds type-1, type-2 and type-3 deltas; a type 3 after a type 0 repeats its timestamp as the delta', () => {
    const ack = (n: number): number[] => u32(n);
    const bytes = [
      0x04, ...u24(1000), ...u24(4), 3, ...u32(0), ...ack(1), // type 0 @ 1000
      0xc4, ...ack(2), // type 3: delta = 1000 -> 2000
      0x44, ...u24(40), ...u24(4), 3, ...ack(3), // type 1: delta 40 -> 2040
      0x84, ...u24(30), ...ack(4), // type 2: delta 30 -> 2070
      0xc4, ...ack(5), // type 3: same delta -> 2100
    ];
    expect(messages(parse(bytes).units).map((m) => m.timestamp)).toEqual([1000, 2000, 2040, 2070, 2100]);
  });
});

describe('extended timestamps', () => {
  // A 200-byte video message at 0x01000000 ms (2^24): the timestamp field says 0xFFFFFF, the extended timestamp follows.
  const video = new Array<number>(200).fill(0).map((_, i) => (i === 0 ? 0x17 : i & 0xff));
  const head = [0x06, 0xff, 0xff, 0xff, ...u24(200), 9, 1, 0, 0, 0, ...u32(0x01000000)];

  it('reads them when the client repeats them on type-3 chunks (as the spec says)', () => {
    const bytes = [...head, ...video.slice(0, 128), 0xc6, ...u32(0x01000000), ...video.slice(128)];
    const { units } = parse(bytes);
    const m = units[0]!;
    expect(m.message!.timestamp).toBe(0x01000000);
    expect([...m.message!.payload]).toEqual(video);
    expect(m.node.children[1]!.fields.find((f) => f.name === 'extended timestamp')?.bitOffset).toBe((HS + 16 + 128 + 1) * 8);
    expect(m.node.diagnostics.map((d) => d.code)).not.toContain('type3-extended-timestamp-omitted');
  });

  it('reads them when the client does not repeat them', () => {
    const bytes = [...head, ...video.slice(0, 128), 0xc6, ...video.slice(128)];
    const { units } = parse(bytes);
    expect(units[0]!.message!.timestamp).toBe(0x01000000);
    expect([...units[0]!.message!.payload]).toEqual(video);
    expect(units[0]!.node.diagnostics.map((d) => d.code)).toContain('type3-extended-timestamp-omitted');
  });
});

describe('protocol control', () => {
  it('applies Set Chunk Size to the chunks after it', () => {
    const payload = new Array<number>(300).fill(0xaf);
    const bytes = [
      0x02, ...u24(0), ...u24(4), 1, ...u32(0), ...u32(4096), // Set Chunk Size 4096
      0x04, ...u24(0), ...u24(300), 8, ...u32(0), ...payload, // one 300-byte chunk
    ];
    const { units, parser } = parse(bytes);
    expect(parser.chunkSize).toBe(4096);
    expect(units[1]!.message!.payload.length).toBe(300);
    expect(units[1]!.node.children.filter((c) => c.kind === 'chunk')).toHaveLength(1);
  });

  it.each([0, 1, 127, 65537, 0x7fffffff])('refuses Set Chunk Size %i and stops reading', (size) => {
    const bytes = [0x02, ...u24(0), ...u24(4), 1, ...u32(0), ...u32(size), 0x03, 1, 2, 3];
    const { units, parser } = parse(bytes);
    expect(parser.failure?.code).toBe('chunk-size-out-of-range');
    expect(units[0]!.node.diagnostics.map((d) => d.code)).toEqual(['chunk-size-out-of-range']);
  });

  it('drops a partial message on Abort', () => {
    const bytes = [
      0x05, ...u24(0), ...u24(200), 20, ...u32(0), ...new Array<number>(128).fill(1), // cs 5: 128 of 200 bytes
      0x02, ...u24(0), ...u24(4), 2, ...u32(0), ...u32(5), // Abort Message: chunk stream 5
      0x05, ...u24(0), ...u24(4), 3, ...u32(0), ...u32(9), // cs 5 starts anew: Acknowledgement
    ];
    const ms = messages(parse(bytes).units);
    expect(ms.map((m) => m.control?.type)).toEqual(['abort', 'acknowledgement']);
  });

  it('reads interleaved chunk streams, and the same whatever the chunking', () => {
    const audio = new Array<number>(200).fill(0).map((_, i) => (i === 0 ? 0xaf : i & 0xff));
    const bytes = [
      0x04, ...u24(10), ...u24(200), 8, ...u32(1), ...audio.slice(0, 128), // audio, first chunk
      0x06, ...u24(20), ...u24(3), 9, ...u32(1), 0x17, 0x02, 0x00, // a whole video message in between
      0xc4, ...audio.slice(128), // audio continues
    ];
    const whole = parse(bytes);
    expect(messages(whole.units).map((m) => [m.typeId, m.timestamp, m.payload.length])).toEqual([[9, 20, 3], [8, 10, 200]]);
    const audioNode = whole.units[1]!.node;
    expect(audioNode.start).toBe(HS);
    expect(audioNode.children.map((c) => c.start)).toEqual([HS, HS + 12 + 128 + 15, HS + 12]); // chunk headers, then the FLV tag
    for (const pieces of [7, 100, HS + bytes.length]) {
      expect(JSON.stringify(parse(bytes, pieces).units.map((u) => u.node))).toBe(JSON.stringify(whole.units.map((u) => u.node)));
    }
  });
});

describe('limits', () => {
  it('refuses a media message declared over 8 MiB and a command over 1 MiB', () => {
    expect(parse([0x06, ...u24(0), ...u24(8 * 1024 * 1024 + 1), 9, ...u32(1)]).parser.failure?.code).toBe('message-too-large');
    expect(parse([0x06, ...u24(0), ...u24(8 * 1024 * 1024), 9, ...u32(1)]).parser.failure).toBeUndefined();
    expect(parse([0x03, ...u24(0), ...u24(1024 * 1024 + 1), 20, ...u32(0)]).parser.failure?.code).toBe('message-too-large');
  });

  it('refuses a 33rd chunk stream with a message in progress', () => {
    const bytes: number[] = [];
    for (let cs = 3; cs < 3 + 33; cs++) bytes.push(cs, ...u24(0), ...u24(1000), 9, ...u32(1), ...new Array<number>(128).fill(0));
    const { parser } = parse(bytes);
    expect(parser.failure?.code).toBe('too-many-messages-in-progress');
    expect(parser.failure?.start).toBe(HS + 32 * 140);
  });

  it('refuses a chunk stream that starts without a length', () => {
    expect(parse([0x83, ...u24(0)]).parser.failure?.code).toBe('chunk-stream-without-header');
  });
});

describe('bytes held', () => {
  it('refuses partial messages holding more than 16 MiB at once', () => {
    const parser = new RtmpPushParser();
    parser.push(new Uint8Array(handshake()));
    parser.push(new Uint8Array([0x02, ...u24(0), ...u24(4), 1, ...u32(0), ...u32(65536)])); // Set Chunk Size 65536
    const body = new Uint8Array(65536);
    for (const cs of [4, 6, 8]) {
      // 8 MiB declared on each of three streams, 127 chunks of 64 KiB sent (one short of whole): two fit, the third does not.
      for (let i = 0; i < 127 && !parser.failure; i++) {
        parser.push(new Uint8Array(i === 0 ? [cs, ...u24(0), ...u24(8 * 1024 * 1024), 9, ...u32(1)] : [0xc0 | cs]));
        parser.push(body);
      }
    }
    expect(parser.failure?.code).toBe('too-many-bytes-in-progress');
    expect(parser.offset).toBeGreaterThan(HS + 2 * 127 * 65536);
  });
});

describe('random bytes', () => {
  it('never throw, and give the same nodes whatever the chunking', () => {
    let x = 12345;
    const rnd = (): number => (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    for (let seed = 0; seed < 200; seed++) {
      // Mostly small chunk stream ids and fmt values, so headers chain into real messages.
      const bytes = Array.from({ length: 2048 }, (_, i) => (i % 16 === 0 ? rnd() & 0xc7 : rnd()));
      const whole = parse(bytes);
      const pieces = parse(bytes, 1 + (seed % 50));
      expect(JSON.stringify(pieces.units.map((u) => u.node))).toBe(JSON.stringify(whole.units.map((u) => u.node)));
    }
  });
});
