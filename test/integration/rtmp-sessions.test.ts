/** Sessions with real ffmpeg publishers: extended timestamps, several at once, stream keys, republishing, statistics. */
import { afterEach, describe, expect, it } from 'vitest';
import type { RtmpServer } from '../../electron/services/rtmp/rtmp-server.js';
import { fixture } from '../helpers/fixtures.js';
import { publish, recordSessions, startServer } from '../helpers/rtmp.js';
import { expectSameAsReference } from '../helpers/rtmp-attack.js';

let server: RtmpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('RTMP sessions', () => {
  it('reads timestamps past 2^24 ms (extended timestamps, repeated on type-3 chunks)', async () => {
    const s = await startServer();
    server = s.server;
    const sessions = recordSessions(server);
    // 16780 s = 16,780,000 ms > 2^24 - 1 = 16,777,215 ms: ffmpeg's first delta from the sequence
    // headers at 0 needs an extended timestamp (16770 s would stay below 2^24 for this 3 s file).
    const extra = ['-output_ts_offset', '16780'];
    const r = await publish(fixture('avc-aac.flv'), `rtmp://127.0.0.1:${s.port}/live/ext`, extra);
    expect(r.code).toBe(0);
    await sessions[0]!.ended;
    const { tags } = sessions[0]!;
    expect(tags.some((t) => t.timestamp > 0xffffff)).toBe(true);
    expect(tags.some((t) => t.kind !== 'data' && t.timestamp < 0xffffff)).toBe(true);
    await expectSameAsReference(tags, extra);
    const chunks = tags.flatMap((t) => t.node.children.filter((c) => c.kind === 'chunk'));
    const extended = chunks.filter((c) => c.fields.some((f) => f.name === 'extended timestamp'));
    // On the type-1 headers, and repeated on the type-3 chunk that continues one of them.
    expect(extended.some((c) => !c.name.startsWith('continuation'))).toBe(true);
    expect(extended.some((c) => c.name.startsWith('continuation'))).toBe(true);
  });

  it('keeps two publishers at once apart, each its own session', async () => {
    const s = await startServer();
    server = s.server;
    const sessions = recordSessions(server);
    const [a, b] = await Promise.all([
      publish(fixture('avc-aac.flv'), `rtmp://127.0.0.1:${s.port}/live/one`, [], ['-re']),
      publish(fixture('avc-aac.flv'), `rtmp://127.0.0.1:${s.port}/live/two`, [], ['-re']),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(sessions.map((x) => x.session.info.stream).sort()).toEqual(['one', 'two']);
    await Promise.all(sessions.map((x) => x.ended));
    for (const x of sessions) await expectSameAsReference(x.tags);
    // Published in real time (-re): about 25 frames per second of media, and a bitrate.
    const stats = sessions[0]!.session.stats();
    expect(stats.frameRate).toBeGreaterThan(20);
    expect(stats.frameRate).toBeLessThan(30);
    expect(stats.keyframeIntervalMs).toBeGreaterThan(0);
    expect(Math.abs(stats.avDriftMs ?? 1000)).toBeLessThan(100);
  });

  it('refuses a wrong stream key before any media, and accepts the right one', async () => {
    const s = await startServer({ key: 'secret-key' });
    server = s.server;
    const sessions = recordSessions(server);
    const closed: string[] = [];
    server.on('connection-closed', (_c, reason) => closed.push(reason));
    const wrong = await publish(fixture('avc-aac.flv'), `rtmp://127.0.0.1:${s.port}/live/secret-kez`);
    expect(wrong.code).not.toBe(0);
    expect(sessions).toHaveLength(0);
    expect(closed).toContain('refused: wrong stream key');
    const right = await publish(fixture('avc-aac.flv'), `rtmp://127.0.0.1:${s.port}/live/secret-key`);
    expect(right.code).toBe(0);
    expect(sessions).toHaveLength(1);
    await sessions[0]!.ended;
    await expectSameAsReference(sessions[0]!.tags);
  });

  it('starts a new session when the same name is published again', async () => {
    const s = await startServer();
    server = s.server;
    const sessions = recordSessions(server);
    for (let i = 0; i < 2; i++) {
      const r = await publish(fixture('avc-aac.flv'), `rtmp://127.0.0.1:${s.port}/live/again`);
      expect(r.code).toBe(0);
    }
    expect(sessions).toHaveLength(2);
    expect(await Promise.all(sessions.map((x) => x.ended))).toEqual(['FCUnpublish', 'FCUnpublish']);
    expect(sessions[0]!.session.info.id).not.toBe(sessions[1]!.session.info.id);
    for (const x of sessions) await expectSameAsReference(x.tags);
  });
});
