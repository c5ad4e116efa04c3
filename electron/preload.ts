// Sandboxed preload: bundled into ONE file (dist/preload.cjs); only 'electron' stays external.
// Exposes one function per API call, never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, type BitlensApi } from './api';

const api: BitlensApi = {
  version: () => ipcRenderer.invoke(IPC_CHANNELS.version) as Promise<string>,
};

contextBridge.exposeInMainWorld('bitlens', api);
