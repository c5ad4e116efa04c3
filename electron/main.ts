// Electron main process. With preload.ts, the only files that import 'electron'.
// Main only opens files and reads byte ranges for the page; it never parses media (that happens in the page's worker).
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  protocol,
  session,
  type IpcMainInvokeEvent,
  type MenuItemConstructorOptions,
} from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { IPC_CHANNELS, IPC_EVENTS, type ApiCall, type OpenRequest } from './api';
import { errorMessage } from './services/api-errors';
import { CONTENT_SECURITY_POLICY } from './services/csp';
import { FileRegistry } from './services/file-registry';
import { fileIdOfPath, readFileRange } from './services/file-ranges';
import { createHostCalls, dispatchCall, type HostCalls } from './services/host-api';
import { LiveCapture } from './services/live/live-capture';
import { filesFromArgv, MEDIA_EXTENSIONS } from './services/open-args';
import { PathGrants } from './services/path-grants';
import { RecentFiles } from './services/recent-files';
import { Samples } from './services/samples';

const SCHEME = 'bitlens';
const APP_HOST = 'app';
const APP_ORIGIN = `${SCHEME}://${APP_HOST}`;
// dist/main.cjs sits next to dist/renderer and dist/preload.cjs.
const distDir = __dirname;
const rendererDir = path.join(distDir, 'renderer');
/** Reload and devtools only while developing (`npm start`), never in a packaged app. */
const isDev = !app.isPackaged;

let mainWindow: BrowserWindow | null = null;
/** The page can take open requests once it has loaded (its preload buffers them until the page subscribes). */
let pageLoaded = false;
const queuedOpens: string[][] = [];
let recent: RecentFiles | null = null;
/** Paths the user named (command line, OS, menu dialog and recent list): the only ones openPath opens besides recent files. */
const grants = new PathGrants();

// Must run before 'ready': the scheme is standard (relative URLs, origin) and secure (like https).
protocol.registerSchemesAsPrivileged([
  { scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

/** Sends paths to the page as an openRequest, or keeps them until the page has loaded. Every caller passes paths the user named. */
function requestOpen(paths: string[]): void {
  if (paths.length === 0) return;
  grants.grant(paths);
  if (mainWindow && pageLoaded && !mainWindow.isDestroyed()) {
    const request: OpenRequest = { paths };
    mainWindow.webContents.send(IPC_EVENTS.openRequest, request);
  } else queuedOpens.push(paths);
}

function flushOpens(): void {
  for (const paths of queuedOpens.splice(0)) requestOpen(paths);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A second `bitlens-app file.mp4` hands its files to this instance and exits.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    requestOpen(filesFromArgv(argv, app.isPackaged, workingDirectory));
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  // macOS: Finder's "Open With" and dropping on the Dock icon; may come before the window exists.
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    requestOpen([filePath]);
  });
  requestOpen(filesFromArgv(process.argv, app.isPackaged, process.cwd()));
  app.enableSandbox();
  void app.whenReady().then(onReady);
  app.on('window-all-closed', () => app.quit());
}

/**
 * Serves files under dist/renderer only (anything else is 403/404), with the CSP as a header too, and the
 * byte ranges of the files the page opened (files/<fileId>, read by the parse worker).
 */
async function handleAppProtocol(request: Request, files: FileRegistry): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== APP_HOST || request.method !== 'GET') return new Response('Not found', { status: 404 });
  const fileId = fileIdOfPath(url.pathname);
  if (fileId !== null) {
    const reply = await readFileRange([files], fileId, request.headers.get('range'));
    return new Response(reply.body, { status: reply.status, headers: { ...reply.headers, 'X-Content-Type-Options': 'nosniff' } });
  }
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  } catch {
    return new Response('Bad request', { status: 400 });
  }
  const file = path.resolve(rendererDir, `.${rel}`);
  if (rel.includes('\0') || !file.startsWith(rendererDir + path.sep)) return new Response('Forbidden', { status: 403 });
  const res = await net.fetch(pathToFileURL(file).toString());
  const headers = new Headers(res.headers);
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  headers.set('X-Content-Type-Options', 'nosniff');
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

