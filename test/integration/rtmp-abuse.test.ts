/**
 * Hostile clients on loopback: each bad connection closes alone, the server keeps running with
 * bounded memory, and a real ffmpeg publish works right after.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAmf0 } from '../../media/formats/rtmp/amf0-writer.js';
import type { RtmpServer } from '../../electron/services/rtmp/rtmp-server.js';
import { fixture } from '../helpers/fixtures.js';
import { chunked, closedWithin, handshaken, publish, rawSocket, readBytes, recordSessions, startServer } from '../helpers/rtmp.js';

let server: RtmpServer;
let port: number;
const closed: string[] = [];

beforeAll(async () => {
  ({ server, port } = await startServer({ handshakeTimeoutMs: 1000 }));
  server.on('connection-closed', (_c, reason) => closed.push(reason));
});
afterAll(() => server.close());

const u32 = (v: number): Uint8Array => new Uint8Array([v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]);

async function expectClosed(bytes: Uint8Array, reason: RegExp): Promise<void> {
  const s = await handshaken(port);
  const before = closed.length;
  s.write(bytes);
  expect(await closedWithin(s, 3000)).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(closed.slice(before).join('; ')).toMatch(reason);
}

describe('RTMP server under abuse', () => {
  it('closes a connection with a garbage handshake', async () => {
    const s = await rawSocket(port);
    const garbage = randomBytes(3073);
    garbage[0] = 0x99; // not version 3
    s.write(garbage);
    expect(await closedWithin(s, 3000)).toBe(true);
  });

  it('closes a connection that never finishes the handshake', async () => {
    const s = await rawSocket(port);
    s.write(new Uint8Array([3, 0, 0])); // C0 and 2 bytes of C1, then nothing
    expect(await closedWithin(s, 3000)).toBe(true);
  });

  it.each([0, 1, 2 ** 31 - 1])('closes a connection that sets chunk size %i', async (size) => {
    await expectClosed(chunked(2, 1, u32(size)), /chunk size|Chunk Size/i);
  });

  it('closes a connection whose chunk streams declare 16 MiB messages', async () => {
    const bytes: number[] = [];
    for (let i = 0; i < 1000; i++) {
      bytes.push(
        0x00, i & 0xff, // fmt 0, 2-byte basic header: cs id = 64 + i (low byte)
        0, 0, 0, // timestamp
        0xff, 0xff, 0xff, // message length 16 MiB - 1
        9, // video
        1, 0, 0, 0, // stream id 1
        ...new Uint8Array(128),
      );
    }
    await expectClosed(new Uint8Array(bytes), /over the 8388608-byte limit/);
  });

  it('closes a connection with more than 32 messages in progress', async () => {
    const bytes: number[] = [];
    for (let i = 0; i < 1000; i++) {
      bytes.push(0x01, i & 0xff, (i >>> 8) & 0xff, 0, 0, 0, 0x80, 0x00, 0x00, 9, 1, 0, 0, 0, ...new Uint8Array(128)); // 3-byte basic header, 8 MiB declared
    }
    await expectClosed(new Uint8Array(bytes), /more than 32 chunk streams/);
  });

  it('closes a connection that sends an oversized command', async () => {
    await expectClosed(chunked(3, 20, new Uint8Array(256), { declaredLength: 2 * 1024 * 1024 }), /over the 1048576-byte limit/);
  });

  it('answers a connect with an invalid tcUrl, and ignores a null command', async () => {
    const s = await handshaken(port);
    s.write(chunked(3, 20, encodeAmf0('connect', 1, { app: 'live', tcUrl: 12345, flashVer: null })));
    const reply = await readBytes(s, 100, 2000);
    expect(Buffer.from(reply).includes('NetConnection.Connect.Success')).toBe(true);
    s.write(chunked(3, 20, encodeAmf0(null, 2, null)));
    s.write(chunked(3, 20, encodeAmf0('connect', 3, { app: 'x'.repeat(70000) })));
    s.write(chunked(3, 20, encodeAmf0('createStream', 4, null)));
    const more = await readBytes(s, 30, 2000);
    expect(Buffer.from(more).includes('_result')).toBe(true);
    expect(s.destroyed).toBe(false);
    s.destroy();
  });

  it('survives random bytes after the handshake', async () => {
    for (let i = 0; i < 20; i++) {
      const s = await handshaken(port);
      s.write(randomBytes(64 * 1024));
      await closedWithin(s, 200);
      s.destroy();
    }
  });

  it('keeps memory bounded, and a real publish works after all that', async () => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    for (let round = 0; round < 5; round++) {
      const sockets = await Promise.all(Array.from({ length: 8 }, () => handshaken(port)));
      for (const s of sockets) {
        // 32 messages of 8 MiB declared, each with a few chunks received: the most one connection may hold.
        const bytes: number[] = [];
        for (let i = 0; i < 32; i++) bytes.push(0x00, i, 0, 0, 0, 0x7f, 0xff, 0xff, 9, 1, 0, 0, 0, ...new Uint8Array(128));
        s.write(new Uint8Array(bytes));
        s.write(randomBytes(256 * 1024));
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (const s of sockets) s.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const grown = (process.memoryUsage().rss - before) / 1024 / 1024;
    expect(grown).toBeLessThan(64);
    expect(server.connectionCount).toBe(0);

    const sessions = recordSessions(server);
    const r = await publish(fixture('avc-aac.flv'), `rtmp://127.0.0.1:${port}/live/after`);
    expect(r.code).toBe(0);
    expect(sessions).toHaveLength(1);
    await sessions[0]!.ended;
    expect(sessions[0]!.tags.flatMap((t) => t.packets).filter((p) => p.kind === 'video')).toHaveLength(75);
  });
});
