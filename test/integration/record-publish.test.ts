/**
 * Real ffmpeg publishes to the RTMP server with the recorder attached: the MP4 and FLV recordings
 * carry the source's packet payloads (framemd5 per stream) at the timestamps of the FLV ffmpeg sends.
 */
import { existsSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../helpers/fixtures.js';
import { type Frame, decodeErrors, files, framemd5, perStream, referenceFlv, startRecorder, tempDir } from '../helpers/record.js';
import { publish } from '../helpers/rtmp.js';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

const strip = (frames: Frame[]): Array<[number, number, number, string]> => frames.map((f) => [f.dts, f.pts, f.size, f.md5]);

/** The recording's packets equal the reference FLV's, stream by stream, timestamps included. */
function expectSamePackets(recorded: string, ref: string): void {
  const a = framemd5(recorded);
  const b = framemd5(ref);
  expect(a.errors).toBe('');
  const [ra, rb] = [perStream(a.frames), perStream(b.frames)];
  expect(ra.length).toBe(rb.length);
  for (let s = 0; s < rb.length; s++) expect(strip(ra[s]!)).toEqual(strip(rb[s]!));
}

async function record(file: string, extra: string[] = [], pre: string[] = []) {
  const dir = tempDir();
  const rec = await startRecorder(dir);
  stop = () => rec.recorder.stop();
  const r = await publish(file, `rtmp://127.0.0.1:${rec.port}/live/key1`, extra, pre);
  expect(r.stderr).toBe('');
  const [session] = await rec.until(1);
  return { dir, session: session!, rec };
}

describe('recording what ffmpeg publishes', () => {
  const corpus = ['avc-aac.flv', 'avc-high-bframes.flv', 'avc-baseline-aac.mp4', 'avc-main-aac-fragmented.mp4', 'segment.ts', 'smooth.ismv', 'aac-lc.adts.aac'];
  for (const name of corpus) {
    it(`${name}: MP4 and FLV packets equal the reference FLV's`, async () => {
      const { dir, session } = await record(fixture(name));
      const [mp4] = files(dir, '.mp4');
      const [flv] = files(dir, '.flv');
      expect(files(dir, '.mp4')).toHaveLength(1);
      expect(mp4).toMatch(/live_key1_\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ_1\.mp4$/);
      expect(flv).toBe(mp4!.replace(/\.mp4$/, '.flv'));
      expect(decodeErrors(mp4!)).toBe('');
      const ref = referenceFlv(fixture(name));
      expectSamePackets(mp4!, ref);
      expectSamePackets(flv!, ref);
      expect(session.files[0]).toMatchObject({ path: mp4, reason: 'first' });
      expect(session.files[0]!.fragments).toBeGreaterThan(0);
    });
  }

  it('keeps timestamps past 2^24 ms (extended timestamps) exact', async () => {
    // 16770 s + 9 s crosses 16777.216 s = 2^24 ms during the stream.
    const extra = ['-output_ts_offset', '16770'];
    const pre = ['-stream_loop', '2'];
    const { dir } = await record(fixture('avc-aac.flv'), extra, pre);
    const [mp4] = files(dir, '.mp4');
    expect(decodeErrors(mp4!)).toBe('');
    const ref = referenceFlv(fixture('avc-aac.flv'), extra, pre);
    const frames = framemd5(mp4!).frames;
    expect(frames.some((f) => f.dts > 2 ** 24)).toBe(true);
    expect(frames.some((f) => f.dts < 2 ** 24)).toBe(true);
    expectSamePackets(mp4!, ref);
  });

  it('records two publishers at once into their own files', async () => {
    const dir = tempDir();
    const rec = await startRecorder(dir);
    stop = () => rec.recorder.stop();
    const url = (k: string): string => `rtmp://127.0.0.1:${rec.port}/live/${k}`;
    const results = await Promise.all([publish(fixture('avc-aac.flv'), url('one'), [], ['-re']), publish(fixture('avc-high-bframes.flv'), url('two'), [], ['-re'])]);
    for (const r of results) expect(r.stderr).toBe('');
    await rec.until(2);
    const mp4 = files(dir, '.mp4');
    expect(mp4.map((f) => f.replace(/^.*\/live_(\w+)_.*$/, '$1'))).toEqual(['one', 'two']);
    expectSamePackets(mp4[0]!, referenceFlv(fixture('avc-aac.flv')));
    expectSamePackets(mp4[1]!, referenceFlv(fixture('avc-high-bframes.flv')));
  });

  it('refuses a wrong stream key before anything is written', async () => {
    const dir = tempDir();
    const rec = await startRecorder(`${dir}/out`, { key: 'secret' });
    stop = () => rec.recorder.stop();
    const r = await publish(fixture('avc-aac.flv'), `rtmp://127.0.0.1:${rec.port}/live/wrong`);
    expect(r.code).not.toBe(0);
    expect(existsSync(`${dir}/out`) ? readdirSync(`${dir}/out`) : []).toEqual([]);
    expect(rec.finished).toHaveLength(0);
  });

  it('gives a republish the next numbered file', async () => {
    const dir = tempDir();
    const rec = await startRecorder(dir);
    stop = () => rec.recorder.stop();
    const url = `rtmp://127.0.0.1:${rec.port}/live/again`;
    expect((await publish(fixture('avc-aac.flv'), url)).stderr).toBe('');
    await rec.until(1);
    expect((await publish(fixture('avc-high-bframes.flv'), url)).stderr).toBe('');
    await rec.until(2);
    const mp4 = files(dir, '.mp4').sort((a, b) => Number(/_(\d+)\.mp4$/.exec(a)![1]) - Number(/_(\d+)\.mp4$/.exec(b)![1]));
    expect(mp4.map((f) => /_(\d+)\.mp4$/.exec(f)![1])).toEqual(['1', '2']);
    expectSamePackets(mp4[0]!, referenceFlv(fixture('avc-aac.flv')));
    expectSamePackets(mp4[1]!, referenceFlv(fixture('avc-high-bframes.flv')));
  });
});
