// Electron main process. With preload.ts, the only files that import 'electron'.
import { app, BrowserWindow, ipcMain, net, protocol, session, type IpcMainInvokeEvent } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { IPC_CHANNELS } from './api';

const SCHEME = 'bitlens';
const APP_ORIGIN = `${SCHEME}://app`;
// dist/main.cjs sits next to dist/renderer and dist/preload.cjs.
const distDir = __dirname;
const rendererDir = path.join(distDir, 'renderer');

// Must run before 'ready'.
protocol.registerSchemesAsPrivileged([
  { scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.enableSandbox();
  void app.whenReady().then(onReady);
  app.on('window-all-closed', () => app.quit());
}

/** Serves files under dist/renderer only; anything else is 404. */
function handleAppProtocol(request: Request): Promise<Response> | Response {
  const url = new URL(request.url);
  if (url.host !== 'app') return new Response('Not found', { status: 404 });
  const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  const file = path.resolve(rendererDir, `.${rel}`);
  if (file !== rendererDir && !file.startsWith(rendererDir + path.sep)) return new Response('Forbidden', { status: 403 });
  return net.fetch(pathToFileURL(file).toString());
}

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frameUrl = event.senderFrame?.url ?? '';
  return frameUrl.startsWith(`${APP_ORIGIN}/`);
}

function registerIpc(): void {
  ipcMain.handle(IPC_CHANNELS.version, (event) => {
    if (!isTrustedSender(event)) throw new Error('untrusted sender');
    return app.getVersion();
  });
}

function onReady(): void {
  protocol.handle(SCHEME, handleAppProtocol);
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  registerIpc();

  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Bitlens',
    show: false,
    webPreferences: {
      preload: path.join(distDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

// Deny navigation, new windows and webviews everywhere.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});
