/**
 * A stream with one keyframe in 12 s (`-g 100000`, as screen capture sends) recorded from real
 * ffmpeg publishes: fragments end at 2 s of media without waiting for a keyframe, so the recorder
 * holds little, a SIGKILL loses at most about one fragment, and the non-keyframe fragment starts
 * are flagged so that ffprobe sees K on the keyframe alone.
 */
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_FRAGMENT_BYTES, MAX_FRAGMENT_SECONDS } from '../../electron/services/recorder/session-recorder.js';
import type { TfraData } from '../../media/formats/isobmff/box-data.js';
import { parseIsoBmff } from '../../media/formats/isobmff/parse-isobmff.js';
import { BULK } from '../../media/model/types.js';
import { MemorySource } from '../../media/source/memory-source.js';
import { ffprobe } from '../helpers/ffprobe.js';
import { decodeErrors, files, framemd5, longGopFlv, perStream, spawnRecord, startRecorder, tempDir } from '../helpers/record.js';
import { ffmpeg, publish } from '../helpers/rtmp.js';

const SECONDS = 12;

async function boxes(file: string) {
  const bytes = new Uint8Array(readFileSync(file));
  return (await parseIsoBmff(new MemorySource(bytes), BULK)).tree;
}

/** Resolves once the recording in `dir` holds `n` whole fragments (boxes typed moof). */
async function fragmentsOnDisk(dir: string, n: number, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const [mp4] = files(dir, '.mp4');
    if (mp4 && (await boxes(mp4)).filter((b) => b.name === 'moof').length >= n) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`fewer than ${n} fragments were written`);
}

/** The source FLV's bytes per second of media (the FLV written beside the MP4 grows at this rate). */
const FLV_BYTES_PER_SECOND = 60_000;

/** Resolves once the FLV in `dir` has grown by `bytes` from its size now. */
async function flvGrows(dir: string, bytes: number, timeoutMs = 10_000): Promise<void> {
  const size = (): number => statSync(files(dir, '.flv')[0]!).size;
  const target = size() + bytes;
  const until = Date.now() + timeoutMs;
  while (size() < target && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}

describe('recording a stream whose keyframes are far apart', () => {
  const source = longGopFlv(SECONDS);

  it('holds at most one fragment of media, flags only the keyframe as sync, and keeps every payload', async () => {
    const dir = tempDir();
    const rec = await startRecorder(dir, {}, { sync: false });
    expect((await publish(source, `rtmp://127.0.0.1:${rec.port}/live/gop`)).code).toBe(0);
    const [r] = await rec.until(1);
    await rec.recorder.stop();

    // Bounded from the recorder's own count: never more than one fragment's media held, where the
    // whole stream (12 s, one GOP) was held before. The audio track keeps its last frame across a
    // cut (its duration waits for the next frame), so it may span one AAC frame (23 ms) more.
    expect(r!.peakPending.seconds).toBeLessThanOrEqual(MAX_FRAGMENT_SECONDS + 0.05);
    expect(r!.peakPending.bytes).toBeLessThanOrEqual(MAX_FRAGMENT_BYTES);
    expect(r!.files[0]!.fragments).toBeGreaterThanOrEqual(SECONDS / MAX_FRAGMENT_SECONDS);

    const [mp4] = files(dir, '.mp4');
    expect(decodeErrors(mp4!)).toBe('');
    // Payloads, times and order are the source's.
    expect(perStream(framemd5(mp4!).frames)).toEqual(perStream(framemd5(source).frames));
    // K on the source's keyframes alone (the first video frame; every AAC frame), though fragments start mid-GOP.
    const flags = (file: string) => [0, 1].map((s) => ffprobe(file).packets.filter((p) => p.stream_index === s).map((p) => p.flags.slice(0, 1)).join(''));
    expect(flags(mp4!)).toEqual(flags(source));
    const probe = ffprobe(mp4!);
    expect(probe.packets.filter((p) => p.stream_index === 0 && p.flags.startsWith('K'))).toHaveLength(1);

    // The index lists random access points only: one video entry (the keyframe), each at a moof.
    const tree = await boxes(mp4!);
    const moofs = tree.filter((n) => n.name === 'moof');
    expect(moofs.length).toBe(r!.files[0]!.fragments);
    const tfra = tree.at(-1)!.children.filter((c) => c.name === 'tfra').map((c) => c.data as TfraData);
    expect(tfra[0]!.trackId).toBe(1);
    expect([...tfra[0]!.times]).toEqual([Number(probe.packets.find((p) => p.stream_index === 0)!.pts)]);
    for (const t of tfra) for (const o of t.moofOffsets) expect(moofs.map((m) => m.start)).toContain(o);
  });

  it('loses at most about one fragment to a SIGKILL mid-stream', async () => {
    const dir = tempDir();
    const rec = await spawnRecord(dir);
    const publishing = ffmpeg(['-re', '-i', source, '-c', 'copy', '-f', 'flv', `rtmp://127.0.0.1:${rec.port}/live/gop`]);
    // Three fragments on disk: about 6 s into the 12 s stream, mid-GOP (the only keyframe was the first frame);
    // then up to another 2 s of stream arrives (the FLV grows by a random share of 2 s), so the kill
    // falls anywhere in the fragment in progress.
    await fragmentsOnDisk(dir, 3);
    await flvGrows(dir, Math.random() * 2 * FLV_BYTES_PER_SECOND);
    rec.child.kill('SIGKILL');
    await rec.exited;
    await publishing;

    const [mp4] = files(dir, '.mp4');
    const [flv] = files(dir, '.flv');
    expect(decodeErrors(mp4!)).toBe('');
    const got = perStream(framemd5(mp4!).frames);
    const want = perStream(framemd5(source).frames);
    got.forEach((frames, s) => expect(frames).toEqual(want[s]!.slice(0, frames.length)));
    // What had arrived: the FLV beside it, written tag batch by tag batch (a kill may cut its last tag).
    const arrived = perStream(framemd5(flv!).frames);
    const lastVideo = (frames: ReturnType<typeof perStream>) => frames[0]!.at(-1)!.dts;
    // Media time, not wall time: the MP4 lacks at most the fragment in progress (2 s) and the tags
    // of the last batch or two still on their way to disk; 1 s more covers a loaded machine.
    expect(lastVideo(arrived) - lastVideo(got)).toBeLessThanOrEqual(MAX_FRAGMENT_SECONDS * 1000 + 1000);
    expect(got[0]!.length).toBeGreaterThanOrEqual(3 * MAX_FRAGMENT_SECONDS * 25 - 1);
  });
});
