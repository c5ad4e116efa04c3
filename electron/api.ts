// The typed contract between the renderer and the Node side.
// Electron: preload.ts exposes it as `window.bitlens`; browser: the web host implements it over a WebSocket.
// Every call and event is declared here, once.

/** A file the Node side opened for range reads; the renderer parses it through `readRange`. */
export interface OpenedFile {
  /** Handle for readRange/closeFile; valid until closed. */
  fileId: string;
  /** File name (no directory) shown in the tab. */
  name: string;
  /** Full path where there is one (Electron, command line); absent for bundled samples in the browser. */
  path?: string;
  size: number;
  /**
   * Where this file's bytes answer HTTP `Range: bytes=first-last` requests, relative to the page's address
   * (`files/<fileId>`, see FILE_RANGES_PATH): the parse worker reads there itself, so its reads do not wait
   * for the window's main thread. Absent when the host serves no such address (then reads go through readRange).
   */
  rangeUrl?: string;
}

export interface RecentFile {
  path: string;
  name: string;
  size: number;
  /** ms since the epoch. */
  openedAt: number;
}

/** Small files shipped with the app so a new user can see what Bitlens does in one click. */
export interface SampleFile {
  /** Stable key for openSample. */
  key: string;
  name: string;
  description: string;
  size: number;
}

/** Why the renderer should open files: a menu item, the command line, the OS (open-file), a second instance. */
export interface OpenRequest {
  paths: string[];
}

export interface BitlensApi extends LiveCaptureApi {
  /** The application's version, e.g. "0.1.0". */
  version(): Promise<string>;
  /** Opens a file on disk by path: only one the user named (command line, the OS, the native dialog, a recent file); others are refused. */
  openPath(path: string): Promise<OpenedFile>;
  /** Opens one of the bundled sample files. */
  openSample(key: string): Promise<OpenedFile>;
  /** Reads bytes of an opened file; fewer than asked only at its end. At most 16 MiB per call. */
  readRange(fileId: string, offset: number, length: number): Promise<Uint8Array>;
  closeFile(fileId: string): Promise<void>;
  recentFiles(): Promise<RecentFile[]>;
  sampleFiles(): Promise<SampleFile[]>;
  /** Shows the native open dialog (Electron) and returns the chosen paths; the web host returns [] (the page uses a file input). */
  showOpenDialog(): Promise<string[]>;
  /** Subscribes to open requests from outside the page; returns the unsubscribe function. */
  onOpenRequest(listener: (request: OpenRequest) => void): () => void;
  /** Electron only: the path on disk of a dropped or chosen File (webUtils.getPathForFile; File.path is gone). Absent in the browser. */
  pathForFile?(file: File): string;
}

/** Calls of the API (every key but the event subscriptions and the local pathForFile), each one IPC channel / WebSocket method. */
export type ApiCall = Exclude<keyof BitlensApi, 'onOpenRequest' | 'onLiveEvent' | 'pathForFile'>;

/** IPC channel names, one per call. main.ts registers a handler for each; preload.ts exposes each. */
export const IPC_CHANNELS = {
  version: 'bitlens:version',
  openPath: 'bitlens:open-path',
  openSample: 'bitlens:open-sample',
  readRange: 'bitlens:read-range',
  closeFile: 'bitlens:close-file',
  recentFiles: 'bitlens:recent-files',
  sampleFiles: 'bitlens:sample-files',
  showOpenDialog: 'bitlens:show-open-dialog',
  startCapture: 'bitlens:start-capture',
  stopCapture: 'bitlens:stop-capture',
  captureStatus: 'bitlens:capture-status',
  openLiveSession: 'bitlens:open-live-session',
  openLiveCapture: 'bitlens:open-live-capture',
  startTestStream: 'bitlens:start-test-stream',
  stopTestStream: 'bitlens:stop-test-stream',
  setRecording: 'bitlens:set-recording',
} as const satisfies Record<ApiCall, string>;

/** Events pushed from the Node side to the page. */
export const IPC_EVENTS = {
  openRequest: 'bitlens:open-request',
  liveEvent: 'bitlens:live-event',
} as const;

/** Largest range one readRange call may ask for (the hex view asks for screens, parsers for boxes). */
export const MAX_READ_RANGE = 16 * 1024 * 1024;
/**
 * Both hosts serve GET <page address>/files/<fileId> with one byte range per request: 206 with at most
 * MAX_READ_RANGE bytes (fewer at the end of the file), 416 past its end, never cached.
 */
export const FILE_RANGES_PATH = 'files/';

// ---- Live capture (RTMP server): the Live tab's calls and events, part of BitlensApi. ----

/** A publisher's session on the local RTMP server (one per publish). */
export interface LiveSessionInfo {
  id: string;
  app: string;
  /** The publish name (the stream key when one is required). */
  stream: string;
  tcUrl?: string;
  remoteAddress: string;
  remotePort: number;
  /** ms since the epoch. */
  startedAt: number;
  /** The client's flashVer from connect, or onMetaData's encoder. */
  encoder?: string;
  video?: { codec: string; codecString?: string; width?: number; height?: number };
  audio?: { codec: string; codecString?: string; sampleRate?: number; channels?: number };
  /** Where the connection's bytes are being written (.rtmpcap), when capturing to disk. */
  capturePath?: string;
  /** Set once the publish ended: ms since the epoch, and why. */
  endedAt?: number;
  endReason?: string;
  /** Whether the session is being recorded (the record switch), and into which files. */
  recording?: RecordingStatus;
}

