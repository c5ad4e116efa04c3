// The player in Chromium against the web host: every corpus format this Chromium can decode plays
// (time passes 1 s, frames decoded and none dropped, audio buffered and decoded, frames presented in
// PTS order and mapped to their samples), a chosen sample seeks the video, frame steps, HEVC says
// plainly that it cannot play, and a fragment broken on purpose names that fragment and sample.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FIXTURES, dropFile, screenshot, hostAndBrowser } from './harness.js';

interface Case {
  file: string;
  video: boolean;
  audio: boolean;
}

const PLAYABLE: Case[] = [
  { file: 'avc-baseline-aac.mp4', video: true, audio: true },
  { file: 'avc-high-bframes-faststart.mp4', video: true, audio: true },
  { file: 'avc-main-aac-fragmented.mp4', video: true, audio: true },
  { file: 'quicktime-aac.mov', video: true, audio: true },
  { file: 'smooth.ismv', video: true, audio: true },
  { file: 'smooth-audio.isma', video: false, audio: true },
  { file: 'avc-high-bframes.flv', video: true, audio: true },
  { file: 'avc-aac.flv', video: true, audio: true },
  { file: 'aac-lc.adts.aac', video: false, audio: true },
  { file: 'annexb.h264', video: true, audio: false },
  { file: 'segment.ts', video: true, audio: true },
];

/** The page's globals used below (the test project has no DOM lib). */
interface VideoLike {
  currentTime: number;
  paused: boolean;
  error: { code: number; message: string } | null;
  buffered: { length: number; start(i: number): number; end(i: number): number };
  webkitAudioDecodedByteCount: number;
  webkitVideoDecodedByteCount: number;
  getVideoPlaybackQuality(): { totalVideoFrames: number; droppedVideoFrames: number };
  requestVideoFrameCallback(cb: (now: number, meta: { mediaTime: number }) => void): number;
  pause(): void;
}
interface PageGlobals {
  document: { querySelector(s: string): (VideoLike & { dataset: Record<string, string> }) | null };
  __frames: number[];
}

interface ProbedPacket {
  video: boolean;
  time: number;
  pos: number;
}

/**
 * ffprobe's packets in file order (the sample table's order), with presentation times as ffmpeg
 * presents them (edit lists applied). Null for raw Annex B, which has no times of its own.
 */
function probePackets(file: string): ProbedPacket[] | null {
  if (file.endsWith('.h264')) return null;
  const r = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'packet=codec_type,pts_time,pos', '-of', 'csv=p=0', join(FIXTURES, file)], { encoding: 'utf8' });
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => l.split(','))
    .filter((f) => /^\d+$/.test(f[2] ?? ''))
    .map((f) => ({ video: f[0] === 'video', time: Number(f[1]), pos: Number(f[2]) }))
    .sort((a, b) => a.pos - b.pos);
}

const player = (page: Page) => page.getByRole('region', { name: 'Player' });
const status = (page: Page) => player(page).getAttribute('data-status');

async function openFixture(page: Page, file: string): Promise<void> {
  await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, file));
  await expect.poll(() => status(page), { timeout: 30_000 }).toMatch(/ready|unsupported|failed/);
}

/** Records the media time of every frame the video presents. */
async function recordFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const v = g.document.querySelector('video')!;
    g.__frames = [];
    const f = (_now: number, meta: { mediaTime: number }): void => {
      g.__frames.push(meta.mediaTime);
      v.requestVideoFrameCallback(f);
    };
    v.requestVideoFrameCallback(f);
  });
}

async function videoState(page: Page) {
  return page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const v = g.document.querySelector('video')!;
    const q = v.getVideoPlaybackQuality();
    const ranges: [number, number][] = [];
    for (let i = 0; i < v.buffered.length; i++) ranges.push([v.buffered.start(i), v.buffered.end(i)]);
    return {
      time: v.currentTime,
      paused: v.paused,
      error: v.error ? `${v.error.code} ${v.error.message}` : null,
      frames: q.totalVideoFrames,
      dropped: q.droppedVideoFrames,
      audioBytes: v.webkitAudioDecodedByteCount,
      videoBytes: v.webkitVideoDecodedByteCount,
      ranges,
      presented: g.__frames.slice(),
    };
  });
}

