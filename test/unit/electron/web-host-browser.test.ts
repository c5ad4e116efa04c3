// The web host with a real browser (Debian's Chromium through playwright-core): the page's CSP (connect-src 'self')
// lets the client reach the WebSocket, the token and Origin checks pass for the real page, and bytes arrive intact.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startWebHost } from '../../../electron/web.js';
import { indexHtmlCsp, ROOT, scratch } from './web-host-kit.js';

const CHROMIUM = '/usr/bin/chromium';
const CLIENT = join(ROOT, 'renderer', 'src', 'lib', 'ws-api-client.ts');

// What the page runs: connect, open a sample, read its first bytes, wait for the host's open request.
const PAGE_SCRIPT = `
import { connectWebApi } from ${JSON.stringify(CLIENT)};
window.result = connectWebApi().then(async (api) => {
  const file = await api.openSample('mp4-h264-aac');
  const head = await api.readRange(file.fileId, 0, 16);
  const request = await new Promise((resolve) => api.onOpenRequest(resolve));
  return { version: await api.version(), head: Array.from(head), request, dialog: await api.showOpenDialog() };
});`;

describe('web host in Chromium', () => {
  it('has Debian\'s Chromium installed', () => {
    expect(existsSync(CHROMIUM)).toBe(true);
  });

  it('serves a page whose client calls the API over the WebSocket', async () => {
    const dirs = scratch();
    mkdirSync(join(dirs.rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(dirs.dir, 'page.ts'), PAGE_SCRIPT);
    await build({ entryPoints: [join(dirs.dir, 'page.ts')], bundle: true, format: 'esm', outfile: join(dirs.rendererDir, 'assets', 'app.js'), logLevel: 'silent' });
    writeFileSync(join(dirs.rendererDir, 'index.html'), `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${indexHtmlCsp()}"><script type="module" src="./assets/app.js"></script>`);
    const aac = join(ROOT, 'build', 'samples', 'sine.aac');
    const host = await startWebHost({ port: 0, rendererDir: dirs.rendererDir, dataDir: dirs.dataDir, openPaths: [aac] });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      // The browser asks for /favicon.ico on its own; the page has none (404) and that is fine.
      page.on('console', (m) => void (m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text())));
      page.on('response', (r) => void (r.status() >= 400 && !r.url().endsWith('/favicon.ico') && problems.push(`${r.status()} ${r.url()}`)));
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(host.url);
      const result = await page.evaluate(() => (globalThis as unknown as { result: Promise<unknown> }).result);
      const mp4 = readFileSync(join(ROOT, 'build', 'samples', 'h264-aac.mp4'));
      expect(result).toEqual({ version: expect.any(String), head: [...mp4.subarray(0, 16)], request: { paths: [aac] }, dialog: [] });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
      await host.close();
    }
  });
});
