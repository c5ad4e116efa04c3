// The Charts tab in Chromium against the web host: the charts draw, a click on a bar selects its sample.
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script module without type declarations
import { bigMp4 } from '../../scripts/bench/data.mjs';
import { FIXTURES, screenshot, hostAndBrowser } from './harness.js';

const NAME = 'avc-high-bframes-faststart.mp4';

const activeTab = (page: Page) => page.getByRole('tablist', { name: 'Open documents' }).getByRole('tab', { selected: true });
const chart = (page: Page, id: string) => page.locator(`[data-chart="${id}"]`);
const readout = (page: Page) => page.getByTestId('chart-readout');
const kindTab = (page: Page, name: string) => page.getByRole('tablist', { name: 'Charts' }).getByRole('tab', { name, exact: true });

async function parsed(page: Page, name: string, timeout = 20_000): Promise<void> {
  await expect.poll(() => activeTab(page).textContent(), { timeout: 10_000 }).toContain(name);
  await page.getByLabel('Parsing').waitFor({ state: 'detached', timeout });
}

/** Pixels of a chart's canvas by colour family: how much is drawn, and how much of it is red, blue, green. */
interface Ink {
  drawn: number;
  red: number;
  blue: number;
  green: number;
}

async function ink(c: Locator): Promise<Ink> {
  await c.locator('canvas').waitFor();
  return c.locator('canvas').evaluate((el) => {
    const canvas = el as unknown as { width: number; height: number; getContext(t: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    const out = { drawn: 0, red: 0, blue: 0, green: 0 };
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (a < 40) continue;
      out.drawn++;
      if (r > 150 && r > g + 60 && r > b + 60) out.red++;
      else if (b > 150 && b > r + 60 && b > g + 20) out.blue++;
      else if (g > 120 && g > r + 40 && g > b + 20) out.green++;
    }
    return out;
  });
}

/**
 * Clicks in the page and measures, in the page, until the frame after: Svelte's update, the charts'
 * creation and their first draw all happen before it.
 */
async function timedClick(target: Locator): Promise<number> {
  return target.evaluate((el) => {
    const g = globalThis as unknown as { performance: { now(): number }; requestAnimationFrame(f: () => void): void };
    const t0 = g.performance.now();
    (el as unknown as { click(): void }).click();
    return new Promise<number>((resolve) => g.requestAnimationFrame(() => setTimeout(() => resolve(g.performance.now() - t0), 0)));
  });
}

/** Drags the strip's splitter up so the charts get room, as a person would. */
async function taller(page: Page, by: number): Promise<void> {
  const splitter = page.getByRole('separator', { name: 'Resize the sample table' });
  const box = (await splitter.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - by, { steps: 4 });
  await page.mouse.up();
}

describe('the Charts tab', () => {
  const pages = hostAndBrowser();

  it(`${NAME}: frame sizes coloured I/P/B, a click on a bar selects its sample in the sample table`, async () => {
    const { page, errors } = await pages.open();
    await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, NAME));
    await parsed(page, NAME);
    await taller(page, 190);
    await page.getByRole('tab', { name: 'Charts', exact: true }).click();

    const video = chart(page, 'sizes-video');
    await expect.poll(async () => (await ink(video)).drawn, { timeout: 10_000 }).toBeGreaterThan(2000);
    const pixels = await ink(video);
    // 3 I, 22 P and 35 B frames: all three colours are on screen.
    expect(pixels.red, 'I bars').toBeGreaterThan(200);
    expect(pixels.blue, 'P bars').toBeGreaterThan(200);
    expect(pixels.green, 'B bars').toBeGreaterThan(200);
    expect((await ink(chart(page, 'sizes-audio'))).drawn).toBeGreaterThan(500);
    expect(await page.getByLabel('Legend').textContent()).toMatch(/I\s*3.*P\s*22.*B \(reordered\)\s*35/);
    await screenshot(page, 'charts-frame-sizes');

    // The second keyframe is video sample 26 (frame 25, 0.833 s). x runs over DTS with 0.6 of a frame of room each side.
    const over = video.locator('.u-over');
    const box = (await over.boundingBox())!;
    const frame = 1 / 30;
    const fraction = (25 * frame + 0.6 * frame) / (59 * frame + 1.2 * frame);
    await page.mouse.move(box.x + box.width * fraction, box.y + box.height * 0.7);
    await expect.poll(() => readout(page).textContent()).toMatch(/sample 26 of 60 \(packet \d+\) · I · /);
    const packet = Number(/\(packet (\d+)\)/.exec((await readout(page).textContent())!)![1]);
    await page.mouse.click(box.x + box.width * fraction, box.y + box.height * 0.7);
    await page.mouse.move(box.x - 30, box.y - 30); // leave: the readout tells the selection
    await expect.poll(() => readout(page).textContent()).toMatch(new RegExp(`^Selected: .*sample 26 of 60 \\(packet ${packet}\\) · I`));
    await screenshot(page, 'charts-frame-sizes-selected');

    // Arrow keys step through the track: the next video sample is a B frame here (decode order I B B P).
    await page.getByRole('slider', { name: 'Chart' }).press('ArrowRight');
    await expect.poll(() => readout(page).textContent()).toMatch(/^Selected: .*sample 27 of 60/);
    await page.getByRole('slider', { name: 'Chart' }).press('ArrowLeft');

    // The sample table follows the one selection.
    await page.getByRole('tab', { name: /^Samples/ }).click();
    const selected = page.getByRole('listbox', { name: 'Sample table' }).locator('.tr.selected');
    await expect.poll(() => selected.locator('.idx').textContent()).toBe(String(packet));
    expect(await selected.locator('.key').textContent()).toBe('K');

    // Dark: the charts redraw in the dark theme.
    await page.getByRole('tab', { name: 'Charts', exact: true }).click();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(async () => (await ink(chart(page, 'sizes-video'))).drawn).toBeGreaterThan(2000);
    await screenshot(page, 'charts-frame-sizes-dark');
    expect(errors).toEqual([]);
    await page.close();
  });

  it(`${NAME}: bitrate, GOP, DTS/PTS and interleave charts draw, and their clicks select packets`, async () => {
    const { page, errors } = await pages.open();
    await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, NAME));
    await parsed(page, NAME);
    await taller(page, 190);
    await page.getByRole('tab', { name: 'Charts', exact: true }).click();
    const kinds = [
      ['Bitrate', 'bitrate', /total .*kbit\/s/],
      ['GOP', 'gop', /GOP \d of 3 .* frames/],
      ['DTS / PTS', 'timestamps', /^Packet \d+ · \d (h264|aac) · DTS/],
      ['A/V interleave', 'interleave', /video is .* (ahead of|behind) audio/],
    ] as const;
    for (const [label, id, text] of kinds) {
      await kindTab(page, label).click();
      const c = chart(page, id);
      await expect.poll(async () => (await ink(c)).drawn, { timeout: 10_000, message: id }).toBeGreaterThan(800);
      const box = (await c.locator('.u-over').boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.5);
      await expect.poll(() => readout(page).textContent(), { message: id }).toMatch(text);
      await page.mouse.click(box.x + box.width * 0.45, box.y + box.height * 0.5);
      await page.mouse.move(box.x - 30, box.y - 30);
      await expect.poll(() => readout(page).textContent(), { message: id }).toMatch(/^Selected: .*\(packet \d+\)/);
      await screenshot(page, `charts-${id}`);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  // The benchmark's one-hour file, built by ffmpeg stream copy (a few seconds) when a clone has none.
  it('a one-hour MP4 (bench-data/big-1h.mp4): every chart draws, zooms and clicks (creation times printed)', async () => {
    const big = bigMp4();
    const { page, errors } = await pages.open();
    await page.setInputFiles('[data-testid=file-input]', big);
    await parsed(page, 'big-1h.mp4', 120_000);
    await taller(page, 190);
    const count = await page.getByRole('tab', { name: /^Samples/ }).textContent();
    const first = await timedClick(page.getByRole('tab', { name: 'Charts', exact: true }));
    await expect.poll(async () => (await ink(chart(page, 'sizes-video'))).drawn, { timeout: 20_000 }).toBeGreaterThan(2000);
    const times = [`frame sizes ${first.toFixed(0)} ms (with the data preparation)`];
    for (const [label, id] of [['Bitrate', 'bitrate'], ['GOP', 'gop'], ['DTS / PTS', 'timestamps'], ['A/V interleave', 'interleave']] as const) {
      const ms = await timedClick(kindTab(page, label));
      await expect.poll(async () => (await ink(chart(page, id))).drawn, { timeout: 20_000 }).toBeGreaterThan(500);
      times.push(`${id} ${ms.toFixed(0)} ms`);
      await screenshot(page, `charts-1h-${id}`);
    }
    await kindTab(page, 'Frame sizes').click();
    await screenshot(page, 'charts-1h-frame-sizes');
    // Hovering redraws the cursor only; zooming redraws the bars from the 250,000 samples.
    const box = (await chart(page, 'sizes-video').locator('.u-over').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.32, box.y + 20, { steps: 3 });
    await page.mouse.up();
    await expect.poll(() => readout(page).textContent()).toMatch(/sample/);
    const zoomed = (await chart(page, 'sizes-video').locator('.u-over').boundingBox())!;
    await page.mouse.click(zoomed.x + zoomed.width * 0.5, zoomed.y + zoomed.height * 0.9);
    await page.mouse.move(zoomed.x - 30, zoomed.y - 30);
    await expect.poll(() => readout(page).textContent()).toMatch(/^Selected: 1 h264 sample \d+ of 90000/);
    await screenshot(page, 'charts-1h-frame-sizes-zoomed');
    console.log(`charts on big-1h.mp4 (${count?.replace(/\D/g, '')} packets): ${times.join(', ')}`);
    expect(errors).toEqual([]);
    await page.close();
  });
});
