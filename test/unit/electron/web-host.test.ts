// The web host over real HTTP and WebSocket on 127.0.0.1, port 0.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_READ_RANGE, type OpenRequest } from '../../../electron/api.js';
import { startWebHost, type WebHost } from '../../../electron/web.js';
import { HttpRangeSource } from '../../../renderer/src/lib/sources/http-range-source.js';
import { fixture } from '../../helpers/fixtures.js';
import { connect, indexHtmlCsp, rawCall, rawGet, rawGetBytes, ROOT, scratch, tryUpgrade } from './web-host-kit.js';

const SAMPLES_DIR = join(ROOT, 'build', 'samples');
const MP4 = fixture('avc-baseline-aac.mp4');

let host: WebHost;
let dirs: ReturnType<typeof scratch>;

beforeAll(async () => {
  dirs = scratch();
  host = await startWebHost({ port: 0, rendererDir: dirs.rendererDir, dataDir: dirs.dataDir, samplesDir: SAMPLES_DIR, openPaths: [MP4] });
});
afterAll(() => host.close());

describe('web host: HTTP', () => {
  it('listens on 127.0.0.1 and prints an address with a long random token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses the page without its token, or with a wrong one (403)', async () => {
    expect((await rawGet(host.port, '/')).status).toBe(403);
    expect((await rawGet(host.port, '/index.html')).status).toBe(403);
    expect((await rawGet(host.port, '/index%2ehtml')).status).toBe(403);
    // Only the bundle's own file types are public: not the API, nor a file range dressed as a script.
    expect((await rawGet(host.port, '/api')).status).toBe(403);
    expect((await rawGet(host.port, `/files/${'0'.repeat(32)}.js`)).status).toBe(403);
    expect((await rawGet(host.port, `/?token=${host.token.slice(1)}x`)).status).toBe(403);
  });

  it('serves index.html with the same CSP as renderer/index.html, sets no cookie, and serves the public assets without the token', async () => {
    const res = await rawGet(host.port, `/?token=${host.token}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(indexHtmlCsp());
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toContain('<title>Bitlens</title>');
    // A cookie would go to every other server on 127.0.0.1 too: cookies are not scoped by port.
    expect(res.headers['set-cookie']).toBeUndefined();
    const asset = await rawGet(host.port, '/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['content-security-policy']).toBe(indexHtmlCsp());
    expect(asset.headers['set-cookie']).toBeUndefined();
    const css = await rawGet(host.port, '/assets/app.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('refuses the token in a cookie, as the page set it before (the cookie name included its port)', async () => {
    for (const cookie of [`bitlens-token-${host.port}=${host.token}`, `bitlens-token=${host.token}`, `token=${host.token}`]) {
      expect((await rawGet(host.port, '/', { Cookie: cookie })).status, cookie).toBe(403);
      expect((await rawGet(host.port, '/index.html', { Cookie: cookie })).status, cookie).toBe(403);
    }
  });

  it('answers only to its own address in the Host header (DNS rebinding), even with the token', async () => {
    for (const name of ['rebind.evil.example', `rebind.evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, `localhost.evil.example:${host.port}`]) {
      const page = await rawGet(host.port, `/?token=${host.token}`, { Host: name });
      expect(page.status, name).toBe(421);
      expect(page.body).not.toContain('<title>');
      expect((await rawGet(host.port, '/assets/app.js', { Host: name })).status, name).toBe(421);
    }
    expect((await rawGet(host.port, `/?token=${host.token}`, { Host: `localhost:${host.port}` })).status).toBe(200);
    const url = `ws://127.0.0.1:${host.port}/api?token=${host.token}`;
    expect(await tryUpgrade(url, `http://rebind.evil.example:${host.port}`, `rebind.evil.example:${host.port}`)).toBe(403);
  });

  it('refuses path traversal in every spelling', async () => {
    const t = `token=${host.token}`;
    for (const path of [`/../secret.txt?${t}`, `/%2e%2e/secret.txt?${t}`, `/..%2fsecret.txt?${t}`, `/assets/..%2f..%2fsecret.txt?${t}`, `/..%5csecret.txt?${t}`, `/%00?${t}`, `/%E0%A4%A?${t}`]) {
      const res = await rawGet(host.port, path);
      expect([400, 403, 404], path).toContain(res.status);
      expect(res.body).not.toContain('TOP-SECRET');
    }
    expect((await rawGet(host.port, `/assets/..%2f..%2fsecret.txt?${t}`)).status).toBe(403);
  });

  it('answers other methods with 405 and a plain GET of /api with 426', async () => {
    expect((await rawGet(host.port, `/api?token=${host.token}`)).status).toBe(426);
    const res = await fetch(`http://127.0.0.1:${host.port}/?token=${host.token}`, { method: 'POST' });
    expect(res.status).toBe(405);
  });
});

