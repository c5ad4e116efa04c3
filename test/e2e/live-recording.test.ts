// The Live tab's record switch when the disk fills: the web host runs under RLIMIT_FSIZE, so the
// recording's writes fail with EFBIG as they would on a full disk. A banner says so at once, the
// switch goes off, and the session goes on live.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { publish } from '../helpers/rtmp.js';
import { FIXTURES, hostAndBrowser, screenshot } from './harness.js';

const sessions = (page: Page) => page.getByRole('listbox', { name: 'Live sessions' }).getByRole('option');
const recordSwitch = (page: Page) => page.getByRole('switch', { name: 'Record' });

describe('recording from the Live tab onto a full disk', () => {
  // 200 kB a file: the MP4 and the FLV of avc-aac.flv (150 kB in 3 s) pass it within a few seconds.
  const pages = hostAndBrowser([], { maxFileBytes: 200_000 });

  it('shows why the recording stopped while the session stays live', async () => {
    const { page, errors } = await pages.open();
    await page.getByRole('tab', { name: /Live/ }).click();
    await page.getByLabel('Port').fill('0');
    await page.getByRole('button', { name: 'Start server' }).click();
    await expect.poll(() => page.getByTestId('server-state').textContent(), { timeout: 10_000 }).toMatch(/Listening on 127\.0\.0\.1:\d+/);
    const port = Number(/:(\d+)/.exec((await page.getByTestId('server-state').textContent())!)![1]);

    // 15 s in real time (the sample five times over).
    const done = publish(join(FIXTURES, 'avc-aac.flv'), `rtmp://127.0.0.1:${port}/live/full`, [], ['-re', '-stream_loop', '4']);
    await expect.poll(() => sessions(page).count(), { timeout: 10_000 }).toBe(1);
    await recordSwitch(page).check({ force: true });
    await expect.poll(() => page.locator('.files').textContent(), { timeout: 10_000 }).toContain('.flv');

    const banner = page.getByRole('alert').filter({ hasText: 'Recording stopped' });
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.textContent()).toMatch(/live_full_.*\.(mp4|flv): EFBIG: file too large/);
    // The switch went off by itself; the session is still live and can be recorded again.
    await expect.poll(() => recordSwitch(page).isChecked()).toBe(false);
    expect(await sessions(page).first().textContent()).not.toContain('ended');
    expect(await recordSwitch(page).isDisabled()).toBe(false);
    await screenshot(page, 'live-recording-disk-full');

    expect((await done).code).toBe(0);
    await expect.poll(() => sessions(page).first().textContent(), { timeout: 10_000 }).toContain('ended');
    // The banner stays after the session ends: the reason the files are short.
    expect(await banner.count()).toBe(1);
    expect(errors).toEqual([]);
    await page.getByRole('button', { name: 'Stop server' }).click();
    await page.close();
  });
});
