/**
 * Connection floods from the publisher's own address (loopback: every local client is 127.0.0.1):
 * while raw TCP sockets, with or without a handshake, reconnect as fast as the server closes them,
 * a keyed ffmpeg publish still gets in and is recorded packet for packet. Each refusal is logged
 * with the peer's address and port.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Recorder } from '../../electron/services/recorder/recorder.js';
import type { SessionRecorder } from '../../electron/services/recorder/session-recorder.js';
import { RtmpServer } from '../../electron/services/rtmp/rtmp-server.js';
import { fixture } from '../helpers/fixtures.js';
import { type Frame, files, framemd5, perStream, referenceFlv, tempDir } from '../helpers/record.js';
import type { Socket } from 'node:net';
import { encodeAmf0 } from '../../media/formats/rtmp/amf0-writer.js';
import { chunked, closedWithin, handshaken, publish, rawSocket } from '../helpers/rtmp.js';
import { type Opener, attack, handshakeOnly, refusals, silent } from '../helpers/rtmp-attack.js';

const KEY = 'k3y-flood';
let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const strip = (frames: Frame[]): Array<[number, number, number, string]> => frames.map((f) => [f.dts, f.pts, f.size, f.md5]);

async function recordingServer(dir: string) {
  const server = new RtmpServer({ port: 0, key: KEY, prePublishDeadlineMs: 1500 });
  const finished: SessionRecorder[] = [];
  let done: () => void = () => undefined;
  const oneFinished = new Promise<void>((resolve) => (done = resolve));
  const recorder = new Recorder(server, dir, {}, { finished: (r) => (finished.push(r), done()) });
  const { port } = await server.listen();
  cleanup.push(() => recorder.stop(), () => server.close());
  return { server, port, finished, oneFinished };
}

describe('a connection flood', () => {
  it.each<[string, Opener]>([
    ['silent sockets', silent],
    ['sockets that complete the handshake', handshakeOnly],
  ])('does not keep a keyed publisher out: %s reconnecting while ffmpeg publishes', async (_name, opener) => {
    const dir = tempDir();
    const { server, port, finished, oneFinished } = await recordingServer(dir);
    const refused = refusals(server);
    // Up to 160 at once, more than the 128 places for connections that have not published, each
    // replaced as soon as the server closes it, at 1,000 new connections a second (twice the
    // 450 a second that kept every publisher out before): the server pushes one out for every newcomer.
    const flood = attack(port, opener, { concurrency: 160, reconnect: true, maxConnections: 20_000, perSecond: 1000 });
    cleanup.push(() => flood.stop());
    // Wait until the flood has filled the server and started being pushed out.
    await refused.until(32);

    const r = await publish(fixture('avc-aac.flv'), `rtmp://127.0.0.1:${port}/live/${KEY}`, [], ['-re']);
    const openedDuringPublish = flood.opened;
    await flood.stop();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await oneFinished;
    expect(finished.map((f) => f.session.info.stream)).toEqual([KEY]);
    // The flood really ran through the publish: far more connections than slots.
    expect(openedDuringPublish).toBeGreaterThan(100);

    const [mp4] = files(dir, '.mp4');
    const recorded = perStream(framemd5(mp4!).frames);
    const reference = perStream(framemd5(referenceFlv(fixture('avc-aac.flv'))).frames);
    expect(recorded.map(strip)).toEqual(reference.map(strip));

    // Every refusal names the peer and says why; none is an empty address.
    expect(refused.list.length).toBeGreaterThan(32);
    for (const x of refused.list) {
      expect(x.peer).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(x.reason).toMatch(/^evicted: |too slow|no publish within/);
    }
  });
});

describe('the default limits', () => {
  it('keep 128 connections that have not published, push out the longest stalled for the next, and close silent ones after a second', async () => {
    const server = new RtmpServer({ port: 0 });
    const { port } = await server.listen();
    cleanup.push(() => server.close());
    const refused = refusals(server);
    const sockets: Socket[] = [];
    for (let i = 0; i < 128; i++) sockets.push(await rawSocket(port));
    const firstPort = sockets[0]!.localPort;
    const firstClosed = new Promise((resolve) => sockets[0]!.once('close', resolve));
    sockets.push(await rawSocket(port));
    await firstClosed;
    expect(refused.list[0]).toEqual({ peer: `127.0.0.1:${firstPort}`, reason: 'evicted: 128 connections have not published; the longest stalled makes room', connectionId: expect.any(Number) });
    // The silent rest fail the rate check (512 useful bytes a second) at its first look, after a second.
    await refused.until(129);
    const reasons = new Set(refused.list.slice(1).map((x) => x.reason.replace(/in 1\.\d s/, 'in 1.x s')));
    expect([...reasons]).toEqual(['too slow before publishing: 0 useful bytes in 1.x s (at least 512 a second are needed)']);
    for (const s of sockets) s.destroy();
  });

  it('close a connection that connects but does not publish within 5 s', async () => {
    const server = new RtmpServer({ port: 0 });
    const { port } = await server.listen();
    cleanup.push(() => server.close());
    const refused = refusals(server);
    const s = await handshaken(port);
    s.write(chunked(3, 20, encodeAmf0('connect', 1, { app: 'live' })));
    // Pings keep the socket busy (the idle timer never fires) and count as useful bytes.
    const ping = setInterval(() => s.write(chunked(2, 4, new Uint8Array([0, 6, 0, 0, 0, 1]))), 200);
    expect(await closedWithin(s, 10_000)).toBe(true);
    clearInterval(ping);
    expect(refused.list.map((x) => x.reason)).toEqual(['no publish within 5000 ms of connecting']);
  });
});
