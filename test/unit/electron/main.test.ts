// electron/main.ts against a stand-in 'electron' module: window security, IPC handlers, open requests, navigation.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, IPC_EVENTS, MAX_READ_RANGE, type OpenedFile } from '../../../electron/api.js';
import { fixture } from '../../helpers/fixtures.js';
import { createElectronFake, fakeEvent, FakeWebContents, type ElectronFake, type Fn } from './electron-fake.js';
import { indexHtmlCsp, ROOT } from './web-host-kit.js';

const savedArgv = process.argv;
afterEach(() => {
  process.argv = savedArgv;
});

/** Imports a fresh main.ts with the given process state; `ready` false leaves app.whenReady pending. */
async function loadMain(o: { argv?: string[]; lock?: boolean; packaged?: boolean; ready?: boolean } = {}): Promise<ElectronFake> {
  vi.resetModules();
  const fake = createElectronFake();
  fake.state.lock = o.lock ?? true;
  fake.state.packaged = o.packaged ?? false;
  fake.state.userData = mkdtempSync(join(tmpdir(), 'bitlens-userdata-'));
  vi.doMock('electron', () => fake.electron);
  process.argv = o.argv ?? ['/usr/bin/electron', '/app/dist/main.cjs'];
  await import('../../../electron/main.js');
  if (o.ready ?? true) {
    fake.ready();
    await vi.waitFor(() => expect(fake.state.windows.length).toBe(1));
  }
  return fake;
}

const TRUSTED = { senderFrame: { url: 'bitlens://app/index.html' } };
function invoke(fake: ElectronFake, channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
  const handler = fake.state.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return Promise.resolve(handler(event, ...args));
}

/** The user picks `path` in the native open dialog the page asked for: then the page may open it. */
async function pickInDialog(fake: ElectronFake, path: string): Promise<void> {
  fake.electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [path] });
  expect(await invoke(fake, IPC_CHANNELS.showOpenDialog, TRUSTED)).toEqual([path]);
}

