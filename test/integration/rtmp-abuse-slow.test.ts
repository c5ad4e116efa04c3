/**
 * Slow and never-finishing clients, each attack while a keyed ffmpeg publish runs (the publish
 * must get in and its tags equal what ffmpeg sent): slowloris sockets trickling a byte every few
 * hundred ms, with and without reconnecting, a trickle inside a chunk that never completes, and
 * large partial messages (8 MiB media, 1 MiB command) that never finish.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RtmpServer } from '../../electron/services/rtmp/rtmp-server.js';
import { startServer } from '../helpers/rtmp.js';
import { type AttackOptions, type Opener, attack, expectKeyedPublish, partialMessage, refusals, trickle, trickleInChunk } from '../helpers/rtmp-attack.js';

const KEY = 'k3y-slow';
let server: RtmpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const CMD = 20;
const VIDEO = 9;

// A 1.5 s pre-publish deadline (default 5 s) keeps each case within a few seconds.
const cases: Array<[string, Opener, AttackOptions, RegExp]> = [
  ['64 slowloris sockets, one byte every 300 ms, never reconnecting', trickle(300), { concurrency: 64, reconnect: false, maxConnections: 64, perSecond: 1000 }, /^too slow before publishing: 1 useful bytes in 1\.\d s/],
  ['slowloris sockets reconnecting as soon as they are closed', trickle(300), { concurrency: 48, reconnect: true, maxConnections: 2000, perSecond: 200 }, /^too slow before publishing: 1 useful bytes in 1\.\d s/],
  ['a trickle into a chunk that never completes, after handshake and connect', trickleInChunk(200), { concurrency: 48, reconnect: true, maxConnections: 2000, perSecond: 200 }, /^no publish within 1500 ms of connecting$/],
  ['8 MiB video messages declared and never finished', partialMessage(VIDEO, 8 * 1024 * 1024), { concurrency: 48, reconnect: true, maxConnections: 2000, perSecond: 200 }, /^no publish within 1500 ms of connecting$/],
  ['8 MiB video messages with 512 KiB sent, never finished', partialMessage(VIDEO, 8 * 1024 * 1024, 512 * 1024), { concurrency: 4, reconnect: true, maxConnections: 200, perSecond: 20 }, /^sent more than 262144 bytes without publishing$/],
  ['1 MiB commands declared and never finished', partialMessage(CMD, 1024 * 1024), { concurrency: 48, reconnect: true, maxConnections: 2000, perSecond: 200 }, /^no publish within 1500 ms of connecting$/],
];

describe('slow and unfinished clients', () => {
  it.each(cases)('%s: a keyed publish still gets in and is received whole', async (_name, opener, options, reason) => {
    const started = await startServer({ key: KEY, prePublishDeadlineMs: 1500 });
    server = started.server;
    const refused = refusals(server);
    const flood = attack(started.port, opener, options);
    try {
      await expectKeyedPublish(server, started.port, KEY);
      // The attack's sockets are closed by the server for the expected reason, each logged with its peer.
      await refused.until(Math.min(options.concurrency, 16));
    } finally {
      await flood.stop();
    }
    expect(refused.list.length).toBeGreaterThan(0);
    for (const r of refused.list) {
      expect(r.peer).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(r.reason).toMatch(reason);
    }
  });
});
