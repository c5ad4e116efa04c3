// Validation of every call's arguments, shared by the Electron IPC handlers and the web host.
// Arguments arrive from a page (untrusted by default): check types and ranges before acting.
import { isIP } from 'node:net';
import { isAbsolute } from 'node:path';
import { IPC_CHANNELS, MAX_READ_RANGE, type ApiCall, type BitlensApi, type CaptureOptions } from '../api.js';
import { ApiRefusal } from './api-errors.js';

/** The arguments of each call, as the contract declares them. */
export type CallArgs = { [K in ApiCall]: Parameters<BitlensApi[K]> };

/** Paths longer than this are refused (no OS needs more; it bounds what we log and store). */
const MAX_PATH_LENGTH = 4096;
const FILE_ID = /^[0-9a-f]{32}$/;
const SAMPLE_KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** Live session ids as the RTMP server makes them: connection and session numbers. */
const SESSION_ID = /^c\d{1,9}-s\d{1,9}$/;
/** Stream keys: printable ASCII without spaces, as OBS and ffmpeg put them in a URL path. */
const STREAM_KEY = /^[\x21-\x7e]{1,256}$/;
const CAPTURE_OPTION_KEYS = new Set(['port', 'host', 'key', 'saveCaptures']);

export function isApiCall(name: unknown): name is ApiCall {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(IPC_CHANNELS, name);
}

function count(call: ApiCall, args: readonly unknown[], n: number, max = n): void {
  if (args.length < n || args.length > max) throw new ApiRefusal(`${call}: expected ${n === max ? n : `${n} to ${max}`} argument(s), got ${args.length}`);
}

export function checkPath(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw new ApiRefusal('path must be a non-empty string');
  if (value.length > MAX_PATH_LENGTH) throw new ApiRefusal('path is too long');
  if (value.includes('\0')) throw new ApiRefusal('path contains a NUL character');
  if (!isAbsolute(value)) throw new ApiRefusal('path must be absolute');
  return value;
}

export function checkFileId(value: unknown): string {
  if (typeof value !== 'string' || !FILE_ID.test(value)) throw new ApiRefusal('fileId is not a file handle');
  return value;
}

export function checkSampleKey(value: unknown): string {
  if (typeof value !== 'string' || !SAMPLE_KEY.test(value)) throw new ApiRefusal('sample key is malformed');
  return value;
}

export function checkOffset(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new ApiRefusal('offset must be an integer >= 0');
  return value;
}

export function checkLength(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new ApiRefusal('length must be an integer >= 0');
  if (value > MAX_READ_RANGE) throw new ApiRefusal(`length must be at most ${MAX_READ_RANGE} (MAX_READ_RANGE)`);
  return value;
}

export function checkSessionId(value: unknown): string {
  if (typeof value !== 'string' || !SESSION_ID.test(value)) throw new ApiRefusal('sessionId is not a live session id');
  return value;
}

/** The RTMP server's options: a port (0 for any free one), an IP literal to listen on, a stream key. */
export function checkCaptureOptions(value: unknown): CaptureOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ApiRefusal('capture options must be an object');
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!CAPTURE_OPTION_KEYS.has(k)) throw new ApiRefusal(`capture options: unknown option ${JSON.stringify(k.slice(0, 40))}`);
  const out: CaptureOptions = {};
  if (o.port !== undefined) {
    if (typeof o.port !== 'number' || !Number.isInteger(o.port) || o.port < 0 || o.port > 65535) throw new ApiRefusal('port must be an integer from 0 to 65535');
    out.port = o.port;
  }
  if (o.host !== undefined) {
    // An IP literal only: a name could resolve anywhere.
    if (typeof o.host !== 'string' || isIP(o.host) === 0) throw new ApiRefusal('host must be an IP address such as 127.0.0.1');
    out.host = o.host;
  }
  if (o.key !== undefined && o.key !== '') {
    if (typeof o.key !== 'string' || !STREAM_KEY.test(o.key)) throw new ApiRefusal('the stream key must be 1 to 256 printable characters without spaces');
    out.key = o.key;
  }
  if (o.saveCaptures !== undefined) {
    if (typeof o.saveCaptures !== 'boolean') throw new ApiRefusal('saveCaptures must be true or false');
    out.saveCaptures = o.saveCaptures;
  }
  return out;
}

/** Checks the arguments of `call`; throws ApiRefusal on anything the contract does not allow. */
export function checkArgs<K extends ApiCall>(call: K, args: unknown): CallArgs[K] {
  if (!Array.isArray(args)) throw new ApiRefusal(`${call}: arguments must be an array`);
  const checked = ((): CallArgs[ApiCall] => {
    switch (call as ApiCall) {
      case 'openPath':
        count(call, args, 1);
        return [checkPath(args[0])];
      case 'openSample':
        count(call, args, 1);
        return [checkSampleKey(args[0])];
      case 'readRange':
        count(call, args, 3);
        return [checkFileId(args[0]), checkOffset(args[1]), checkLength(args[2])];
      case 'closeFile':
        count(call, args, 1);
        return [checkFileId(args[0])];
      case 'startCapture':
        count(call, args, 1);
        return [checkCaptureOptions(args[0])];
      case 'openLiveSession':
      case 'openLiveCapture':
        count(call, args, 1);
        return [checkSessionId(args[0])];
      case 'setRecording': {
        count(call, args, 2);
        if (typeof args[1] !== 'boolean') throw new ApiRefusal('setRecording: on must be true or false');
        return [checkSessionId(args[0]), args[1]];
      }
      case 'version':
      case 'recentFiles':
      case 'sampleFiles':
      case 'showOpenDialog':
      case 'stopCapture':
      case 'captureStatus':
      case 'startTestStream':
      case 'stopTestStream':
        count(call, args, 0);
        return [];
    }
  })();
  return checked as CallArgs[K];
}