/** Only our page (a frame on bitlens://app) may call: not another origin, not a frame that navigated away. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frameUrl = event.senderFrame?.url;
  if (!frameUrl) return false;
  try {
    const url = new URL(frameUrl);
    return url.protocol === `${SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

async function showOpenDialog(): Promise<string[]> {
  const options: Electron.OpenDialogOptions = {
    title: 'Open media files',
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: 'Media files', extensions: [...MEDIA_EXTENSIONS] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

function registerIpc(calls: HostCalls): void {
  for (const call of Object.keys(IPC_CHANNELS) as ApiCall[]) {
    ipcMain.handle(IPC_CHANNELS[call], async (event, ...args: unknown[]) => {
      if (!isTrustedSender(event)) throw new Error(`${call}: refused, the sender is not the Bitlens page`);
      try {
        const result = await dispatchCall(calls, call, args);
        if (call === 'openPath') void refreshMenu();
        return result;
      } catch (e) {
        // Only the message crosses to the page: no stack, no internals.
        throw new Error(errorMessage(e));
      }
    });
  }
}

/** Sends a key press to the page, for menu items the page itself handles (Close Tab). */
function pressInPage(keyCode: string): void {
  const modifiers: Electron.KeyboardInputEvent['modifiers'] = process.platform === 'darwin' ? ['meta'] : ['control'];
  mainWindow?.webContents.sendInputEvent({ type: 'keyDown', keyCode, modifiers });
  mainWindow?.webContents.sendInputEvent({ type: 'keyUp', keyCode, modifiers });
}

async function buildMenu(): Promise<MenuItemConstructorOptions[]> {
  const recentFiles = recent ? await recent.list() : [];
  const isMac = process.platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => void showOpenDialog().then(requestOpen) },
      {
        label: 'Open Recent',
        enabled: recentFiles.length > 0,
        submenu: recentFiles.map((f) => ({ label: f.path, click: () => requestOpen([f.path]) })),
      },
      { type: 'separator' },
      // The page owns its tabs and handles Ctrl/Cmd+W itself; the menu shows the shortcut without taking it.
      { label: 'Close Tab', accelerator: 'CmdOrCtrl+W', registerAccelerator: false, click: () => pressInPage('W') },
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(isDev ? [{ role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      {
        label: 'About Bitlens',
        click: () => void dialog.showMessageBox({ type: 'info', title: 'Bitlens', message: `Bitlens ${app.getVersion()}`, detail: 'An open-source media inspector.' }),
      },
    ],
  };
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    help,
  ];
}

async function refreshMenu(): Promise<void> {
  Menu.setApplicationMenu(Menu.buildFromTemplate(await buildMenu()));
}

function samplesDir(): string {
  // Packaged: electron-builder's extraResources copies build/samples to resources/samples.
  return app.isPackaged ? path.join(process.resourcesPath, 'samples') : path.join(distDir, '..', 'build', 'samples');
}

async function onReady(): Promise<void> {
  const files = new FileRegistry();
  protocol.handle(SCHEME, (request) => handleAppProtocol(request, files));
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  recent = new RecentFiles(app.getPath('userData'));
  const live = new LiveCapture({ dataDir: app.getPath('userData'), testStreamFile: path.join(samplesDir(), 'rtmp-publish.flv') });
  // Live events go to our page only, once it has loaded (the Live tab asks for the status when it mounts).
  live.onEvent((e) => {
    if (mainWindow && pageLoaded && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC_EVENTS.liveEvent, e);
  });
  app.on('will-quit', () => void live.close());
  registerIpc(
    createHostCalls({ version: app.getVersion(), files, recent, samples: new Samples(samplesDir()), samplePaths: true, showOpenDialog, grants, live }),
  );
  await refreshMenu();

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
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.webContents.on('did-start-loading', () => {
    pageLoaded = false;
  });
  win.webContents.on('did-finish-load', () => {
    pageLoaded = true;
    flushOpens();
  });
  win.on('closed', () => {
    mainWindow = null;
    void files.closeAll();
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

/** Navigation only within the app's own origin. */
function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

// Deny navigation, new windows and webviews everywhere.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});
