// The Live tab in Chromium against the web host: the server started from the page, ffmpeg publishing in real
// time, the session, its RTMP commands with their AMF fields, tags arriving, a tag's fields and bytes, the
// test stream, and screenshots of each view.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { publish } from '../helpers/rtmp.js';
import { FIXTURES, screenshot, hostAndBrowser } from './harness.js';

const tree = (page: Page) => page.getByRole('listbox', { name: 'Structure tree' });
const nodeRow = (page: Page, name: string) => tree(page).getByRole('option').filter({ has: page.locator('.name', { hasText: new RegExp(`^${name}$`) }) });
const fieldRow = (page: Page, name: string) => tree(page).getByRole('option').filter({ has: page.locator('.fname', { hasText: new RegExp(`^${name}$`) }) });
const details = (page: Page) => page.getByTestId('field-details');
const sessions = (page: Page) => page.getByRole('listbox', { name: 'Live sessions' }).getByRole('option');
const tagCount = async (page: Page): Promise<number> => Number((await page.getByTestId('live-tag-count').textContent())!.replace(/\D/g, ''));

async function startServer(page: Page): Promise<number> {
  await page.getByRole('tab', { name: /Live/ }).click();
  // One server per host: a page that joins a running one sees it running.
  await expect.poll(() => page.getByTestId('server-state').textContent()).toMatch(/Listening|Stopped/);
  if ((await page.getByTestId('server-state').textContent())!.startsWith('Stopped')) {
    await page.getByLabel('Port').fill('0');
    await page.getByRole('button', { name: 'Start server' }).click();
  }
  await expect.poll(() => page.getByTestId('server-state').textContent(), { timeout: 10_000 }).toMatch(/Listening on 127\.0\.0\.1:\d+/);
  return Number(/:(\d+)/.exec((await page.getByTestId('server-state').textContent())!)![1]);
}

