// Helpers for web host tests: a temporary renderer folder, raw HTTP requests, WebSocket connections.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import type { BitlensApi } from '../../../electron/api.js';
import { openWebApi, type ApiSocket } from '../../../renderer/src/lib/ws-api-client.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The CSP text of renderer/index.html's meta tag. */
export function indexHtmlCsp(): string {
  const html = readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8');
  const m = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no CSP meta tag in renderer/index.html');
  return m[1];
}

/** A scratch folder with a tiny built renderer in `renderer/`, a secret file beside it, and a data dir. */
export function scratch(): { dir: string; rendererDir: string; dataDir: string; secret: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bitlens-web-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Bitlens</title><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("bitlens");');
  writeFileSync(join(rendererDir, 'assets', 'app.css'), 'body{}');
  const secret = join(dir, 'secret.txt');
  writeFileSync(secret, 'TOP-SECRET');
  return { dir, rendererDir, dataDir: join(dir, 'data'), secret };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET with the path sent exactly as given (fetch and URL would normalise `..` away). */
export function rawGet(port: number, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** rawGet with the body kept as bytes (range replies). */
export function rawGetBytes(port: number, path: string, headers: Record<string, string> = {}): Promise<Omit<RawResponse, 'body'> & { body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket; resolves 'open' or the HTTP status the upgrade was refused with. `host`: a Host header to send instead of the URL's. */
export function tryUpgrade(url: string, origin?: string, host?: string, cookie?: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const headers = { ...(host ? { Host: host } : {}), ...(cookie ? { Cookie: cookie } : {}) };
    const ws = new WebSocket(url, { ...(origin ? { origin } : {}), headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => resolve(-1));
  });
}

/** The page's client (renderer/src/lib/ws-api-client.ts) over a Node WebSocket, as the browser would connect. */
export async function connect(port: number, token: string): Promise<{ api: BitlensApi; ws: WebSocket }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${token}`, { origin: `http://127.0.0.1:${port}` });
  // ws implements the browser's onopen/onmessage/binaryType surface the client uses.
  const api = await openWebApi(ws as unknown as ApiSocket);
  return { api, ws };
}

/** Sends a raw text frame and waits for the next text reply. */
export function rawCall(ws: WebSocket, text: string): Promise<unknown> {
  return new Promise((resolve) => {
    const raw = ws as unknown as { on(e: 'message', f: (d: Buffer | ArrayBuffer, isBinary: boolean) => void): void; off(e: 'message', f: (d: Buffer | ArrayBuffer, isBinary: boolean) => void): void };
    const onMessage = (data: Buffer | ArrayBuffer, isBinary: boolean): void => {
      if (isBinary) return;
      raw.off('message', onMessage);
      resolve(JSON.parse(Buffer.from(data as ArrayBuffer).toString('utf8')));
    };
    raw.on('message', onMessage);
    ws.send(text);
  });
}
