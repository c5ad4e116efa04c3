// The web host: the same UI and API as the desktop app, in any browser, on this machine.
// HTTP serves the built renderer; a WebSocket at /api carries the BitlensApi calls (see protocol.ts).
// Security: loopback by default, the Host header checked, a random token required by the page, its file ranges and
// the WebSocket (never in a cookie, see token.ts), the upgrade's Origin checked.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { OpenRequest } from '../api.js';
import { FileRegistry } from '../services/file-registry.js';
import { fileIdOfPath, readFileRange } from '../services/file-ranges.js';
import { createHostCalls } from '../services/host-api.js';
import { LiveCapture } from '../services/live/live-capture.js';
import { PathGrants } from '../services/path-grants.js';
import { RecentFiles } from '../services/recent-files.js';
import { Samples } from '../services/samples.js';
import { ApiSession } from './api-session.js';
import { appRoot, appVersion } from './app-root.js';
import { API_PATH, MAX_CALL_MESSAGE, TOKEN_PARAM } from './protocol.js';
import { hostAllowed, originAllowed } from './origin-check.js';
import { isPublicAsset, securityHeaders, serveStatic, sendText } from './static-files.js';
import { newToken, requestToken, tokenMatches } from './token.js';

/** Pages connected at once (each tab is one). */
export const MAX_CLIENTS = 8;

export interface WebHostOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Interface to listen on; loopback unless the user says otherwise. */
  host?: string;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** Where settings (recent files) live. */
  dataDir: string;
  /** The bundled samples; defaults to build/samples in the Bitlens folder. */
  samplesDir?: string;
  /** Files to open: pushed to each page as an openRequest when it connects. */
  openPaths?: string[];
  /** Fixed token (tests); a random one otherwise. */
  token?: string;
}

export interface WebHost {
  /** The address to open, token included: http://127.0.0.1:PORT/?token=... */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Asks every connected page to open these files. */
  openPaths(paths: string[]): void;
  close(): Promise<void>;
}

function refuseUpgrade(socket: Socket, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  const rendererDir = resolve(options.rendererDir);
  const root = options.samplesDir ? null : appRoot();
  const samplesDir = options.samplesDir ?? join(root ?? '.', 'build', 'samples');
  const samples = new Samples(samplesDir);
  // One RTMP server for the host: every page sees the same sessions.
  const live = new LiveCapture({ dataDir: options.dataDir, testStreamFile: join(samplesDir, 'rtmp-publish.flv') });
  const recent = new RecentFiles(options.dataDir);
  const version = appVersion(root ?? appRoot());
  const initialPaths = (options.openPaths ?? []).map((p) => resolve(p));
  const sessions = new Set<ApiSession>();
  const sockets = new Set<WebSocket>();
  /** Each connected page's open files: range requests (files/<fileId>) are answered from these. */
  const registries = new Set<FileRegistry>();
  let port = 0;
  // The files named on the command line may be opened by path; recent files too (see PathGrants).
  const grants = new PathGrants();
  grants.grant(initialPaths);

  const handleHttp = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    if (!hostAllowed(host, port, req.headers.host)) return sendText(res, 421, 'Misdirected request: use the address `bitlens web` printed');
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    // The renderer's scripts, styles and fonts are public code, the same for everyone, and carry nothing of the
    // user's: they are served without the token, since the browser fetches them with no query and we set no
    // cookie. The page itself (HTML), the file ranges and the API need it.
    const fileId = fileIdOfPath(url.pathname);
    const isPublic = fileId === null && url.pathname !== API_PATH && isPublicAsset(url.pathname);
    if (!isPublic && !tokenMatches(token, requestToken(url, req.headers.authorization, TOKEN_PARAM))) {
      return sendText(res, 403, 'Forbidden: open the address with ?token=... that `bitlens web` printed');
    }
    if (url.pathname === API_PATH) return sendText(res, 426, 'Upgrade required', { Upgrade: 'websocket' });
    if (fileId !== null) {
      const reply = await readFileRange(registries, fileId, req.headers.range);
      res.writeHead(reply.status, { ...securityHeaders(), ...reply.headers });
      res.end(req.method === 'HEAD' ? undefined : reply.body);
      return;
    }
    await serveStatic(rendererDir, url.pathname, req, res);
  };

  const server = createServer((req, res) => {
    handleHttp(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CALL_MESSAGE, perMessageDeflate: false });

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    if (url.pathname !== API_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    if (!tokenMatches(token, url.searchParams.get(TOKEN_PARAM))) return refuseUpgrade(socket, 403, 'Forbidden');
    if (!originAllowed(host, port, req.headers.origin, req.headers.host)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (sockets.size >= MAX_CLIENTS) return refuseUpgrade(socket, 503, 'Service Unavailable');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const files = new FileRegistry();
      registries.add(files);
      const calls = createHostCalls({ version, files, recent, samples, samplePaths: false, showOpenDialog: () => Promise.resolve([]), grants, live });
      sockets.add(ws);
      let unsubscribe = (): void => {};
      const session = new ApiSession(ws, calls, () => {
        unsubscribe();
        sessions.delete(session);
        sockets.delete(ws);
        registries.delete(files);
        void files.closeAll();
      });
      unsubscribe = live.onEvent((e) => session.pushLiveEvent(e));
      sessions.add(session);
      if (initialPaths.length) session.pushOpenRequest({ paths: initialPaths });
    });
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}/?${TOKEN_PARAM}=${token}`,
    port,
    token,
    openPaths(paths: string[]): void {
      const request: OpenRequest = { paths: paths.map((p) => resolve(p)) };
      grants.grant(request.paths);
      for (const s of sessions) s.pushOpenRequest(request);
    },
    async close(): Promise<void> {
      await live.close();
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((ok) => wss.close(() => ok()));
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
