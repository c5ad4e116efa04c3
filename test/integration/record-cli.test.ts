/**
 * `bitlens record` as a child process with ffmpeg publishing in real time: Ctrl-C (SIGINT) finishes
 * every file with its mfra index; SIGKILL at random moments leaves files ffmpeg reads without a
 * word, holding a prefix of the source's packets.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MfroData, TfraData } from '../../media/formats/isobmff/box-data.js';
import { parseIsoBmff } from '../../media/formats/isobmff/parse-isobmff.js';
import { BULK } from '../../media/model/types.js';
import { MemorySource } from '../../media/source/memory-source.js';
import { fixture } from '../helpers/fixtures.js';
import { decodeErrors, files, framemd5, perStream, referenceFlv, spawnRecord, tempDir } from '../helpers/record.js';
import { ffmpeg } from '../helpers/rtmp.js';

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves once a recording in `dir` holds a complete fragment (a box typed moof). */
async function firstFragment(dir: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const [mp4] = files(dir, '.mp4');
    if (mp4 && readFileSync(mp4).includes('moof')) return;
    await wait(20);
  }
  throw new Error('no fragment was written');
}

describe('bitlens record', () => {
  it('prints a line per session and finishes with mfra on SIGINT, mid-publish', async () => {
    const dir = tempDir();
    const rec = await spawnRecord(dir);
    // -re: 3 s in real time; SIGINT after about 2 s, while ffmpeg still sends.
    const publishing = ffmpeg(['-re', '-i', fixture('avc-aac.flv'), '-c', 'copy', '-f', 'flv', `rtmp://127.0.0.1:${rec.port}/live/cam`]);
    await wait(2000);
    rec.child.kill('SIGINT');
    expect(await rec.exited).toBe(0);
    await publishing;
    expect(rec.lines.some((l) => /^session c1-s1 started: 127\.0\.0\.1:\d+ app 'live' stream 'cam'/.test(l))).toBe(true);
    const end = rec.lines.find((l) => l.startsWith('session c1-s1 ended'));
    expect(end).toMatch(/video avc1\.42C00D 320x240, audio mp4a\.40\.2 44100 Hz 1 ch; \d+\.\d{3} s, \d+ bytes/);
    expect(end).toMatch(/live_cam_.*_1\.mp4 \(video avc1\.42C00D, audio mp4a\.40\.2; \d+ fragments, \d+ bytes\)/);
    expect(rec.lines.at(-1)).toBe('stopped');

    const [mp4] = files(dir, '.mp4');
    expect(decodeErrors(mp4!)).toBe('');
    const bytes = new Uint8Array(readFileSync(mp4!));
    const { tree } = await parseIsoBmff(new MemorySource(bytes), BULK);
    expect(tree.map((n) => n.name).slice(0, 2)).toEqual(['ftyp', 'moov']);
    expect(tree.filter((n) => n.name === 'free')).toEqual([]);
    const mfra = tree.at(-1)!;
    expect(mfra.name).toBe('mfra');
    expect(mfra.end).toBe(bytes.length);
    const tfra = mfra.children.filter((c) => c.name === 'tfra').map((c) => c.data as TfraData);
    expect(tfra.map((t) => t.trackId)).toEqual([1, 2]);
    const moofs = tree.filter((n) => n.name === 'moof').map((n) => n.start);
    for (const t of tfra) for (const o of t.moofOffsets) expect(moofs).toContain(o);
    expect((mfra.children.at(-1)!.data as MfroData).size).toBe(mfra.end - mfra.start);
    const probe = framemd5(mp4!);
    expect(probe.errors).toBe('');
    expect(probe.frames.length).toBeGreaterThan(50);
    // The first index entry is the first keyframe: the first video packet, at its presentation time (ms).
    expect(tfra[0]!.times[0]).toBe(perStream(probe.frames)[0]![0]!.pts);
  });

  it('leaves a playable prefix when killed (SIGKILL) at random moments', async () => {
    const ref = perStream(framemd5(referenceFlv(fixture('avc-aac.flv'))).frames);
    // Random moments after the first fragment is on disk (under load, wall time alone may come before it).
    for (const extra of [Math.random() * 300, 300 + Math.random() * 500, 800 + Math.random() * 700]) {
      const dir = tempDir();
      const rec = await spawnRecord(dir);
      const publishing = ffmpeg(['-re', '-i', fixture('avc-aac.flv'), '-c', 'copy', '-f', 'flv', `rtmp://127.0.0.1:${rec.port}/live/cam`]);
      const started = Date.now();
      await firstFragment(dir);
      await wait(extra);
      const delay = Date.now() - started;
      rec.child.kill('SIGKILL');
      await rec.exited;
      await publishing;
      const [mp4] = files(dir, '.mp4');
      expect(decodeErrors(mp4!), `killed at ${delay.toFixed(0)} ms`).toBe('');
      const got = framemd5(mp4!);
      expect(got.errors).toBe('');
      expect(got.frames.length, `killed at ${delay.toFixed(0)} ms`).toBeGreaterThan(0);
      // Every packet written is the source's packet at the same place: the file is a prefix of the stream.
      perStream(got.frames).forEach((frames, s) => expect(frames).toEqual(ref[s]!.slice(0, frames.length)));
    }
  });
});
