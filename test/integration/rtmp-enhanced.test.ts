/**
 * Enhanced RTMP from bytes built here (ffmpeg 5.1 cannot publish HEVC over FLV): connect with a
 * fourCcList, then HEVC (hvc1) and AV1 (av01) in ExVideoTagHeaders. The server's answers are read
 * back with the same RTMP parser (S0/S1/S2 then chunks have the shape of C0/C1/C2 then chunks).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { encodeAmf0 } from '../../media/formats/rtmp/amf0-writer.js';
import type { RtmpServer } from '../../electron/services/rtmp/rtmp-server.js';
import { amfGet } from '../../media/formats/amf/amf-value.js';
import type { RtmpCommand } from '../../media/formats/rtmp/command-message.js';
import { RtmpPushParser } from '../../media/formats/rtmp/rtmp-push-parser.js';
import { isoBmffFormat } from '../../media/formats/isobmff/iso-bmff-format.js';
import { BULK } from '../../media/model/types.js';
import { MemorySource } from '../../media/source/memory-source.js';
import { fixtureBytes } from '../helpers/fixtures.js';
import { chunked, handshaken, readBytes, recordSessions, startServer } from '../helpers/rtmp.js';

let server: RtmpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** The hvcC box body of the HEVC fixture (found by its type; the size precedes it). */
function hvcC(mp4: Uint8Array): Uint8Array {
  const at = Buffer.from(mp4).indexOf('hvcC') - 4;
  const size = new DataView(mp4.buffer, mp4.byteOffset + at).getUint32(0);
  return mp4.subarray(at + 8, at + size);
}

/** Commands the server sent, read with the RTMP parser after a fake C0/C1/C2-sized prefix. */
function serverCommands(reply: Uint8Array): RtmpCommand[] {
  const p = new RtmpPushParser(BULK);
  // handshaken() consumed S0/S1/S2: stand-ins of their size go first.
  const prefix = new Uint8Array(1 + 2 * 1536);
  prefix[0] = 3;
  const units = [...p.push(prefix), ...p.push(reply)];
  // The server announced chunk size 4096 before its _result; the parser applied it as it read.
  return units.flatMap((u) => (u.message?.command ? [u.message.command] : []));
}

describe('enhanced RTMP', () => {
  it('echoes the supported FourCCs and reads HEVC and AV1 through ExVideoTagHeaders', async () => {
    const s = await startServer();
    server = s.server;
    const sessions = recordSessions(server);
    const sock = await handshaken(s.port);
    const received: Uint8Array[] = [];
    sock.on('data', (d: Buffer) => received.push(new Uint8Array(d)));
    sock.write(chunked(3, 20, encodeAmf0('connect', 1, { app: 'live', tcUrl: `rtmp://127.0.0.1:${s.port}/live`, fourCcList: ['hvc1', 'av01', 'xyz9'] })));
    sock.write(chunked(3, 20, encodeAmf0('createStream', 2, null)));
    sock.write(chunked(3, 20, encodeAmf0('publish', 3, null, 'e-rtmp', 'live'), { streamId: 1 }));
    await readBytes(sock, 300, 1000);

    const mp4 = fixtureBytes('hevc.mp4');
    const doc = await isoBmffFormat.open(new MemorySource(mp4), BULK);
    const t = doc.packets;
    const timescale = doc.tracks[0]!.timescale;
    const video = (body: number[], ts: number): Uint8Array => chunked(6, 9, new Uint8Array(body), { streamId: 1, timestamp: ts, chunkSize: 128 });
    // ExVideoTagHeader: IsExHeader 1, FrameType 1 (key), PacketType 0 (SequenceStart), FourCC, then the record.
    sock.write(video([0x80 | (1 << 4) | 0, ...ascii('hvc1'), ...hvcC(mp4)], 0));
    const frames = 10;
    for (let i = 0; i < frames; i++) {
      const frame = mp4.subarray(t.offset[i]!, t.offset[i]! + t.size[i]!);
      const cts = Math.round(((t.pts[i]! - t.dts[i]!) * 1000) / timescale);
      const type = t.keyframe[i] ? 1 : 2;
      // PacketType 1 (CodedFrames): SI24 compositionTimeOffset, then the length-prefixed NAL units.
      sock.write(video([0x80 | (type << 4) | 1, ...ascii('hvc1'), (cts >>> 16) & 0xff, (cts >>> 8) & 0xff, cts & 0xff, ...frame], Math.round((t.dts[i]! * 1000) / timescale)));
    }
    // AV1 on the same stream: a sequence start (av1C: marker+version, profile/level, flags, no OBUs), one CodedFramesX (type 3).
    sock.write(video([0x80 | (1 << 4) | 0, ...ascii('av01'), 0x81, 0x00, 0x0c, 0x00], 400));
    sock.write(video([0x80 | (1 << 4) | 3, ...ascii('av01'), 0x12, 0x00, 0x0a, 0x0b, 0x00, 0x00, 0x00], 440));
    sock.write(chunked(3, 20, encodeAmf0('FCUnpublish', 4, null, 'e-rtmp')));
    await new Promise((resolve) => setTimeout(resolve, 300));
    sock.destroy();

    const replies = serverCommands(new Uint8Array(Buffer.concat(received)));
    const result = replies.find((c) => c.name === '_result' && c.transactionId === 1)!;
    const list = amfGet(result.object, 'fourCcList');
    expect(Array.isArray(list) ? list : []).toEqual(['hvc1', 'av01']);
    expect(replies.find((c) => c.name === 'onStatus')?.args[0]).toBeDefined();
    expect(amfGet(replies.find((c) => c.name === 'onStatus')!.args[0], 'code')).toBe('NetStream.Publish.Start');

    expect(sessions).toHaveLength(1);
    const { session, tags } = sessions[0]!;
    await sessions[0]!.ended;
    expect(session.configs.map((c) => c.config.codec)).toEqual(['hvc1', 'av01']);
    expect(session.configs[0]!.codecString).toMatch(/^hvc1\.1\.6\.L\d+/);
    const packets = tags.flatMap((x) => x.packets);
    expect(packets.filter((p) => p.codec === 'hvc1')).toHaveLength(frames);
    expect(packets.filter((p) => p.codec === 'av01')).toHaveLength(1);
    for (let i = 0; i < frames; i++) expect(packets[i]!.size).toBe(t.size[i]);
    const first = tags.find((x) => x.packets.length > 0)!;
    expect(Buffer.compare(first.body.subarray(8), mp4.subarray(t.offset[0]!, t.offset[0]! + t.size[0]!))).toBe(0);
  });
});