/** The record switch of one session: fragmented MP4 plus the raw FLV, written as tags arrive. */
export interface RecordingStatus {
  on: boolean;
  /** The folder the files go to. */
  dir: string;
  /** Files written so far (paths), the FLV first. */
  files: string[];
  /** Why recording stopped by itself (a write failed: disk full ...), until the switch goes on again. */
  error?: string;
}

export interface LiveStats {
  /** Client bytes received on the connection (handshake included). */
  bytes: number;
  mediaBytes: number;
  videoFrames: number;
  audioFrames: number;
  keyframes: number;
  /** Span of media timestamps seen (ms). */
  durationMs: number;
  /** Received bits per second over the last two seconds of wall time. */
  bitrate: number;
  /** Video frames per second of media time over the last two seconds of frames. */
  frameRate: number;
  /** Media time between the last two keyframes (ms). */
  keyframeIntervalMs?: number;
  /** Last video timestamp minus last audio timestamp (ms). */
  avDriftMs?: number;
}

/** One FLV tag of a live session, as the renderer lists it (the Node side keeps the bytes). */
export interface LiveTagSummary {
  kind: 'audio' | 'video' | 'data';
  /** ms (RTMP message timestamp). */
  timestamp: number;
  /** Payload bytes (the FLV tag body). */
  size: number;
  /** Offset of the first payload byte in the connection's client byte stream. */
  offset: number;
  keyframe: boolean;
  sequenceHeader: boolean;
  /** The tag's one-line description (`AVC NALU, key frame @ 40 ms`). */
  title: string;
}

export type LiveEvent =
  | { type: 'session-started'; session: LiveSessionInfo }
  | { type: 'session-ended'; session: LiveSessionInfo; reason: string; stats: LiveStats }
  | { type: 'tags'; sessionId: string; tags: LiveTagSummary[] }
  | { type: 'sequence-header'; sessionId: string; kind: 'video' | 'audio'; codec: string; codecString?: string; timestamp: number }
  | { type: 'stats'; sessionId: string; stats: LiveStats }
  /**
   * The session's client byte stream (what openLiveSession reads) grew to `size` bytes; batched about 10 a
   * second. `complete` once no more will come (the connection closed, or the in-memory limit was reached).
   * `arrivals`: when the bytes since the last event came in, as [stream size after a socket read, server
   * wall clock (ms since the epoch)] pairs, so a player can tell how long ago the server received a frame.
   */
  | { type: 'session-bytes'; sessionId: string; size: number; complete: boolean; arrivals?: Array<[number, number]> }
  | { type: 'recording'; sessionId: string; recording: RecordingStatus }
  /** The test stream started or stopped (`error` when it could not start or broke off). */
  | { type: 'test-stream'; running: boolean; error?: string }
  /** The server started or stopped listening. */
  | { type: 'capture-status'; status: CaptureStatus };

export interface CaptureOptions {
  /** Default 1935. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** When set, the publish name must equal it. */
  key?: string;
  /** Also write each connection's bytes to a .rtmpcap file (in the data folder's captures/), to reopen later. */
  saveCaptures?: boolean;
}

export interface CaptureStatus {
  listening: boolean;
  port?: number;
  host?: string;
  keyRequired: boolean;
  /** The stream key the server wants (the page that started the server shows it to paste into OBS). */
  key?: string;
  /** Sessions publishing now, then the last few that ended (their bytes stay readable). */
  sessions: LiveSessionInfo[];
  /** Where .rtmpcap files go when saveCaptures is on. */
  captureDir?: string;
  testStream: boolean;
}

/** Live capture calls and events (the Live tab). */
export interface LiveCaptureApi {
  /** Starts the RTMP server (port 0 picks a free port; the status says which). Restarts it when it runs. */
  startCapture(options: CaptureOptions): Promise<CaptureStatus>;
  /** Stops the server: every session ends (their bytes stay readable until they are forgotten). */
  stopCapture(): Promise<void>;
  captureStatus(): Promise<CaptureStatus>;
  /**
   * The session's client byte stream (handshake, chunks, tags), from the connection's first byte, as a file
   * to readRange; its size grows (session-bytes events say how far). closeFile when done.
   */
  openLiveSession(sessionId: string): Promise<OpenedFile>;
  /** The session's bytes so far as an .rtmpcap file (capture header, the bytes, index): opens like any file. */
  openLiveCapture(sessionId: string): Promise<OpenedFile>;
  /** Publishes the bundled sample to the running server in real time, looping, until stopTestStream. */
  startTestStream(): Promise<void>;
  stopTestStream(): Promise<void>;
  /**
   * The record switch: on starts writing the session to the data folder's recordings/, off finishes the files.
   * The page never names the folder: a page must not choose where the Node side writes.
   */
  setRecording(sessionId: string, on: boolean): Promise<RecordingStatus>;
  /** Subscribes to live session events; returns the unsubscribe function. */
  onLiveEvent(listener: (event: LiveEvent) => void): () => void;
}
