// The Live tab's test stream: our own publisher (media/formats/rtmp/rtmp-publisher.ts) against our server,
// checked from outside: the tags the server received, written as FLV, are what ffprobe reads in the sample.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FlvFile } from '../../electron/services/recorder/flv-file.js';
import type { RtmpServer } from '../../electron/services/rtmp/rtmp-server.js';
import { TestPublisher } from '../../electron/services/rtmp/test-publisher.js';
import { publishTags } from '../../media/formats/rtmp/publish-tags.js';
import { readFileSync } from 'node:fs';
import { recordSessions, startServer } from '../helpers/rtmp.js';

const SAMPLE = join(__dirname, '../../build/samples/rtmp-publish.flv');

function probe(file: string): { streams: Array<Record<string, unknown>>; packets: Array<Record<string, unknown>> } {
  const r = spawnSync('ffprobe', ['-v', 'error', '-show_streams', '-show_packets', '-of', 'json', file], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { streams: Array<Record<string, unknown>>; packets: Array<Record<string, unknown>> };
}

describe('test stream publisher', () => {
  let server: RtmpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('frames the sample FLV: metadata and two sequence headers first, then media', () => {
    const tags = publishTags(new Uint8Array(readFileSync(SAMPLE)));
    expect(tags.slice(0, 3).map((t) => [t.typeId, t.setup])).toEqual([[18, true], [9, true], [8, true]]);
    expect(tags.slice(3).every((t) => !t.setup)).toBe(true);
    // ffprobe -show_packets: 25 video frames (the end-of-sequence tag is left out: a loop continues the stream).
    expect(tags.filter((t) => t.typeId === 9 && !t.setup)).toHaveLength(25);
    for (let i = 4; i < tags.length; i++) expect(tags[i]!.timestamp).toBeGreaterThanOrEqual(tags[i - 1]!.timestamp);
  });

  it('publishes the sample once at 10x; the server gets every tag, and the tags as FLV are valid for ffprobe', async () => {
    const started = await startServer();
    server = started.server;
    const sessions = recordSessions(server);
    const pub = await TestPublisher.start({ port: started.port, file: SAMPLE, loop: false, speed: 10, stream: 'sample' });
    const end = new Promise<string>((resolve) => pub.on('end', resolve));
    expect(await end).toBe('stopped');
    expect(await sessions[0]!.ended).toMatch(/FCUnpublish|deleteStream|closed/);
    const s = sessions[0]!;
    expect(s.session.info).toMatchObject({ app: 'live', stream: 'sample', encoder: 'FMLE/3.0 (compatible; Bitlens test stream)' });
    expect(s.session.info.video).toMatchObject({ codec: 'avc1', width: 320, height: 180 });
    expect(s.session.info.audio).toMatchObject({ codec: 'mp4a', sampleRate: 44100 });
    const sent = publishTags(new Uint8Array(readFileSync(SAMPLE)));
    expect(pub.sent).toBe(sent.length);
    expect(s.tags.map((t) => [t.kind, t.timestamp, t.body.length])).toEqual(
      sent.map((t) => [t.typeId === 8 ? 'audio' : t.typeId === 9 ? 'video' : 'data', t.timestamp, t.body.length]),
    );

    const dir = mkdtempSync(join(tmpdir(), 'bitlens-testpub-'));
    const flv = new FlvFile(join(dir, 'received.flv'), true, true);
    flv.write(s.tags);
    await flv.close();
    const got = probe(flv.path);
    const want = probe(SAMPLE);
    expect(got.streams.map((x) => [x.codec_name, x.width, x.height, x.sample_rate])).toEqual(want.streams.map((x) => [x.codec_name, x.width, x.height, x.sample_rate]));
    const key = (p: Record<string, unknown>): string => `${String(p.stream_index)} ${String(p.dts)} ${String(p.size)} ${String(p.flags)}`;
    expect(got.packets.map(key)).toEqual(want.packets.map(key));
  });

  it('loops with timestamps that keep rising and no second set of sequence headers', async () => {
    const started = await startServer();
    server = started.server;
    const sessions = recordSessions(server);
    // 1 s of media at 20x: about 2.5 loops in 130 ms.
    const pub = await TestPublisher.start({ port: started.port, file: SAMPLE, speed: 20 });
    await new Promise((r) => setTimeout(r, 130));
    await pub.stop();
    await sessions[0]!.ended;
    const tags = sessions[0]!.tags;
    const video = tags.filter((t) => t.kind === 'video' && t.flv.configs.length === 0);
    expect(video.length).toBeGreaterThan(40);
    expect(tags.filter((t) => t.flv.configs.length > 0)).toHaveLength(2);
    for (let i = 1; i < video.length; i++) expect(video[i]!.timestamp).toBeGreaterThan(video[i - 1]!.timestamp);
  });

  it('refuses a stream key the server does not accept', async () => {
    const started = await startServer({ key: 'secret' });
    server = started.server;
    await expect(TestPublisher.start({ port: started.port, file: SAMPLE, stream: 'wrong' })).rejects.toThrow(/NetStream.Publish.BadName/);
    const pub = await TestPublisher.start({ port: started.port, file: SAMPLE, stream: 'secret' });
    await pub.stop();
  });
});
