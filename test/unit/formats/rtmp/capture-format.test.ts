/** The .rtmpcap file: header box, client bytes, optional index box; a crash-cut capture still opens. */
import { describe, expect, it } from 'vitest';
import { encodeCaptureHeader, encodeCaptureIndex, looksLikeCapture } from '../../../../media/formats/rtmp/capture-file.js';
import { rtmpCaptureFormat } from '../../../../media/formats/rtmp/capture-format.js';
import { ANNOTATE } from '../../../../media/model/types.js';
import { MemorySource } from '../../../../media/source/memory-source.js';
import { ascii, u24, u32 } from '../../../helpers/bytes.js';

/** A simple handshake, then one AAC audio message (4 bytes: AAC raw, 2 bytes of frame). */
const stream = [
  3, ...new Array<number>(3072).fill(0), // C0, C1, C2
  0x04, ...u24(40), ...u24(4), 8, 1, 0, 0, 0, // fmt 0, cs 4, timestamp 40, length 4, audio, stream 1
  0xaf, 0x01, 0x21, 0x10, // SoundFormat 10 (AAC), 44 kHz, 16-bit, stereo; AACPacketType 1 (raw); 2 bytes of frame
];

function file(withIndex: boolean): Uint8Array {
  const header = encodeCaptureHeader({ startTime: '2025-01-01T00:00:00.000Z', remoteAddress: '127.0.0.1' });
  const index = withIndex ? encodeCaptureIndex({ endTime: '2025-01-01T00:00:01.000Z', app: 'live', stream: 'x', arrivals: [[0, 0]] }, stream.length) : new Uint8Array(0);
  return new Uint8Array([...header, ...stream, ...index]);
}

describe('capture files', () => {
  it('writes a BLRC header box: size, type, version 1, flags, JSON', () => {
    const h = encodeCaptureHeader({ startTime: 't' });
    const json = ascii('{"startTime":"t"}');
    expect([...h]).toEqual([...u32(12 + json.length), ...ascii('BLRC'), 1, 0, 0, 0, ...json]);
    expect(looksLikeCapture(h)).toBe(true);
    expect(looksLikeCapture(new Uint8Array([0, 0, 0, 12, ...ascii('BLRX'), 1, 0, 0, 0]))).toBe(false);
  });

  it('opens with the header, the RTMP layer, the packets and the index', async () => {
    const bytes = file(true);
    const headerSize = bytes.length - stream.length - encodeCaptureIndex({ endTime: '2025-01-01T00:00:01.000Z', app: 'live', stream: 'x', arrivals: [[0, 0]] }, 0).length;
    const doc = await rtmpCaptureFormat.open(new MemorySource(bytes), ANNOTATE);
    expect(doc.diagnostics).toEqual([]);
    expect(doc.tree.map((n) => n.name)).toEqual(['BLRC', 'C0', 'C1', 'C2', 'audio', 'BLRI']);
    expect(doc.tree[1]!.start).toBe(headerSize);
    const index = doc.tree[5]!;
    expect(index.fields.find((f) => f.name === 'stream-length')?.value).toBe(stream.length);
    expect(index.fields.find((f) => f.name === 'metadata')?.fields?.map((f) => [f.name, f.value])).toEqual([['endTime', '2025-01-01T00:00:01.000Z'], ['app', 'live'], ['stream', 'x'], ['arrivals', 1]]);
    expect(doc.packets.count).toBe(1);
    // The packet's payload starts after the 12-byte chunk header and the 2 bytes of audio tag header.
    expect([doc.packets.dts[0], doc.packets.offset[0], doc.packets.size[0]]).toEqual([40, headerSize + 3073 + 12 + 2, 2]);
    expect(doc.tracks[0]).toMatchObject({ kind: 'audio', codecName: 'aac', timescale: 1000 });
  });

  it('opens a capture cut short by a crash: no index, every byte after the header is client data', async () => {
    const bytes = file(false);
    const doc = await rtmpCaptureFormat.open(new MemorySource(bytes.subarray(0, bytes.length - 2)), ANNOTATE);
    expect(doc.tree.map((n) => n.name)).toEqual(['BLRC', 'C0', 'C1', 'C2', 'partial']);
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['capture-without-index']);
    expect(doc.packets.count).toBe(0);
  });

  it('reports metadata that is not JSON', async () => {
    const bytes = file(false);
    bytes[12] = 0x7b; // '{' stays
    bytes[13] = 0x21; // '!' is not JSON
    const doc = await rtmpCaptureFormat.open(new MemorySource(bytes), ANNOTATE);
    expect(doc.tree[0]!.diagnostics.map((d) => d.code)).toEqual(['capture-metadata-invalid']);
    expect(doc.packets.count).toBe(1);
  });
});
