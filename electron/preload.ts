// Sandboxed preload: bundled into ONE file (dist/preload.cjs); only 'electron' stays external.
// Exposes one function per API call, never ipcRenderer itself.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { IPC_CHANNELS, IPC_EVENTS, type BitlensApi, type OpenedFile, type OpenRequest, type RecentFile, type SampleFile } from './api';

const listeners = new Set<(request: OpenRequest) => void>();
// Main sends the command line's files as soon as the page has loaded, maybe before the page subscribes: keep them.
const early: OpenRequest[] = [];

ipcRenderer.on(IPC_EVENTS.openRequest, (_event: IpcRendererEvent, request: OpenRequest) => {
  // Pass on a copy of the paths only: the page never sees the IPC event object.
  const copy: OpenRequest = { paths: Array.isArray(request?.paths) ? request.paths.filter((p) => typeof p === 'string') : [] };
  if (listeners.size === 0) early.push(copy);
  for (const listener of listeners) listener(copy);
});

const api: BitlensApi = {
  version: () => ipcRenderer.invoke(IPC_CHANNELS.version) as Promise<string>,
  openPath: (path) => ipcRenderer.invoke(IPC_CHANNELS.openPath, path) as Promise<OpenedFile>,
  openSample: (key) => ipcRenderer.invoke(IPC_CHANNELS.openSample, key) as Promise<OpenedFile>,
  readRange: (fileId, offset, length) => ipcRenderer.invoke(IPC_CHANNELS.readRange, fileId, offset, length) as Promise<Uint8Array>,
  closeFile: (fileId) => ipcRenderer.invoke(IPC_CHANNELS.closeFile, fileId) as Promise<void>,
  recentFiles: () => ipcRenderer.invoke(IPC_CHANNELS.recentFiles) as Promise<RecentFile[]>,
  sampleFiles: () => ipcRenderer.invoke(IPC_CHANNELS.sampleFiles) as Promise<SampleFile[]>,
  showOpenDialog: () => ipcRenderer.invoke(IPC_CHANNELS.showOpenDialog) as Promise<string[]>,
  onOpenRequest(listener) {
    listeners.add(listener);
    for (const request of early.splice(0)) listener(request);
    return () => void listeners.delete(listener);
  },
  // File.path is gone from Electron; webUtils gives the path of a dropped or chosen file ('' for one made in the page).
  pathForFile: (file) => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('bitlens', api);
