// The live player in Chromium against the web host: ffmpeg publishes in real time, the Live tab shows the
// session, its RTMP commands and tags arriving, and the video in the player slot plays (time advances,
// frames decoded, no MediaError) with the frames on screen mapped back to their RTMP times and a latency
// readout; then the publish ends and the player plays out. Screenshots of the Live tab playing.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { publish } from '../helpers/rtmp.js';
import { FIXTURES, screenshot, hostAndBrowser } from './harness.js';

/** The page's globals used below (the test project has no DOM lib). */
interface VideoLike {
  currentTime: number;
  paused: boolean;
  error: { code: number; message: string } | null;
  getVideoPlaybackQuality(): { totalVideoFrames: number; droppedVideoFrames: number };
  webkitAudioDecodedByteCount: number;
  addEventListener(type: string, listener: (e: { detail: FrameDetail }) => void): void;
}
interface FrameDetail {
  pts: number;
  shownAt: number;
  serverAt: number | undefined;
  receivedAt: number;
  newestPts: number;
}
interface PageGlobals {
  document: { querySelector(s: string): VideoLike | null };
  __liveFrames: FrameDetail[];
}

const VIDEO = '[data-testid=live-player-slot] video';
const tree = (page: Page) => page.getByRole('listbox', { name: 'Structure tree' });
const nodeRow = (page: Page, name: string) => tree(page).getByRole('option').filter({ has: page.locator('.name', { hasText: new RegExp(`^${name}$`) }) });
const tagCount = async (page: Page): Promise<number> => Number((await page.getByTestId('live-tag-count').textContent())!.replace(/\D/g, ''));

function videoState(page: Page) {
  return page.evaluate((selector) => {
    const v = (globalThis as unknown as PageGlobals).document.querySelector(selector);
    if (!v) return null;
    const q = v.getVideoPlaybackQuality();
    return { time: v.currentTime, paused: v.paused, error: v.error ? `${v.error.code} ${v.error.message}` : null, frames: q.totalVideoFrames, dropped: q.droppedVideoFrames, audioBytes: v.webkitAudioDecodedByteCount };
  }, VIDEO);
}

describe('the live player', () => {
  const pages = hostAndBrowser(['--autoplay-policy=no-user-gesture-required']);

  it('ffmpeg publishes: the session, its commands, tags arriving and the video playing with a latency readout', async () => {
    const { page, errors } = await pages.open();
    await page.getByRole('tab', { name: /Live/ }).click();
    await expect.poll(() => page.getByTestId('server-state').textContent()).toMatch(/Stopped/);
    await page.getByLabel('Port').fill('0');
    await page.getByRole('button', { name: 'Start server' }).click();
    await expect.poll(() => page.getByTestId('server-state').textContent(), { timeout: 10_000 }).toMatch(/Listening on 127\.0\.0\.1:\d+/);
    const port = Number(/:(\d+)/.exec((await page.getByTestId('server-state').textContent())!)![1]);

    // 9 s of H.264 + AAC in real time (the 3 s fixture three times).
    const done = publish(join(FIXTURES, 'avc-aac.flv'), `rtmp://127.0.0.1:${port}/live/cam`, [], ['-re', '-stream_loop', '2']);
    for (const name of ['connect', 'createStream', 'publish']) {
      await expect.poll(() => nodeRow(page, name).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    }
    await expect.poll(() => tagCount(page), { timeout: 10_000 }).toBeGreaterThan(5);
    const tags = await tagCount(page);

    // The video in the player slot starts and its time advances; frames are decoded and none fail.
    await page.waitForSelector(VIDEO);
    await page.evaluate((selector) => {
      const g = globalThis as unknown as PageGlobals;
      g.__liveFrames = [];
      g.document.querySelector(selector)!.addEventListener('bitlens-live-frame', (e) => g.__liveFrames.push(e.detail));
    }, VIDEO);
    await expect.poll(async () => (await videoState(page))?.time ?? 0, { timeout: 15_000 }).toBeGreaterThan(0.5);
    const first = (await videoState(page))!;
    await new Promise((r) => setTimeout(r, 2000));
    const later = (await videoState(page))!;
    expect(later.error).toBeNull();
    expect(later.paused).toBe(false);
    expect(later.time - first.time).toBeGreaterThan(1);
    expect(later.frames - first.frames).toBeGreaterThan(20);
    expect(later.audioBytes).toBeGreaterThan(0);
    expect(await tagCount(page)).toBeGreaterThan(tags);
    expect(await page.locator('[aria-label="Live player"]').getAttribute('data-status')).toBe('playing');

    // Each frame on screen maps to an RTMP time the session delivered, in order, a little behind the newest.
    const frames = await page.evaluate(() => (globalThis as unknown as PageGlobals).__liveFrames);
    expect(frames.length).toBeGreaterThan(20);
    for (let i = 1; i < frames.length; i++) expect(frames[i]!.pts).toBeGreaterThanOrEqual(frames[i - 1]!.pts);
    // The fixture is 25 fps: 40 ms between frames.
    expect(frames[frames.length - 1]!.pts - frames[0]!.pts).toBeGreaterThan(1000);
    for (const f of frames) {
      expect(f.newestPts - f.pts).toBeGreaterThanOrEqual(0);
      expect(f.serverAt).toBeTypeOf('number');
      // Server receipt, page receipt and display in that order, and not seconds apart on an idle machine.
      expect(f.receivedAt).toBeGreaterThanOrEqual(f.serverAt! - 5);
      expect(f.shownAt).toBeGreaterThan(f.receivedAt);
      expect(f.shownAt - f.serverAt!).toBeLessThan(3000);
    }
    // The readout says how far behind, in seconds.
    await expect.poll(() => page.getByTestId('live-latency').textContent()).toMatch(/\d\.\d\d s behind newest · \d\.\d\d s behind server/);
    await screenshot(page, 'live-player-playing');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'live-player-playing-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // The publish ends: the session says so and the player plays out what it holds, without an error.
    expect((await done).code).toBe(0);
    await expect.poll(() => page.getByRole('listbox', { name: 'Live sessions' }).getByRole('option').first().textContent(), { timeout: 10_000 }).toContain('ended');
    await expect.poll(async () => (await videoState(page))?.paused, { timeout: 10_000 }).toBe(true);
    const end = (await videoState(page))!;
    expect(end.error).toBeNull();
    expect(end.time).toBeGreaterThan(5);
    expect(errors).toEqual([]);
    await page.getByRole('button', { name: 'Stop server' }).click();
    await page.close();
  });
});
