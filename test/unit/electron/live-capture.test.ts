// The Live tab's Node side: argument checks of the live calls, the capture service with our test stream
// and with ffmpeg publishing, session-bytes events, the session's bytes as a growing file and as an .rtmpcap,
// and the record switch.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../electron/api.js';
import { checkArgs } from '../../../electron/services/api-args.js';
import { FileRegistry } from '../../../electron/services/file-registry.js';
import { LiveCapture, SESSION_BYTES_MS } from '../../../electron/services/live/live-capture.js';
import { openCapture } from '../../../media/formats/rtmp/capture-format.js';
import type { RtmpMessageData } from '../../../media/formats/rtmp/message-body.js';
import { RtmpPushParser } from '../../../media/formats/rtmp/rtmp-push-parser.js';
import { BULK } from '../../../media/model/types.js';
import { publish } from '../../helpers/rtmp.js';

const ROOT = join(__dirname, '../../..');
const SAMPLE = join(ROOT, 'build/samples/rtmp-publish.flv');
const FIXTURE = join(ROOT, 'test/fixtures/avc-aac.flv');

function until<T extends LiveEvent>(events: LiveEvent[], match: (e: LiveEvent) => e is T, ms = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const look = (): void => {
      const hit = events.find(match);
      if (hit) resolve(hit);
      else if (Date.now() - started > ms) reject(new Error('event did not come'));
      else setTimeout(look, 20);
    };
    look();
  });
}

describe('live call arguments', () => {
  it('accepts what the contract allows', () => {
    expect(checkArgs('startCapture', [{ port: 0, host: '127.0.0.1', key: 'abc', saveCaptures: true }])).toEqual([{ port: 0, host: '127.0.0.1', key: 'abc', saveCaptures: true }]);
    expect(checkArgs('startCapture', [{ key: '' }])).toEqual([{}]);
    expect(checkArgs('openLiveSession', ['c12-s3'])).toEqual(['c12-s3']);
    expect(checkArgs('setRecording', ['c1-s1', true])).toEqual(['c1-s1', true]);
    expect(checkArgs('startTestStream', [])).toEqual([]);
  });

  it('refuses the rest', () => {
    expect(() => checkArgs('startCapture', [{ port: 70000 }])).toThrow(/port/);
    expect(() => checkArgs('startCapture', [{ port: 1.5 }])).toThrow(/port/);
    expect(() => checkArgs('startCapture', [{ host: 'example.com' }])).toThrow(/IP address/);
    expect(() => checkArgs('startCapture', [{ key: 'has space' }])).toThrow(/stream key/);
    expect(() => checkArgs('startCapture', [{ captureDir: '/etc' }])).toThrow(/unknown option/);
    expect(() => checkArgs('startCapture', ['1935'])).toThrow(/object/);
    expect(() => checkArgs('startCapture', [])).toThrow(/argument/);
    expect(() => checkArgs('openLiveSession', ['../x'])).toThrow(/live session id/);
    expect(() => checkArgs('openLiveCapture', [7])).toThrow(/live session id/);
    expect(() => checkArgs('setRecording', ['c1-s1', 'yes'])).toThrow(/true or false/);
    // The page never names the folder the Node side writes to.
    expect(() => checkArgs('setRecording', ['c1-s1', true, '/tmp/rec'])).toThrow(/argument/);
    expect(() => checkArgs('setRecording', ['c1-s1'])).toThrow(/argument/);
    expect(() => checkArgs('stopTestStream', [1])).toThrow(/argument/);
  });
});