describe('the Live tab', () => {
  const pages = hostAndBrowser();

  it('ffmpeg publishes: the session, its RTMP commands with their AMF fields, tags arriving, a tag\'s fields and bytes', async () => {
    const { page, errors } = await pages.open();
    await expect.poll(() => page.getByRole('tab', { name: /Live/ }).count()).toBe(1);
    await page.getByRole('tab', { name: /Live/ }).click();
    await screenshot(page, 'live-empty');
    const port = await startServer(page);
    // The address to paste into OBS and the ffmpeg line are on screen with copy buttons.
    expect(await page.locator('.urls').textContent()).toContain(`rtmp://127.0.0.1:${port}/live`);
    expect(await page.getByRole('button', { name: /^Copy/ }).count()).toBe(3);
    await screenshot(page, 'live-server');

    // 3 s of H.264 + AAC in real time.
    const done = publish(join(FIXTURES, 'avc-aac.flv'), `rtmp://127.0.0.1:${port}/live/cam`, [], ['-re']);
    await expect.poll(() => sessions(page).count(), { timeout: 10_000 }).toBe(1);
    expect(await sessions(page).first().textContent()).toContain('live/cam');

    // The RTMP layer: handshake, then connect, createStream and publish as AMF command messages.
    for (const name of ['C0', 'C1', 'C2', 'connect', 'createStream', 'publish']) {
      await expect.poll(() => nodeRow(page, name).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    }
    // connect opens at first sight: its AMF fields (command object with app and tcUrl).
    await fieldRow(page, 'command object').first().locator('.twisty').click();
    await expect.poll(() => fieldRow(page, 'app').count()).toBeGreaterThan(0);
    await fieldRow(page, 'tcUrl').first().click();
    expect(await details(page).locator('h2').textContent()).toBe('tcUrl');
    expect(await details(page).getByTestId('field-value').textContent()).toContain(`rtmp://127.0.0.1:${port}/live`);
    // Its bytes are selected in the hex view.
    await expect.poll(() => page.locator('#hex-grid .cols .b.sel').count()).toBeGreaterThan(10);
    await screenshot(page, 'live-connect');

    // Tags keep arriving while ffmpeg publishes.
    await expect.poll(() => tagCount(page), { timeout: 10_000 }).toBeGreaterThan(5);
    const before = await tagCount(page);
    await expect.poll(() => tagCount(page), { timeout: 10_000 }).toBeGreaterThan(before + 10);
    expect(Number((await sessions(page).first().getByTestId('session-tags').textContent())!.replace(/\D/g, ''))).toBeGreaterThan(before);

    // A video tag: its FLV fields and its NAL units, and its bytes.
    await page.getByLabel('Filter the structure').fill('AVC NALU');
    const tagRow = tree(page).getByRole('option').filter({ hasText: 'AVC NALU' }).first();
    await tagRow.click();
    await expect.poll(() => page.locator('#hex-grid .cols .b.sel').count()).toBeGreaterThan(4);
    await page.getByLabel('Filter the structure').fill('CodecID');
    await fieldRow(page, 'CodecID').first().click();
    expect(await details(page).locator('h2').textContent()).toBe('CodecID');
    expect(await details(page).textContent()).toMatch(/AVC|7/);
    await page.getByLabel('Filter the structure').fill('');
    await screenshot(page, 'live-session');

    expect((await done).code).toBe(0);
    await expect.poll(() => sessions(page).first().textContent(), { timeout: 10_000 }).toContain('ended');
    await expect.poll(() => page.locator('.counts').textContent(), { timeout: 10_000 }).toContain('complete');
    // ffprobe: 75 video and 131 audio frames; ffmpeg adds onMetaData, two sequence headers and an end of sequence.
    await expect.poll(() => tagCount(page), { timeout: 10_000 }).toBe(75 + 131 + 4);
    await screenshot(page, 'live-ended');

    // The finished session opens like a file: an .rtmpcap tab with the same RTMP layer.
    await page.getByRole('button', { name: 'Open as file' }).click();
    const fileTab = page.getByRole('tablist', { name: 'Open documents' }).getByRole('tab', { selected: true });
    await expect.poll(() => fileTab.textContent(), { timeout: 10_000 }).toMatch(/cam-.*\.rtmpcap/);
    await page.getByLabel('Parsing').waitFor({ state: 'detached', timeout: 20_000 });
    await expect.poll(() => nodeRow(page, 'publish').count()).toBeGreaterThan(0);
    await screenshot(page, 'live-capture-file');

    // The live player in the slot is tested in live-player.test.ts.
    expect(errors).toEqual([]);
    await page.getByRole('tab', { name: /Live/ }).click();
    await page.getByRole('button', { name: 'Stop server' }).click();
    await expect.poll(() => page.getByTestId('server-state').textContent()).toBe('Stopped');
    await page.close();
  });

  it('the test stream button publishes the bundled sample: a session appears and its tags arrive', async () => {
    const { page, errors } = await pages.open();
    await startServer(page);
    await page.getByRole('button', { name: 'Test stream' }).click();
    await expect.poll(() => sessions(page).filter({ hasText: 'live/test' }).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => sessions(page).filter({ hasText: 'live/test' }).first().getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => tagCount(page), { timeout: 10_000 }).toBeGreaterThan(20);
    expect(await sessions(page).filter({ hasText: 'live/test' }).first().textContent()).toContain('Bitlens test stream');
    // Statistics arrive once a second.
    await expect.poll(() => page.getByTestId('live-stat').first().textContent(), { timeout: 10_000 }).toMatch(/kbit\/s|Mbit\/s/);
    await new Promise((r) => setTimeout(r, 2500));
    await screenshot(page, 'live-test-stream');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'live-test-stream-dark');
    await page.getByRole('button', { name: 'Stop test stream' }).click();
    await expect.poll(() => sessions(page).filter({ hasText: 'live/test' }).first().textContent(), { timeout: 10_000 }).toContain('ended');
    await page.getByRole('button', { name: 'Stop server' }).click();
    expect(errors).toEqual([]);
    await page.close();
  });
});
