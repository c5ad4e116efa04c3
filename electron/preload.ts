// Sandboxed preload: bundled into ONE file (dist/preload.cjs); only 'electron' stays external.
// Exposes one function per API call, never ipcRenderer itself.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  IPC_CHANNELS,
  IPC_EVENTS,
  type BitlensApi,
  type CaptureStatus,
  type LiveEvent,
  type OpenedFile,
  type OpenRequest,
  type RecentFile,
  type RecordingStatus,
  type SampleFile,
} from './api';

const listeners = new Set<(request: OpenRequest) => void>();
// Main sends the command line's files as soon as the page has loaded, maybe before the page subscribes: keep them.
const early: OpenRequest[] = [];

ipcRenderer.on(IPC_EVENTS.openRequest, (_event: IpcRendererEvent, request: OpenRequest) => {
  // Pass on a copy of the paths only: the page never sees the IPC event object.
  const copy: OpenRequest = { paths: Array.isArray(request?.paths) ? request.paths.filter((p) => typeof p === 'string') : [] };
  if (listeners.size === 0) early.push(copy);
  for (const listener of listeners) listener(copy);
});

const liveListeners = new Set<(event: LiveEvent) => void>();
ipcRenderer.on(IPC_EVENTS.liveEvent, (_event: IpcRendererEvent, liveEvent: LiveEvent) => {
  // The page gets the event's data only, never the IPC event object.
  for (const listener of liveListeners) listener(liveEvent);
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
  startCapture: (options) => ipcRenderer.invoke(IPC_CHANNELS.startCapture, options) as Promise<CaptureStatus>,
  stopCapture: () => ipcRenderer.invoke(IPC_CHANNELS.stopCapture) as Promise<void>,
  captureStatus: () => ipcRenderer.invoke(IPC_CHANNELS.captureStatus) as Promise<CaptureStatus>,
  openLiveSession: (sessionId) => ipcRenderer.invoke(IPC_CHANNELS.openLiveSession, sessionId) as Promise<OpenedFile>,
  openLiveCapture: (sessionId) => ipcRenderer.invoke(IPC_CHANNELS.openLiveCapture, sessionId) as Promise<OpenedFile>,
  startTestStream: () => ipcRenderer.invoke(IPC_CHANNELS.startTestStream) as Promise<void>,
  stopTestStream: () => ipcRenderer.invoke(IPC_CHANNELS.stopTestStream) as Promise<void>,
  // The optional folder is sent only when given, so the handler sees exactly two or three arguments.
  setRecording: (sessionId, on) => ipcRenderer.invoke(IPC_CHANNELS.setRecording, sessionId, on) as Promise<RecordingStatus>,
  onLiveEvent(listener) {
    liveListeners.add(listener);
    return () => void liveListeners.delete(listener);
  },
  onOpenRequest(listener) {
    listeners.add(listener);
    for (const request of early.splice(0)) listener(request);
    return () => void listeners.delete(listener);
  },
  // File.path is gone from Electron; webUtils gives the path of a dropped or chosen file ('' for one made in the page).
  pathForFile: (file) => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('bitlens', api);