describe('web host: WebSocket upgrade', () => {
  const own = (): string => `http://127.0.0.1:${host.port}`;
  it('refuses a missing or wrong token', async () => {
    expect(await tryUpgrade(`ws://127.0.0.1:${host.port}/api`, own())).toBe(403);
    expect(await tryUpgrade(`ws://127.0.0.1:${host.port}/api?token=nope`, own())).toBe(403);
  });
  it('refuses a foreign or missing Origin, even with the token', async () => {
    const url = `ws://127.0.0.1:${host.port}/api?token=${host.token}`;
    expect(await tryUpgrade(url, 'http://evil.example')).toBe(403);
    expect(await tryUpgrade(url, `http://127.0.0.1:${host.port + 1}`)).toBe(403);
    expect(await tryUpgrade(url)).toBe(403);
  });
  it('refuses a stolen-looking upgrade: the token only in a cookie, with the page\'s Origin or a forged one', async () => {
    const bare = `ws://127.0.0.1:${host.port}/api`;
    for (const origin of [own(), 'http://127.0.0.1:1']) {
      expect(await tryUpgrade(bare, origin, undefined, `bitlens-token-${host.port}=${host.token}`), origin).toBe(403);
    }
  });
  it('refuses other paths and accepts the page', async () => {
    expect(await tryUpgrade(`ws://127.0.0.1:${host.port}/other?token=${host.token}`, own())).toBe(404);
    expect(await tryUpgrade(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, own())).toBe('open');
    expect(await tryUpgrade(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, `http://localhost:${host.port}`)).toBe('open');
  });
});

