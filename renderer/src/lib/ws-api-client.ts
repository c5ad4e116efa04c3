// The browser side of the web host (electron/web/): BitlensApi over one WebSocket.
// Calls carry ids and resolve when their reply arrives; readRange replies come as binary frames.
import type { ApiCall, BitlensApi, LiveEvent, OpenRequest } from '../../../electron/api';
import { API_PATH, decodeBinaryReply, TOKEN_PARAM, type CallMessage, type TextMessage } from '../../../electron/web/protocol';

/** The parts of a WebSocket the client uses (the browser's, or `ws` in tests). */
export interface ApiSocket {
  binaryType: string;
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

interface PageLocation {
  protocol: string;
  host: string;
  search: string;
}

/**
 * The web host's token, from the page's own address (`?token=`). It stays there rather than in a cookie or
 * storage: the browser sends a cookie to every port of 127.0.0.1, while the address is sent only to our host,
 * and a reload keeps working. Our code hands it to the WebSocket and the worker's range requests, nothing else.
 */
export function pageToken(location: Pick<PageLocation, 'search'>): string | null {
  return new URLSearchParams(location.search).get(TOKEN_PARAM);
}

/** ws(s)://<page host>/api?token=<the page's token>. */
export function apiUrl(location: PageLocation): string {
  const token = pageToken(location) ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${API_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** BitlensApi over an open socket. */
export function createWebApi(socket: ApiSocket): BitlensApi {
  socket.binaryType = 'arraybuffer';
  const pending = new Map<number, Pending>();
  const listeners = new Set<(request: OpenRequest) => void>();
  const liveListeners = new Set<(event: LiveEvent) => void>();
  // Requests that arrive before the page subscribes (the host pushes its files as soon as we connect).
  const early: OpenRequest[] = [];
  let nextId = 1;

  const fail = (error: Error): void => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  socket.onclose = () => fail(new Error('Bitlens web host: connection closed'));
  socket.onmessage = (event) => {
    if (event.data instanceof ArrayBuffer) {
      const reply = decodeBinaryReply(new Uint8Array(event.data));
      const p = reply && pending.get(reply.id);
      if (reply && p) {
        pending.delete(reply.id);
        p.resolve(reply.bytes);
      }
      return;
    }
    if (typeof event.data !== 'string') return;
    let message: TextMessage;
    try {
      message = JSON.parse(event.data) as TextMessage;
    } catch {
      return;
    }
    if ('event' in message) {
      if (message.event === 'liveEvent') {
        for (const listener of liveListeners) listener(message.liveEvent);
        return;
      }
      if (message.event !== 'openRequest') return;
      if (listeners.size === 0) early.push(message.request);
      for (const listener of listeners) listener(message.request);
      return;
    }
    const p = pending.get(message.id);
    if (!p) return;
    pending.delete(message.id);
    if (message.ok) p.resolve(message.result);
    else p.reject(new Error(message.error));
  };

  function call<R>(name: ApiCall, ...args: unknown[]): Promise<R> {
    const id = nextId++;
    return new Promise<R>((resolve, reject) => {
      if (socket.readyState !== 1) {
        reject(new Error('Bitlens web host: not connected'));
        return;
      }
      pending.set(id, { resolve: (v) => resolve(v as R), reject });
      socket.send(JSON.stringify({ id, call: name, args } satisfies CallMessage));
    });
  }

  return {
    version: () => call('version'),
    openPath: (path) => call('openPath', path),
    openSample: (key) => call('openSample', key),
    readRange: (fileId, offset, length) => call('readRange', fileId, offset, length),
    closeFile: (fileId) => call('closeFile', fileId),
    recentFiles: () => call('recentFiles'),
    sampleFiles: () => call('sampleFiles'),
    // The browser has no native dialog here: the page uses its file input.
    showOpenDialog: () => Promise.resolve([]),
    startCapture: (options) => call('startCapture', options),
    stopCapture: () => call('stopCapture'),
    captureStatus: () => call('captureStatus'),
    openLiveSession: (sessionId) => call('openLiveSession', sessionId),
    openLiveCapture: (sessionId) => call('openLiveCapture', sessionId),
    startTestStream: () => call('startTestStream'),
    stopTestStream: () => call('stopTestStream'),
    setRecording: (sessionId, on) => call('setRecording', sessionId, on),
    onLiveEvent(listener) {
      liveListeners.add(listener);
      return () => void liveListeners.delete(listener);
    },
    onOpenRequest(listener) {
      listeners.add(listener);
      for (const request of early.splice(0)) listener(request);
      return () => void listeners.delete(listener);
    },
  };
}

/** Opens an already-constructed socket and resolves with the API once it is connected. */
export function openWebApi(socket: ApiSocket): Promise<BitlensApi> {
  return new Promise((resolve, reject) => {
    socket.onopen = () => resolve(createWebApi(socket));
    socket.onerror = () => reject(new Error('Bitlens web host: cannot connect (was the address opened with its ?token=...?)'));
    socket.onclose = () => reject(new Error('Bitlens web host: connection refused'));
  });
}

/** The page's API when it is served by the web host (no window.bitlens there). */
export function connectWebApi(): Promise<BitlensApi> {
  // Typed views of the browser's globals, so this file also compiles (and runs in tests) outside a DOM lib.
  const g = globalThis as unknown as { location: PageLocation; WebSocket: new (url: string) => ApiSocket };
  return openWebApi(new g.WebSocket(apiUrl(g.location)));
}
