// The typed contract between the renderer and the Node side.
// Electron: preload.ts exposes it as `window.bitlens`; browser: the web host implements it over a WebSocket.
// Every call and event is declared here, once.

export interface BitlensApi {
  /** The application's version, e.g. "0.1.0". */
  version(): Promise<string>;
}

/** IPC channel names, one per call. main.ts registers a handler for each; preload.ts exposes each. */
export const IPC_CHANNELS = {
  version: 'bitlens:version',
} as const satisfies Record<keyof BitlensApi, string>;
