// The calls of the contract, implemented once over the services; main.ts (IPC) and the web host
// (WebSocket) each put their transport in front and add what differs (the open dialog).
import type { ApiCall, BitlensApi } from '../api.js';
import { checkArgs } from './api-args.js';
import type { FileRegistry } from './file-registry.js';
import type { LiveCapture } from './live/live-capture.js';
import type { PathGrants } from './path-grants.js';
import type { RecentFiles } from './recent-files.js';
import type { Samples } from './samples.js';

/** Every call of the contract (the event subscriptions and pathForFile are the transport's business). */
export type HostCalls = Omit<BitlensApi, 'onOpenRequest' | 'onLiveEvent' | 'pathForFile'>;

export interface HostServices {
  version: string;
  files: FileRegistry;
  recent: RecentFiles;
  samples: Samples;
  /** Whether openSample results carry the path (Electron: yes; browser: no, the path means nothing there). */
  samplePaths: boolean;
  showOpenDialog(): Promise<string[]>;
  /** The paths the user named (command line, OS, dialog): openPath answers only for these and recent files. */
  grants: PathGrants;
  /** The RTMP server and its sessions: one per process, shared by every page. */
  live: LiveCapture;
}

export function createHostCalls(s: HostServices): HostCalls {
  return {
    version: () => Promise.resolve(s.version),
    async openPath(requested) {
      const path = await s.grants.check(requested, s.recent);
      const opened = await s.files.open(path);
      // A broken settings dir must not stop the file from opening.
      await s.recent.remember(path, opened.size).catch(() => undefined);
      return opened;
    },
    openSample: (key) => s.files.open(s.samples.pathOf(key), { hidePath: !s.samplePaths }),
    readRange: (fileId, offset, length) => s.files.read(fileId, offset, length),
    closeFile: (fileId) => s.files.close(fileId),
    recentFiles: () => s.recent.list(),
    sampleFiles: () => s.samples.list(),
    async showOpenDialog() {
      // The native dialog is the user's own choice: what it returns may be opened.
      const paths = await s.showOpenDialog();
      s.grants.grant(paths);
      return paths;
    },
    startCapture: (options) => s.live.start(options),
    stopCapture: () => s.live.stop(),
    captureStatus: () => Promise.resolve(s.live.status()),
    openLiveSession: (sessionId) => Promise.resolve(s.live.openSession(s.files, sessionId)),
    openLiveCapture: (sessionId) => Promise.resolve(s.live.openCapture(s.files, sessionId)),
    startTestStream: () => s.live.startTestStream(),
    stopTestStream: () => s.live.stopTestStream(),
    setRecording: (sessionId, on) => s.live.setRecording(sessionId, on),
  };
}

/** Validates `args` for `call` and runs it. Throws ApiRefusal for bad arguments. */
export function dispatchCall(calls: HostCalls, call: ApiCall, args: unknown): Promise<unknown> {
  const a = checkArgs(call, args);
  // Each branch passes the tuple checkArgs returned for that very call.
  switch (call) {
    case 'openPath':
      return calls.openPath(...(a as Parameters<HostCalls['openPath']>));
    case 'openSample':
      return calls.openSample(...(a as Parameters<HostCalls['openSample']>));
    case 'readRange':
      return calls.readRange(...(a as Parameters<HostCalls['readRange']>));
    case 'closeFile':
      return calls.closeFile(...(a as Parameters<HostCalls['closeFile']>));
    case 'version':
      return calls.version();
    case 'recentFiles':
      return calls.recentFiles();
    case 'sampleFiles':
      return calls.sampleFiles();
    case 'showOpenDialog':
      return calls.showOpenDialog();
    case 'startCapture':
      return calls.startCapture(...(a as Parameters<HostCalls['startCapture']>));
    case 'openLiveSession':
      return calls.openLiveSession(...(a as Parameters<HostCalls['openLiveSession']>));
    case 'openLiveCapture':
      return calls.openLiveCapture(...(a as Parameters<HostCalls['openLiveCapture']>));
    case 'setRecording':
      return calls.setRecording(...(a as Parameters<HostCalls['setRecording']>));
    case 'stopCapture':
      return calls.stopCapture();
    case 'captureStatus':
      return calls.captureStatus();
    case 'startTestStream':
      return calls.startTestStream();
    case 'stopTestStream':
      return calls.stopTestStream();
  }
}