describe('web host: the API', () => {
  it('pushes the command line files to the page as an openRequest when it connects', async () => {
    const { api, ws } = await connect(host.port, host.token);
    const got = await new Promise<OpenRequest>((resolve) => api.onOpenRequest(resolve));
    expect(got).toEqual({ paths: [MP4] });
    // And later requests from the host reach subscribed pages.
    const later = new Promise<OpenRequest>((resolve) => api.onOpenRequest(resolve));
    host.openPaths([SAMPLES_DIR + '/sine.aac']);
    expect(await later).toEqual({ paths: [SAMPLES_DIR + '/sine.aac'] });
    ws.close();
  });

  it('opens a file and serves readRange bytes equal to the file', async () => {
    const { api, ws } = await connect(host.port, host.token);
    const bytes = new Uint8Array(readFileSync(MP4));
    expect(await api.version()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    const file = await api.openPath(MP4);
    expect(file).toMatchObject({ name: 'avc-baseline-aac.mp4', path: MP4, size: bytes.length });
    expect(file.fileId).toMatch(/^[0-9a-f]{32}$/);
    const head = await api.readRange(file.fileId, 0, 64);
    expect(head).toBeInstanceOf(Uint8Array);
    expect([...head]).toEqual([...bytes.subarray(0, 64)]);
    const mid = await api.readRange(file.fileId, 1000, 5000);
    expect(Buffer.from(mid).equals(Buffer.from(bytes.subarray(1000, 6000)))).toBe(true);
    // Fewer bytes only at the end; none past it.
    expect((await api.readRange(file.fileId, bytes.length - 10, 100)).length).toBe(10);
    expect((await api.readRange(file.fileId, bytes.length + 10, 100)).length).toBe(0);
    const all = await api.readRange(file.fileId, 0, bytes.length);
    expect(Buffer.from(all).equals(Buffer.from(bytes))).toBe(true);
    await api.closeFile(file.fileId);
    await expect(api.readRange(file.fileId, 0, 1)).rejects.toThrow(/unknown fileId/);
    ws.close();
  });

  it('refuses bad readRange arguments and unknown files, and keeps the connection', async () => {
    const { api, ws } = await connect(host.port, host.token);
    const file = await api.openPath(MP4);
    await expect(api.readRange(file.fileId, 0, MAX_READ_RANGE + 1)).rejects.toThrow(/MAX_READ_RANGE/);
    await expect(api.readRange(file.fileId, -1, 10)).rejects.toThrow(/offset/);
    await expect(api.readRange(file.fileId, 1.5, 10)).rejects.toThrow(/offset/);
    await expect(api.readRange(file.fileId, 0, -3)).rejects.toThrow(/length/);
    await expect(api.readRange('0'.repeat(32), 0, 10)).rejects.toThrow(/unknown fileId/);
    await expect(api.readRange('../etc/passwd', 0, 10)).rejects.toThrow(/fileId/);
    await expect(api.openPath('relative/file.mp4')).rejects.toThrow(/absolute/);
    await expect(api.openPath(join(dirs.dir, 'missing.mp4'))).rejects.toThrow(/refused/);
    await expect(api.openSample('no-such-sample')).rejects.toThrow(/no sample/);
    // Raw malformed messages: each gets an error reply, the socket stays usable.
    expect(await rawCall(ws, 'not json')).toMatchObject({ id: -1, ok: false });
    expect(await rawCall(ws, JSON.stringify({ id: 5, call: 'eval', args: [] }))).toMatchObject({ id: 5, ok: false, error: expect.stringMatching(/unknown call/) });
    expect(await rawCall(ws, JSON.stringify({ id: 6, call: 'readRange', args: 'x' }))).toMatchObject({ id: 6, ok: false });
    expect(await rawCall(ws, JSON.stringify({ id: 7, call: 'version', args: [1] }))).toMatchObject({ id: 7, ok: false });
    expect(await rawCall(ws, JSON.stringify({ id: 8, call: '__proto__', args: [] }))).toMatchObject({ id: 8, ok: false });
    expect((await api.readRange(file.fileId, 0, 4)).length).toBe(4);
    ws.close();
  });

  it('serves an opened file\'s byte ranges at its rangeUrl to a request with the token as a Bearer header, never cached', async () => {
    const { api, ws } = await connect(host.port, host.token);
    const bytes = readFileSync(MP4);
    const file = await api.openPath(MP4);
    expect(file.rangeUrl).toBe(`files/${file.fileId}`);
    const bearer = { Authorization: `Bearer ${host.token}` };
    const get = (range?: string, path = `/${file.rangeUrl}`, auth: Record<string, string> = bearer) => rawGetBytes(host.port, path, { ...auth, ...(range ? { Range: range } : {}) });

    const mid = await get('bytes=1000-5999');
    expect(mid.status).toBe(206);
    expect(mid.headers['content-range']).toBe(`bytes 1000-5999/${bytes.length}`);
    expect(mid.headers['cache-control']).toBe('no-store');
    expect(mid.body.equals(bytes.subarray(1000, 6000))).toBe(true);
    // Open-ended and past-the-end ranges: the rest of the file, then 416.
    const tail = await get(`bytes=${bytes.length - 10}-`);
    expect([tail.status, tail.body.equals(bytes.subarray(bytes.length - 10))]).toEqual([206, true]);
    expect((await get(`bytes=${bytes.length - 10}-${bytes.length + 100}`)).body.length).toBe(10);
    expect((await get(`bytes=${bytes.length}-`)).status).toBe(416);
    // One plain range is required: none, lists, suffixes and reversed ranges are refused, never answered with the whole file.
    for (const bad of [undefined, 'bytes=0-1,4-5', 'bytes=-100', 'bytes=10-5', 'items=0-1']) expect((await get(bad)).status, String(bad)).toBe(400);
    expect((await get('bytes=0-1', `/files/${'0'.repeat(32)}`)).status).toBe(404);
    expect((await get('bytes=0-1', `/${file.rangeUrl}`, { Authorization: 'Bearer wrong' })).status).toBe(403);
    expect((await get('bytes=0-1', `/${file.rangeUrl}`, {})).status).toBe(403);
    expect((await get('bytes=0-1', `/${file.rangeUrl}`, { Cookie: `bitlens-token-${host.port}=${host.token}` })).status).toBe(403);
    // Closed: gone.
    await api.closeFile(file.fileId);
    expect((await get('bytes=0-1')).status).toBe(404);
    ws.close();
  });

  it('answers a range request at most MAX_READ_RANGE bytes long, saying so in Content-Range', async () => {
    const { api, ws } = await connect(host.port, host.token);
    const big = join(dirs.dir, 'big.bin');
    writeFileSync(big, Buffer.alloc(MAX_READ_RANGE + 4096, 7));
    // Named as on a second command line (bitlens web FILE hands it to the running host).
    host.openPaths([big]);
    const file = await api.openPath(big);
    const reply = await rawGetBytes(host.port, `/${file.rangeUrl}`, { Authorization: `Bearer ${host.token}`, Range: 'bytes=0-' });
    expect(reply.status).toBe(206);
    expect(reply.body.length).toBe(MAX_READ_RANGE);
    expect(reply.headers['content-range']).toBe(`bytes 0-${MAX_READ_RANGE - 1}/${MAX_READ_RANGE + 4096}`);
    // The worker's reader splits longer reads into requests the host answers, and stops at the end of the file.
    const source = new HttpRangeSource(`http://127.0.0.1:${host.port}/${file.rangeUrl}`, file.size, host.token);
    const across = await source.read(MAX_READ_RANGE - 100, 5000);
    expect(across.length).toBe(4196);
    expect(across.every((b) => b === 7)).toBe(true);
    expect((await source.read(0, MAX_READ_RANGE + 4096)).length).toBe(MAX_READ_RANGE + 4096);
    expect((await source.read(file.size, 10)).length).toBe(0);
    await api.closeFile(file.fileId);
    await expect(source.read(0, 10)).rejects.toThrow(/HTTP 404/);
    ws.close();
  });

  it('opens by path only the files named on the command line or opened before (recent), never another file', async () => {
    const { api, ws } = await connect(host.port, host.token);
    await expect(api.openPath(dirs.secret)).rejects.toThrow(/refused, only files you opened or named on the command line/);
    await expect(api.openPath(`${MP4}/../../../../../../../..${dirs.secret}`)).rejects.toThrow(/refused/);
    expect(await rawCall(ws, JSON.stringify({ id: 9, call: 'openPath', args: ['/etc/passwd'] }))).toMatchObject({ id: 9, ok: false, error: expect.stringMatching(/refused/) });
    expect((await api.openPath(MP4)).name).toBe('avc-baseline-aac.mp4');
    // A later command line (host.openPaths) names more files.
    const later = join(dirs.dir, 'later.mp4');
    writeFileSync(later, readFileSync(MP4));
    await expect(api.openPath(later)).rejects.toThrow(/refused/);
    host.openPaths([later]);
    expect((await api.openPath(later)).size).toBe(readFileSync(MP4).length);
    ws.close();
  });

  it("closes a page's files when its socket closes (handles are per page)", async () => {
    const a = await connect(host.port, host.token);
    const b = await connect(host.port, host.token);
    const file = await a.api.openPath(MP4);
    await expect(b.api.readRange(file.fileId, 0, 4)).rejects.toThrow(/unknown fileId/);
    a.ws.close();
    b.ws.close();
  });

  it('remembers recent files across hosts sharing a data dir', async () => {
    const { api, ws } = await connect(host.port, host.token);
    await api.openPath(MP4);
    const recent = await api.recentFiles();
    expect(recent[0]).toMatchObject({ path: MP4, name: 'avc-baseline-aac.mp4' });
    ws.close();
    const again = await startWebHost({ port: 0, rendererDir: dirs.rendererDir, dataDir: dirs.dataDir, samplesDir: SAMPLES_DIR });
    try {
      const c = await connect(again.port, again.token);
      expect((await c.api.recentFiles()).map((f) => f.path)).toContain(MP4);
      c.ws.close();
    } finally {
      await again.close();
    }
  });

  it('lists and opens the bundled samples (no path in the browser)', async () => {
    const { api, ws } = await connect(host.port, host.token);
    const samples = await api.sampleFiles();
    expect(samples.map((s) => s.key)).toEqual(['mp4-h264-aac', 'fmp4-h264-aac', 'flv-rtmp', 'adts-aac']);
    const flv = samples.find((s) => s.key === 'flv-rtmp')!;
    const opened = await api.openSample('flv-rtmp');
    expect(opened.path).toBeUndefined();
    expect(opened.size).toBe(flv.size);
    const head = await api.readRange(opened.fileId, 0, 3);
    expect(new TextDecoder().decode(head)).toBe('FLV');
    expect(await api.showOpenDialog()).toEqual([]);
    ws.close();
  });
});
