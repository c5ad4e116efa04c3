/**
 * Stream commands before `connect` (publish, createStream, FCPublish, releaseStream, play): each
 * is answered with an error and the connection closes, logged with the peer; a flood of them does
 * not keep a keyed publisher out.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { encodeAmf0 } from '../../media/formats/rtmp/amf0-writer.js';
import type { RtmpServer } from '../../electron/services/rtmp/rtmp-server.js';
import { chunked, closedWithin, handshaken, recordSessions, startServer } from '../helpers/rtmp.js';
import { type Opener, attack, expectKeyedPublish, readUntil, refusals } from '../helpers/rtmp-attack.js';

const KEY = 'k3y-commands';
let server: RtmpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const publishWithoutConnect: Opener = async (port) => {
  const s = await handshaken(port);
  s.write(chunked(8, 20, encodeAmf0('publish', 0, null, KEY, 'live'), { streamId: 1 }));
  return s;
};

describe('commands before connect', () => {
  it('publish gets NetStream.Publish.Failed and the connection closes, even with the right key', async () => {
    const started = await startServer({ key: KEY });
    server = started.server;
    const sessions = recordSessions(server);
    const refused = refusals(server);
    const s = await publishWithoutConnect(started.port);
    const localPort = s.localPort;
    expect(await readUntil(s, 'NetStream.Publish.Failed')).toBe(true);
    expect(await closedWithin(s, 3000)).toBe(true);
    await refused.until(1);
    expect(refused.list).toEqual([{ peer: `127.0.0.1:${localPort}`, reason: 'publish before connect', connectionId: expect.any(Number) }]);
    expect(sessions).toHaveLength(0);
  });

  it.each(['createStream', 'FCPublish', 'releaseStream', 'play'])('%s gets an error and the connection closes', async (name) => {
    const started = await startServer();
    server = started.server;
    const refused = refusals(server);
    const s = await handshaken(started.port);
    s.write(chunked(3, 20, encodeAmf0(name, 2, null, 'x')));
    expect(await readUntil(s, name === 'play' ? 'NetStream.Play.Failed' : '_error')).toBe(true);
    expect(await closedWithin(s, 3000)).toBe(true);
    await refused.until(1);
    expect(refused.list.map((r) => r.reason)).toEqual([`${name} before connect`]);
  });

  it('a reconnecting flood of publishes without connect does not keep a keyed publisher out', async () => {
    const started = await startServer({ key: KEY });
    server = started.server;
    const refused = refusals(server);
    const flood = attack(started.port, publishWithoutConnect, { concurrency: 16, reconnect: true, maxConnections: 20_000, perSecond: 500 });
    await refused.until(16);
    try {
      await expectKeyedPublish(server, started.port, KEY);
    } finally {
      await flood.stop();
    }
    expect(flood.opened).toBeGreaterThan(100);
    expect(new Set(refused.list.map((r) => r.reason))).toEqual(new Set(['publish before connect']));
  });
});
