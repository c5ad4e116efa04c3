// electron/preload.ts with a stand-in contextBridge/ipcRenderer: one function per call, never ipcRenderer itself.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, IPC_EVENTS, type BitlensApi, type LiveEvent, type OpenRequest } from '../../../electron/api.js';
import type { Fn } from './electron-fake.js';

const exposed = new Map<string, unknown>();
const rendererListeners = new Map<string, Fn>();
const ipcRenderer = {
  invoke: vi.fn((channel: string, ...args: unknown[]) => Promise.resolve({ channel, args })),
  on: vi.fn((channel: string, fn: Fn) => void rendererListeners.set(channel, fn)),
  send: vi.fn(),
  sendSync: vi.fn(),
};
const webUtils = { getPathForFile: vi.fn(() => '/dropped/file.mp4') };

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void exposed.set(key, value) },
  ipcRenderer,
  webUtils,
}));

let api: BitlensApi;
beforeAll(async () => {
  await import('../../../electron/preload.js');
  api = exposed.get('bitlens') as BitlensApi;
});

describe('preload', () => {
  it("exposes only window.bitlens, with exactly one function per call plus onOpenRequest, onLiveEvent and pathForFile", () => {
    expect([...exposed.keys()]).toEqual(['bitlens']);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(IPC_CHANNELS), 'onOpenRequest', 'onLiveEvent', 'pathForFile'].sort());
    for (const [key, value] of Object.entries(api)) expect(typeof value, key).toBe('function');
  });

  it('never exposes ipcRenderer or its methods', () => {
    const values = Object.values(api);
    for (const forbidden of [ipcRenderer, ipcRenderer.invoke, ipcRenderer.on, ipcRenderer.send, ipcRenderer.sendSync]) expect(values).not.toContain(forbidden);
  });

  it('invokes each call on its own channel with its arguments', async () => {
    const calls: [keyof typeof IPC_CHANNELS, unknown[]][] = [
      ['version', []],
      ['openPath', ['/a.mp4']],
      ['openSample', ['adts-aac']],
      ['readRange', ['f'.repeat(32), 10, 20]],
      ['closeFile', ['f'.repeat(32)]],
      ['recentFiles', []],
      ['sampleFiles', []],
      ['showOpenDialog', []],
      ['startCapture', [{ port: 0, key: 'k' }]],
      ['stopCapture', []],
      ['captureStatus', []],
      ['openLiveSession', ['c1-s1']],
      ['openLiveCapture', ['c1-s1']],
      ['startTestStream', []],
      ['stopTestStream', []],
      ['setRecording', ['c1-s1', true]],
    ];
    expect(calls.map(([c]) => c).sort()).toEqual(Object.keys(IPC_CHANNELS).sort());
    for (const [call, args] of calls) {
      const fn = api[call] as (...a: unknown[]) => Promise<unknown>;
      expect(await fn(...args)).toEqual({ channel: IPC_CHANNELS[call], args });
    }
  });

  it('delivers open requests without the IPC event, keeps early ones, and unsubscribes', () => {
    const push = rendererListeners.get(IPC_EVENTS.openRequest)!;
    push({ sender: ipcRenderer }, { paths: ['/early.mp4'] });
    const got: OpenRequest[] = [];
    const unsubscribe = api.onOpenRequest((r) => got.push(r));
    push({ sender: ipcRenderer }, { paths: ['/later.flv', 42] });
    expect(got).toEqual([{ paths: ['/early.mp4'] }, { paths: ['/later.flv'] }]);
    unsubscribe();
    push({ sender: ipcRenderer }, { paths: ['/after.mp4'] });
    expect(got).toHaveLength(2);
  });

  it('delivers live events without the IPC event, and unsubscribes', () => {
    const push = rendererListeners.get(IPC_EVENTS.liveEvent)!;
    const got: LiveEvent[] = [];
    const unsubscribe = api.onLiveEvent((e) => got.push(e));
    const event: LiveEvent = { type: 'session-bytes', sessionId: 'c1-s1', size: 4096, complete: false };
    push({ sender: ipcRenderer }, event);
    expect(got).toEqual([event]);
    unsubscribe();
    push({ sender: ipcRenderer }, event);
    expect(got).toHaveLength(1);
  });

  it('gets a dropped file\'s path through webUtils.getPathForFile', () => {
    const file = new File([new Uint8Array(1)], 'file.mp4');
    expect(api.pathForFile?.(file)).toBe('/dropped/file.mp4');
    expect(webUtils.getPathForFile).toHaveBeenCalledWith(file);
  });
});