/** Plays from the start to the end: the state once time passed 1 s, and at the end. */
async function playThrough(page: Page, first: boolean) {
  if (!first) {
    await page.evaluate(() => {
      const v = (globalThis as unknown as PageGlobals).document.querySelector('video')!;
      v.currentTime = 0;
    });
    // The seek selects the first frame's sample: let the views settle before playing.
    await page.waitForTimeout(500);
  }
  await recordFrames(page);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await videoState(page)).time, { timeout: 15_000 }).toBeGreaterThan(1);
  const mid = await videoState(page);
  await expect.poll(async () => (await videoState(page)).paused, { timeout: 15_000 }).toBe(true); // played to the end
  return { mid, end: await videoState(page) };
}

const playerData = (page: Page, key: string) => player(page).getAttribute(`data-${key}`);
const selectedRow = (page: Page) => page.getByRole('table', { name: 'Samples' }).locator('.tr.selected');

/** Seconds shown in the sample table's Time column of a row. */
async function rowTime(row: ReturnType<Page['locator']>): Promise<number> {
  return Number(await row.locator('.c.num').nth(2).textContent());
}

describe('the player', () => {
  const pages = hostAndBrowser(['--autoplay-policy=no-user-gesture-required']);

  it('this Chromium plays H.264 and AAC through MSE, and not HEVC', async () => {
    const { page } = await pages.open();
    const supported = await page.evaluate(() => {
      const ms = (globalThis as unknown as { MediaSource: { isTypeSupported(t: string): boolean } }).MediaSource;
      return ['video/mp4; codecs="avc1.42C00D"', 'audio/mp4; codecs="mp4a.40.2"', 'video/mp4; codecs="hvc1.1.6.L60.90"'].map((t) => ms.isTypeSupported(t));
    });
    expect(supported).toEqual([true, true, false]);
    await page.close();
  });

  for (const c of PLAYABLE) {
    it(`plays ${c.file}`, async () => {
      const { page, errors } = await pages.open();
      await openFixture(page, c.file);
      expect(await status(page), (await player(page).textContent()) ?? '').toBe('ready');
      let { mid, end } = await playThrough(page, true);
      if (c.video && end.dropped > 0) {
        // Two cores shared with other builds: a starved compositor drops frames. A second play from the
        // start shows whether the drops are ours (they come back) or the machine's.
        const first = end.dropped;
        ({ mid, end } = await playThrough(page, false));
        end.dropped -= first;
        console.warn(`${c.file}: ${first} frames dropped on the first play, ${end.dropped} on the second`);
      }
      expect(end.error).toBeNull();
      expect(end.ranges.length).toBeGreaterThan(0);
      if (c.video) {
        expect(end.frames).toBeGreaterThan(mid.frames);
        expect(mid.frames).toBeGreaterThan(0);
        expect(end.dropped).toBe(0);
        expect(end.presented.length).toBeGreaterThan(10);
        // Presented in PTS order: media times never go back (a frame may be composited twice).
        for (let i = 1; i < end.presented.length; i++) expect(end.presented[i]!).toBeGreaterThanOrEqual(end.presented[i - 1]!);
        expect(new Set(end.presented).size).toBeGreaterThan(10);
        // Each presented frame is a video sample at its own presentation time (ffprobe's, edit list applied),
        // and the frame on screen at the end is the selected sample.
        const offset = Number(await playerData(page, 'offset'));
        const truth = probePackets(c.file);
        if (truth) {
          // Bitlens reads smooth.ismv's composition times 0.08 s (two frames) earlier than ffmpeg, for every
          // frame alike; the player follows Bitlens's sample table.
          const lag = c.file === 'smooth.ismv' ? 0.08 : 0;
          const videoTimes = truth.filter((p) => p.video).map((p) => p.time - lag);
          for (const m of end.presented) expect(Math.min(...videoTimes.map((t) => Math.abs(t - (m + offset)))), `frame at ${m}`).toBeLessThan(0.001);
        }
        await expect.poll(() => selectedRow(page).count()).toBe(1);
        const shown = await playerData(page, 'packet');
        expect(await selectedRow(page).locator('.c.idx').textContent()).toBe(shown);
        const last = end.presented[end.presented.length - 1]!;
        // (MPEG-TS: ffprobe counts packets differently from the PES table, so only times are compared there.)
        if (truth && c.file !== 'segment.ts') expect(truth[Number(shown)]!.time - (c.file === 'smooth.ismv' ? 0.08 : 0)).toBeCloseTo(last + offset, 3);
      } else {
        expect(end.frames).toBe(0);
      }
      if (c.audio) expect(end.audioBytes).toBeGreaterThan(0);
      else expect(end.audioBytes).toBe(0);
      if (c.file === 'avc-high-bframes-faststart.mp4' || c.file === 'aac-lc.adts.aac') await screenshot(page, `player-${c.file}`);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('a sample chosen in the table seeks the video to its frame; frame steps move the selection', async () => {
    const { page, errors } = await pages.open();
    await openFixture(page, 'avc-high-bframes-faststart.mp4');
    await recordFrames(page);
    // The table starts at the top: choose the last video sample on screen (a B-frame some frames in).
    const rows = page.getByRole('table', { name: 'Samples' }).locator('.tr').filter({ hasText: 'h264' });
    const row = rows.nth((await rows.count()) - 1);
    const index = Number(await row.locator('.c.idx').textContent());
    const time = await rowTime(row);
    await row.click();
    await expect.poll(() => playerData(page, 'packet'), { timeout: 10_000 }).toBe(String(index));
    // The frame presented is that sample's, at its presentation time (ffprobe's, edit list applied).
    const offset = Number(await playerData(page, 'offset'));
    const seen = await videoState(page);
    expect(seen.presented[seen.presented.length - 1]! + offset).toBeCloseTo(probePackets('avc-high-bframes-faststart.mp4')![index]!.time, 3);
    expect(await selectedRow(page).locator('.c.idx').textContent()).toBe(String(index));
    // One frame on: the next frame in presentation order becomes the selected sample.
    await page.getByRole('button', { name: 'Next frame' }).click();
    await expect.poll(() => playerData(page, 'packet')).not.toBe(String(index));
    await expect.poll(async () => rowTime(selectedRow(page))).toBeCloseTo(time + 1 / 30, 2);
    expect(seen.error).toBeNull();
    await screenshot(page, 'player-seek');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('HEVC: says plainly that this browser cannot play it', async () => {
    const { page, errors } = await pages.open();
    await openFixture(page, 'hevc.mp4');
    expect(await status(page)).toBe('unsupported');
    expect(await page.getByTestId('player-message').textContent()).toContain('This browser cannot play HEVC (hvc1.1.6.L60.90)');
    await screenshot(page, 'player-hevc');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a fragment broken on purpose: the error names the fragment and the sample', async () => {
    // Video packet 30 (ffprobe's own byte position) gets a NAL unit length far past its end.
    const file = join(FIXTURES, 'avc-baseline-aac.mp4');
    const probe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'packet=stream_index,pos', '-of', 'csv=p=0', file], { encoding: 'utf8' });
    const packets = probe.stdout.trim().split('\n').map((l) => l.split(',').map(Number) as [number, number]);
    const video = packets.filter(([s]) => s === 0);
    const pos = video[30]![1];
    const index = packets.map(([, p]) => p).sort((a, b) => a - b).indexOf(pos); // our table is in file order
    const bytes = readFileSync(file);
    bytes.set([0x7f, 0xff, 0xff, 0xff], pos);
    const { page } = await pages.open();
    await dropFile(page, 'broken.mp4', bytes);
    await expect.poll(() => status(page), { timeout: 30_000 }).toMatch(/ready|failed/);
    // hls.js buffers ahead: the broken fragment may be refused before anyone presses Play.
    if ((await status(page)) === 'ready') await page.getByRole('button', { name: 'Play' }).click({ timeout: 2000 }).catch(() => {});
    await expect.poll(() => status(page), { timeout: 15_000 }).toBe('failed');
    const message = (await page.getByTestId('player-message').textContent()) ?? '';
    expect(message).toMatch(/^(bufferAppendError|mediaSourceRequiresReset|MediaError)/);
    expect(message).toMatch(/in fragment \d+ \(seg-\d+, samples \d+–\d+\)/);
    expect(message).toContain(`sample ${index} is broken: NAL unit 0 claims 2147483647 bytes`);
    await page.getByRole('button', { name: `Show sample ${index}` }).click();
    await expect.poll(() => selectedRow(page).locator('.c.idx').textContent()).toBe(String(index));
    await screenshot(page, 'player-broken-fragment');
    await page.close();
  });
});