describe('LiveCapture', () => {
  let live: LiveCapture | undefined;
  afterEach(async () => {
    await live?.close();
    live = undefined;
  });

  it('runs the test stream: session events, growing byte counts, the bytes readable from the first handshake byte', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bitlens-live-'));
    live = new LiveCapture({ dataDir, testStreamFile: SAMPLE });
    const events: LiveEvent[] = [];
    live.onEvent((e) => events.push(e));
    await expect(live.startTestStream()).rejects.toThrow(/start the server/);
    const status = await live.start({ port: 0, key: 'k3y' });
    expect(status).toMatchObject({ listening: true, keyRequired: true, key: 'k3y', host: '127.0.0.1', testStream: false });
    await live.startTestStream();
    expect(live.status().testStream).toBe(true);
    const started = await until(events, (e): e is Extract<LiveEvent, { type: 'session-started' }> => e.type === 'session-started');
    expect(started.session).toMatchObject({ app: 'live', stream: 'k3y' });
    const id = started.session.id;
    await new Promise((r) => setTimeout(r, 600));

    const byteEvents = events.filter((e): e is Extract<LiveEvent, { type: 'session-bytes' }> => e.type === 'session-bytes');
    const sizes = byteEvents.map((e) => e.size);
    expect(sizes.length).toBeGreaterThan(2);
    // Batched: at most one every SESSION_BYTES_MS, and each larger than the one before.
    expect(sizes.length).toBeLessThan(600 / SESSION_BYTES_MS + 2);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]!).toBeGreaterThan(sizes[i - 1]!);
    // Each says when its bytes came in: stream sizes that grow up to the announced size, server times in order.
    const arrivals = byteEvents.flatMap((e) => e.arrivals ?? []);
    expect(arrivals.length).toBeGreaterThanOrEqual(sizes.length);
    for (let i = 1; i < arrivals.length; i++) {
      expect(arrivals[i]![0]).toBeGreaterThan(arrivals[i - 1]![0]);
      expect(arrivals[i]![1]).toBeGreaterThanOrEqual(arrivals[i - 1]![1]);
    }
    expect(arrivals[arrivals.length - 1]![0]).toBeLessThanOrEqual(sizes[sizes.length - 1]!);
    expect(Math.abs(arrivals[0]![1] - Date.now())).toBeLessThan(5000);
    // The first count already holds the handshake and the publish (C0 + C1 + C2 + commands).
    expect(sizes[0]!).toBeGreaterThan(1 + 1536 * 2);

    const files = new FileRegistry();
    const opened = live.openSession(files, id);
    expect(opened.name).toBe('live/k3y');
    const bytes = await files.read(opened.fileId, 0, 16 * 1024 * 1024);
    expect(bytes.length).toBeGreaterThanOrEqual(sizes[sizes.length - 1]!);
    const parser = new RtmpPushParser(BULK);
    const commands = parser.push(bytes).flatMap((u) => ((u.message as RtmpMessageData | undefined)?.command ? [u.message!.command!.name] : []));
    expect(commands.slice(0, 5)).toEqual(['connect', 'releaseStream', 'FCPublish', 'createStream', 'publish']);

    await live.stopTestStream();
    const ended = await until(events, (e): e is Extract<LiveEvent, { type: 'session-bytes' }> => e.type === 'session-bytes' && e.complete);
    expect(ended.sessionId).toBe(id);
    expect(live.status().sessions.find((s) => s.id === id)).toMatchObject({ endReason: expect.stringMatching(/FCUnpublish|deleteStream/) });

    // A finished session opens like a file: an .rtmpcap with the same RTMP layer.
    const cap = live.openCapture(files, id);
    expect(cap.name).toMatch(/^k3y-.*\.rtmpcap$/);
    const doc = await openCapture({ size: cap.size, read: (o, l) => files.read(cap.fileId, o, l) }, BULK);
    expect(doc.format).toBe('rtmpcap');
    expect(doc.packets.count).toBeGreaterThan(20);
    expect(doc.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(() => live!.openSession(files, 'c999-s1')).toThrow(/unknown live session/);
  });

  it('records an ffmpeg publish from the middle on: the MP4 and FLV are valid for ffprobe', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bitlens-live-'));
    live = new LiveCapture({ dataDir, testStreamFile: SAMPLE });
    const events: LiveEvent[] = [];
    live.onEvent((e) => events.push(e));
    const { port } = await live.start({ port: 0 });
    const done = publish(FIXTURE, `rtmp://127.0.0.1:${port}/live/cam`, [], ['-re']);
    const started = await until(events, (e): e is Extract<LiveEvent, { type: 'session-started' }> => e.type === 'session-started');
    await new Promise((r) => setTimeout(r, 800));
    const on = await live.setRecording(started.session.id, true);
    expect(on).toMatchObject({ on: true, dir: join(dataDir, 'recordings') });
    expect((await done).code).toBe(0);
    const final = await until(events, (e): e is Extract<LiveEvent, { type: 'recording' }> => e.type === 'recording' && !e.recording.on);
    const mp4 = final.recording.files.find((f) => f.endsWith('.mp4'))!;
    const flv = final.recording.files.find((f) => f.endsWith('.flv'))!;
    expect(existsSync(mp4) && existsSync(flv)).toBe(true);
    for (const file of [mp4, flv]) {
      const r = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,width,height', '-of', 'csv=p=0', file], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.stdout.trim().split('\n').sort()).toEqual(['aac', 'h264,320,240']);
      // Started mid-stream, both files still begin their video with a keyframe (nothing refers to missing frames).
      const flags = spawnSync('ffprobe', ['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=flags', '-of', 'csv=p=0', file], { encoding: 'utf8' });
      expect(flags.stdout.trim().split('\n')[0], file).toMatch(/^K/);
    }
    await expect(live.setRecording(started.session.id, true)).rejects.toThrow(/ended/);
  });
});
