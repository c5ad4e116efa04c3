import type { BitlensApi } from '../../../electron/api.js';
import { connectWebApi, pageToken } from './ws-api-client.js';

declare global {
  interface Window {
    /** Set by electron/preload.ts; absent in a browser. */
    bitlens?: BitlensApi;
  }
}

let connecting: Promise<BitlensApi> | undefined;

/** The Bitlens API: the preload's in Electron, else a WebSocket to the web host that served this page. */
export function getApi(): Promise<BitlensApi> {
  if (window.bitlens) return Promise.resolve(window.bitlens);
  connecting ??= connectWebApi();
  return connecting;
}

/** True inside the Electron window (native dialogs, file paths). */
export function inElectron(): boolean {
  return window.bitlens !== undefined;
}

/** The web host's token for the parse worker's range requests; none in Electron (bitlens:// needs none). */
export function rangeToken(): string | undefined {
  return inElectron() ? undefined : (pageToken(location) ?? undefined);
}