describe('main: before ready', () => {
  it('registers bitlens:// as a privileged standard, secure scheme before ready, and enables the sandbox', async () => {
    const fake = await loadMain({ ready: false });
    expect(fake.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'bitlens', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(fake.electron.protocol.handle).not.toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(0);
    expect(fake.electron.app.enableSandbox).toHaveBeenCalled();
  });

  it('quits when another instance holds the lock', async () => {
    const fake = await loadMain({ lock: false, ready: false });
    expect(fake.electron.app.quit).toHaveBeenCalled();
    expect(fake.electron.app.whenReady).not.toHaveBeenCalled();
  });
});

describe('main: the window', () => {
  let fake: ElectronFake;
  beforeAll(async () => {
    fake = await loadMain({ argv: ['/usr/bin/electron', '/app/dist/main.cjs', '--enable-logging', 'clip.mp4', '/abs/live.flv'] });
  });

  it('creates the window with secure webPreferences and a preload', () => {
    const prefs = fake.state.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.preload).toMatch(/preload\.cjs$/);
    expect(fake.state.windows[0]!.loadURL).toHaveBeenCalledWith('bitlens://app/index.html');
  });

  it('denies every permission request and check', () => {
    const { setPermissionRequestHandler, setPermissionCheckHandler } = fake.electron.session.defaultSession;
    const request = setPermissionRequestHandler.mock.calls[0]![0] as Fn;
    const callback = vi.fn();
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) request({}, p, callback);
    expect(callback.mock.calls.every(([granted]) => granted === false)).toBe(true);
    expect((setPermissionCheckHandler.mock.calls[0]![0] as Fn)({}, 'media')).toBe(false);
  });

  it('serves the page over bitlens:// with the CSP header, refusing other hosts and traversal', async () => {
    const handler = fake.state.protocolHandlers.get('bitlens')!;
    const page = (await handler({ url: 'bitlens://app/index.html', method: 'GET' })) as Response;
    expect(page.headers.get('content-security-policy')).toBe(indexHtmlCsp());
    expect(String(fake.electron.net.fetch.mock.calls[0]![0])).toMatch(/^file:.*\/renderer\/index\.html$/);
    expect(((await handler({ url: 'bitlens://app/..%2f..%2fpackage.json', method: 'GET' })) as Response).status).toBe(403);
    expect(((await handler({ url: 'bitlens://other/index.html', method: 'GET' })) as Response).status).toBe(404);
  });

  it('serves the byte ranges of files the page opened at bitlens://app/files/<fileId>, and nothing else there', async () => {
    const handler = fake.state.protocolHandlers.get('bitlens')!;
    const path = fixture('avc-baseline-aac.mp4');
    const bytes = readFileSync(path);
    await pickInDialog(fake, path);
    const file = (await invoke(fake, IPC_CHANNELS.openPath, TRUSTED, path)) as OpenedFile;
    const get = async (url: string, range?: string) => (await handler({ url, method: 'GET', headers: new Headers(range ? { Range: range } : {}) })) as Response;
    const ok = await get(new URL(file.rangeUrl!, 'bitlens://app/index.html').href, 'bytes=100-299');
    expect(ok.status).toBe(206);
    expect(ok.headers.get('content-range')).toBe(`bytes 100-299/${bytes.length}`);
    expect(Buffer.from(await ok.arrayBuffer()).equals(bytes.subarray(100, 300))).toBe(true);
    expect((await get(`bitlens://app/files/${file.fileId}`)).status).toBe(400);
    expect((await get(`bitlens://app/files/${'0'.repeat(32)}`, 'bytes=0-1')).status).toBe(404);
    expect((await get(`bitlens://other/files/${file.fileId}`, 'bytes=0-1')).status).toBe(404);
    await invoke(fake, IPC_CHANNELS.closeFile, TRUSTED, file.fileId);
    expect((await get(`bitlens://app/files/${file.fileId}`, 'bytes=0-1')).status).toBe(404);
  });

  it('registers a handler for every IPC channel', () => {
    expect([...fake.state.ipcHandlers.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
  });

  it('refuses calls from an untrusted sender on every channel', async () => {
    const untrusted = [{}, { senderFrame: null }, { senderFrame: { url: 'https://evil.example/' } }, { senderFrame: { url: 'file:///etc/passwd' } }, { senderFrame: { url: 'bitlens://other/' } }, { senderFrame: { url: 'not a url' } }];
    for (const channel of Object.values(IPC_CHANNELS)) {
      for (const event of untrusted) await expect(invoke(fake, channel, event), channel).rejects.toThrow(/untrusted|not the Bitlens page/);
    }
  });

  it('refuses bad arguments', async () => {
    await expect(invoke(fake, IPC_CHANNELS.openPath, TRUSTED, 42)).rejects.toThrow(/path/);
    await expect(invoke(fake, IPC_CHANNELS.openPath, TRUSTED, 'relative.mp4')).rejects.toThrow(/absolute/);
    await expect(invoke(fake, IPC_CHANNELS.openPath, TRUSTED, '/a\0b')).rejects.toThrow(/NUL/);
    await expect(invoke(fake, IPC_CHANNELS.openPath, TRUSTED)).rejects.toThrow(/argument/);
    await expect(invoke(fake, IPC_CHANNELS.openSample, TRUSTED, '../../etc/passwd')).rejects.toThrow(/sample key/);
    await expect(invoke(fake, IPC_CHANNELS.readRange, TRUSTED, 'x', 0, 1)).rejects.toThrow(/fileId/);
    await expect(invoke(fake, IPC_CHANNELS.closeFile, TRUSTED, { id: 1 })).rejects.toThrow(/fileId/);
    await expect(invoke(fake, IPC_CHANNELS.version, TRUSTED, 'extra')).rejects.toThrow(/argument/);
  });

  it('opens files and reads ranges for a trusted page, within MAX_READ_RANGE', async () => {
    expect(await invoke(fake, IPC_CHANNELS.version, TRUSTED)).toBe('9.9.9');
    const path = fixture('avc-baseline-aac.mp4');
    const bytes = readFileSync(path);
    await pickInDialog(fake, path);
    const file = (await invoke(fake, IPC_CHANNELS.openPath, TRUSTED, path)) as OpenedFile;
    expect(file).toMatchObject({ name: 'avc-baseline-aac.mp4', path, size: bytes.length });
    const range = (await invoke(fake, IPC_CHANNELS.readRange, TRUSTED, file.fileId, 100, 200)) as Uint8Array;
    expect(Buffer.from(range).equals(bytes.subarray(100, 300))).toBe(true);
    await expect(invoke(fake, IPC_CHANNELS.readRange, TRUSTED, file.fileId, 0, MAX_READ_RANGE + 1)).rejects.toThrow(/MAX_READ_RANGE/);
    await expect(invoke(fake, IPC_CHANNELS.readRange, TRUSTED, file.fileId, -5, 1)).rejects.toThrow(/offset/);
    await invoke(fake, IPC_CHANNELS.closeFile, TRUSTED, file.fileId);
    await expect(invoke(fake, IPC_CHANNELS.readRange, TRUSTED, file.fileId, 0, 1)).rejects.toThrow(/unknown fileId/);
    const recent = (await invoke(fake, IPC_CHANNELS.recentFiles, TRUSTED)) as { path: string }[];
    expect(recent[0]!.path).toBe(path);
    const samples = (await invoke(fake, IPC_CHANNELS.sampleFiles, TRUSTED)) as { key: string }[];
    expect(samples).toHaveLength(4);
    const sample = (await invoke(fake, IPC_CHANNELS.openSample, TRUSTED, 'adts-aac')) as OpenedFile;
    expect(sample.path).toMatch(/build[/\\]samples[/\\]sine\.aac$/);
    expect(await invoke(fake, IPC_CHANNELS.showOpenDialog, TRUSTED)).toEqual(['/picked/a.mp4', '/picked/b.flv']);
    const dialogOptions = fake.electron.dialog.showOpenDialog.mock.calls.at(-1)!.at(-1) as { filters: { extensions: string[] }[] };
    expect(dialogOptions.filters[0]!.extensions).toEqual(expect.arrayContaining(['mp4', 'flv', 'aac', 'ts']));
  });

  it('sends command line, open-file and second-instance files to the page as openRequest events, once it has loaded', () => {
    const wc = fake.state.windows[0]!.webContents;
    // macOS open-file before the page loaded: queued.
    const openFile = fakeEvent();
    fake.electron.app.emit('open-file', openFile, '/Users/me/a.m4a');
    expect(openFile.preventDefault).toHaveBeenCalled();
    expect(wc.send).not.toHaveBeenCalled();
    wc.emit('did-finish-load');
    expect(wc.send.mock.calls).toEqual([
      [IPC_EVENTS.openRequest, { paths: [resolve(process.cwd(), 'clip.mp4'), '/abs/live.flv'] }],
      [IPC_EVENTS.openRequest, { paths: ['/Users/me/a.m4a'] }],
    ]);
    fake.electron.app.emit('second-instance', fakeEvent(), ['/usr/bin/electron', '/app/dist/main.cjs', '--flag', 'x.ts'], '/home/u');
    expect(wc.send.mock.calls.at(-1)).toEqual([IPC_EVENTS.openRequest, { paths: ['/home/u/x.ts'] }]);
    expect(fake.state.windows[0]!.focus).toHaveBeenCalled();
    fake.electron.app.emit('open-file', fakeEvent(), '/Users/me/b.mp4');
    expect(wc.send.mock.calls.at(-1)).toEqual([IPC_EVENTS.openRequest, { paths: ['/Users/me/b.mp4'] }]);
  });

  it('opens by path only what the user named: the command line, a second instance, the OS, the menu\'s dialog', async () => {
    const open = (p: string): Promise<unknown> => invoke(fake, IPC_CHANNELS.openPath, TRUSTED, p);
    const [os, second, menu, never] = ['aac-lc.adts.aac', 'annexb.h264', 'avc-aac.flv', 'hevc.mp4'].map(fixture) as [string, string, string, string];
    for (const p of [os, second, menu, never, '/etc/passwd']) await expect(open(p), p).rejects.toThrow(/refused, only files you opened or named/);
    fake.electron.app.emit('open-file', fakeEvent(), os);
    fake.electron.app.emit('second-instance', fakeEvent(), ['/usr/bin/electron', '/app/dist/main.cjs', second], '/');
    type Item = { label?: string; submenu?: Item[]; click?: () => void };
    const file = (fake.state.menuTemplates.at(-1) as Item[]).find((m) => m.label === '&File')!;
    fake.electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [menu] });
    file.submenu!.find((i) => i.label === 'Open…')!.click!();
    const wc = fake.state.windows[0]!.webContents;
    await vi.waitFor(() => expect(wc.send).toHaveBeenCalledWith(IPC_EVENTS.openRequest, { paths: [menu] }));
    for (const p of [os, second, menu]) expect(((await open(p)) as OpenedFile).path, p).toBe(p);
    await expect(open(never)).rejects.toThrow(/refused/);
  });

  it('denies navigation away from the app, redirects, new windows and webviews', () => {
    const contents = new FakeWebContents();
    fake.electron.app.emit('web-contents-created', fakeEvent(), contents);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'bitlens://other/x', 'javascript:alert(1)']) {
      const nav = fakeEvent();
      contents.emit('will-navigate', nav, url);
      expect(nav.defaultPrevented(), url).toBe(true);
      const redirect = fakeEvent();
      contents.emit('will-redirect', redirect, url);
      expect(redirect.defaultPrevented(), url).toBe(true);
    }
    const inApp = fakeEvent();
    contents.emit('will-navigate', inApp, 'bitlens://app/index.html');
    expect(inApp.defaultPrevented()).toBe(false);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented()).toBe(true);
  });

  it('has a menu with Open… (CmdOrCtrl+O), Open Recent, Close Tab, edit roles, and dev-only reload/devtools', () => {
    type Item = { label?: string; role?: string; accelerator?: string; submenu?: Item[]; click?: () => void };
    const template = fake.state.menuTemplates.at(-1) as Item[];
    const file = template.find((m) => m.label === '&File')!;
    expect(file.submenu!.find((i) => i.label === 'Open…')!.accelerator).toBe('CmdOrCtrl+O');
    expect(file.submenu!.some((i) => i.label === 'Open Recent')).toBe(true);
    expect(file.submenu!.find((i) => i.label === 'Close Tab')!.accelerator).toBe('CmdOrCtrl+W');
    expect(template.some((m) => m.role === 'editMenu')).toBe(true);
    const view = template.find((m) => m.label === '&View')!.submenu!.map((i) => i.role);
    expect(view).toEqual(expect.arrayContaining(['reload', 'toggleDevTools', 'zoomIn', 'zoomOut', 'resetZoom']));
  });
});

describe('main: packaged', () => {
  it('takes files after the executable and has no reload or devtools in the menu', async () => {
    // electron-builder's extraResources puts build/samples at resources/samples.
    Object.defineProperty(process, 'resourcesPath', { value: join(ROOT, 'build'), configurable: true });
    const fake = await loadMain({ packaged: true, argv: ['/opt/Bitlens/bitlens', '/media/a.mp4'] });
    expect(((await invoke(fake, IPC_CHANNELS.sampleFiles, TRUSTED)) as unknown[]).length).toBe(4);
    fake.state.windows[0]!.webContents.emit('did-finish-load');
    expect(fake.state.windows[0]!.webContents.send).toHaveBeenCalledWith(IPC_EVENTS.openRequest, { paths: ['/media/a.mp4'] });
    const roles = JSON.stringify(fake.state.menuTemplates.at(-1));
    expect(roles).not.toMatch(/"reload"|"forceReload"|"toggleDevTools"/);
    expect(roles).toMatch(/"zoomIn"/);
  });
});
