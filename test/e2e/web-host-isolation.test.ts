// The web host's token stays with the web host: another server on 127.0.0.1 (another port) that the browser
// visits or the page fetches after Bitlens opened a file receives no cookie and no token. Cookies are not
// scoped by port, so a token cookie would reach it; the page must send the token only where its code says.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../helpers/fixtures.js';
import { launch, requireBrowserSetup, startHost, type Host } from './harness.js';

const NAME = 'avc-baseline-aac.mp4';

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
}

/** Another local server, as any program the user runs might have: it records every request it gets. */
class Bystander {
  readonly seen: Seen[] = [];
  private waiters: Array<() => void> = [];
  private readonly server: Server = createServer((req, res) => {
    this.seen.push({ url: req.url ?? '', headers: req.headers });
    for (const w of this.waiters.splice(0)) w();
    res.writeHead(200, { 'Content-Type': 'text/html', 'Access-Control-Allow-Origin': '*' });
    res.end('<!doctype html><title>elsewhere</title>');
  });
  port = 0;

  async listen(): Promise<void> {
    await new Promise<void>((ok) => this.server.listen(0, '127.0.0.1', ok));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Resolves once `count` requests whose path starts with `prefix` arrived. */
  async received(prefix: string, count = 1): Promise<void> {
    while (this.seen.filter((s) => s.url.startsWith(prefix)).length < count) await new Promise<void>((ok) => this.waiters.push(ok));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((ok) => this.server.close(() => ok()));
  }
}

describe('the web host token and other local servers', () => {
  let host: Host;
  let browser: Browser;
  const bystander = new Bystander();

  beforeAll(async () => {
    requireBrowserSetup();
    [host, browser] = await Promise.all([startHost([fixture(NAME)]), launch(), bystander.listen()]);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await bystander.close();
  });

  it('sends another port on 127.0.0.1 no cookie and no token, while the worker reads its ranges with the token', async () => {
    const token = new URL(host.url).searchParams.get('token')!;
    expect(token.length).toBeGreaterThanOrEqual(32);
    // One browser profile for every tab, as a person's browser is: cookies would be shared between them.
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    const ranges: number[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    // Responses to the page and its parse worker: the worker's range reads must succeed on their own (206),
    // not fall back to asking the window.
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.startsWith('/files/')) ranges.push(r.status());
      else if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(host.url);
    await expect.poll(() => page.getByRole('tablist', { name: 'Open documents' }).getByRole('tab', { selected: true }).textContent(), { timeout: 10_000 }).toContain(NAME);
    await page.getByLabel('Parsing').waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByRole('listbox', { name: 'Structure tree' }).getByRole('option').first().waitFor();
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges.every((s) => s === 206), String(ranges)).toBe(true);

    const elsewhere = `http://127.0.0.1:${bystander.port}`;
    // The user browses to the other server from the Bitlens tab (the page's CSP lets it fetch nothing else), the
    // other server's page fetches itself with credentials, then the user opens it in a new tab, by IP and by name.
    await page.goto(`${elsewhere}/navigated`);
    await page.evaluate(() => fetch('/fetched', { credentials: 'include' }).then((r) => r.text()));
    await bystander.received('/fetched');
    const other: Page = await context.newPage();
    await other.goto(`${elsewhere}/new-tab`);
    await other.goto(`http://localhost:${bystander.port}/by-name`);
    await bystander.received('/by-name');

    expect(bystander.seen.map((s) => s.url)).toEqual(expect.arrayContaining(['/fetched', '/navigated', '/new-tab', '/by-name']));
    for (const { url, headers } of bystander.seen) {
      expect(headers.cookie, url).toBeUndefined();
      expect(headers.authorization, url).toBeUndefined();
      expect(`${url} ${JSON.stringify(headers)}`, url).not.toContain(token);
    }
    expect(await context.cookies()).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
