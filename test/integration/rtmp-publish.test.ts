/** Real ffmpeg publishes to the RTMP server: the session's tags equal the FLV tags ffmpeg writes to a file. */
import { afterEach, describe, expect, it } from 'vitest';
import { serveRtmp } from '../../electron/cli/serve-rtmp.js';
import type { RtmpServer } from '../../electron/services/rtmp/rtmp-server.js';
import { fixture } from '../helpers/fixtures.js';
import { publish, recordSessions, referenceTags, startServer } from '../helpers/rtmp.js';

let server: RtmpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('ffmpeg publishing to the RTMP server', () => {
  it('gives a session whose audio and video tags equal the reference FLV tags', async () => {
    const started = await startServer();
    server = started.server;
    const sessions = recordSessions(server);
    const r = await publish(fixture('avc-aac.flv'), `rtmp://127.0.0.1:${started.port}/live/abc`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(sessions).toHaveLength(1);
    const { session, tags, ended } = sessions[0]!;
    await ended;
    expect(session.info).toMatchObject({ app: 'live', stream: 'abc', remoteAddress: '127.0.0.1' });
    expect(session.info.video).toMatchObject({ codec: 'avc1', width: 320, height: 240 });
    expect(session.info.audio).toMatchObject({ codec: 'mp4a', sampleRate: 44100, channels: 1 });

    const ref = (await referenceTags(fixture('avc-aac.flv'))).filter((t) => t.data.tagType !== 18);
    const media = tags.filter((t) => t.kind !== 'data');
    expect(media.map((t) => [t.kind, t.timestamp, t.body.length])).toEqual(ref.map((t) => [t.data.tagType === 8 ? 'audio' : 'video', t.data.timestamp, t.body.length]));
    for (let i = 0; i < ref.length; i++) expect(Buffer.compare(media[i]!.body, ref[i]!.body)).toBe(0);
    const packets = media.flatMap((t) => t.packets);
    expect(packets.filter((p) => p.kind === 'video')).toHaveLength(75);
    expect(packets.filter((p) => p.kind === 'audio')).toHaveLength(131);
    expect(tags.find((t) => t.kind === 'data')?.flv.script?.name).toBe('@setDataFrame');
    expect(session.stats()).toMatchObject({ videoFrames: 75, audioFrames: 131 });
  });

  it('serve-rtmp prints a line per session start and end with what it saw', async () => {
    const lines: string[] = [];
    server = await serveRtmp({ port: '0' }, (line) => lines.push(line));
    const port = server.status().port!;
    const ended = new Promise((resolve) => server!.on('session-end', resolve));
    expect((await publish(fixture('avc-aac.flv'), `rtmp://127.0.0.1:${port}/live/cli`)).code).toBe(0);
    await ended;
    expect(lines[0]).toBe(`listening on rtmp://127.0.0.1:${port}/`);
    expect(lines[1]).toMatch(/^session c\d+-s1 started: 127\.0\.0\.1:\d+ app 'live' stream 'cli' \(FMLE\/3\.0/);
    expect(lines[2]).toMatch(/ended \(FCUnpublish\): video avc1\.42C00D 320x240, audio mp4a\.40\.2 44100 Hz 1 ch; 3\.0\d\d s, \d+ bytes, 75 video frames, 131 audio frames, 3 keyframes$/);
  });
});
