// Browser tests drive Debian's Chromium (never a downloaded browser) against the web host serving dist/renderer.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = join(ROOT, 'test/fixtures');
export const SHOTS = join(ROOT, 'test-results/screenshots');
const CHROMIUM = '/usr/bin/chromium';
const WEB = join(ROOT, 'dist/web.js');
const RENDERER = join(ROOT, 'dist/renderer/index.html');

/** Browser tests fail, never skip, when what they need is missing: a skipped check would pass silently. */
export function requireBrowserSetup(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install -y chromium)`);
  if (!existsSync(WEB) || !existsSync(RENDERER)) throw new Error('dist/web.js or dist/renderer is missing (npm run build)');
}

export interface Host {
  url: string;
  close(): Promise<void>;
}

export interface HostOptions {
  /** RLIMIT_FSIZE (prlimit): the host's writes past this many bytes in a file fail with EFBIG, as on a full disk. */
  maxFileBytes?: number;
}

/** Starts `node dist/web.js --port 0` with a throwaway data folder; resolves with the address it prints. */
export function startHost(files: string[] = [], options: HostOptions = {}): Promise<Host> {
  const data = mkdtempSync(join(tmpdir(), 'bitlens-e2e-'));
  const command = [process.execPath, WEB, '--port', '0', '--data', data, ...files];
  if (options.maxFileBytes !== undefined) command.unshift('prlimit', `--fsize=${options.maxFileBytes}`, '--');
  const child: ChildProcess = spawn(command[0]!, command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  const close = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(data, { recursive: true, force: true });
  };
  return new Promise((resolveHost, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${out}`)), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/\S+\?token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveHost({ url: m[1]!, close });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`web host exited (${code}): ${out}`)));
  });
}

/** `extraArgs`: e.g. '--autoplay-policy=no-user-gesture-required' for the player tests. */
export function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/** A page at the host's address; page errors and console errors are collected for the test to assert on. */
export async function openPage(browser: Browser, url: string, colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Failed loads are reported with their address below.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(url);
  // The app mounts from its own chunk after the page's load event (the entry starts the parse worker first).
  await page.locator('#app > *').first().waitFor();
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** The browser globals the page scripts below use (the test project has no DOM lib). */
interface PageGlobals {
  DataTransfer: new () => { items: { add(file: unknown): void }; setData(type: string, value: string): void };
  File: new (parts: unknown[], name: string) => unknown;
  DragEvent: new (type: string, init: object) => unknown;
  ClipboardEvent: new (type: string, init: object) => unknown;
  document: { querySelector(selector: string): EventSink | null; body: EventSink };
  atob(data: string): string;
}
interface EventSink {
  dispatchEvent(event: unknown): boolean;
}

/** Dispatches a drop of one file (bytes from the test) on the window, as a person dragging it in would. */
export async function dropFile(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.evaluate(
    ({ name, b64 }) => {
      const g = globalThis as unknown as PageGlobals;
      const data = Uint8Array.from(g.atob(b64), (c) => c.charCodeAt(0));
      const transfer = new g.DataTransfer();
      transfer.items.add(new g.File([data], name));
      const target = g.document.querySelector('main') ?? g.document.body;
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new g.DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
    },
    { name, b64: Buffer.from(bytes).toString('base64') },
  );
}

/** Dispatches a paste of text on the window (focus outside any text box), as Ctrl+V would. */
export async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((text) => {
    const g = globalThis as unknown as PageGlobals;
    const data = new g.DataTransfer();
    data.setData('text/plain', text);
    g.document.body.dispatchEvent(new g.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/**
 * One web host and one Chromium for a describe block, started before its tests and closed after them.
 * Returns how a test opens a page at the host.
 */
export function hostAndBrowser(launchArgs: string[] = [], hostOptions: HostOptions = {}): { open(colorScheme?: 'light' | 'dark'): Promise<{ page: Page; errors: string[] }> } {
  let host: Host | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    requireBrowserSetup();
    [host, browser] = await Promise.all([startHost([], hostOptions), launch(launchArgs)]);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });
  return {
    open: (colorScheme = 'light') => {
      if (!host || !browser) throw new Error('the host and browser start before the tests');
      return openPage(browser, host.url, colorScheme);
    },
  };
}
