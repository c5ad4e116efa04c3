// Validation of every call's arguments, shared by the Electron IPC handlers and the web host.
// Arguments arrive from a page (untrusted by default): check types and ranges before acting.
import { isAbsolute } from 'node:path';
import { IPC_CHANNELS, MAX_READ_RANGE, type ApiCall, type BitlensApi } from '../api.js';
import { ApiRefusal } from './api-errors.js';

/** The arguments of each call, as the contract declares them. */
export type CallArgs = { [K in ApiCall]: Parameters<BitlensApi[K]> };

/** Paths longer than this are refused (no OS needs more; it bounds what we log and store). */
const MAX_PATH_LENGTH = 4096;
const FILE_ID = /^[0-9a-f]{32}$/;
const SAMPLE_KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function isApiCall(name: unknown): name is ApiCall {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(IPC_CHANNELS, name);
}

function count(call: ApiCall, args: readonly unknown[], n: number): void {
  if (args.length !== n) throw new ApiRefusal(`${call}: expected ${n} argument(s), got ${args.length}`);
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
      case 'version':
      case 'recentFiles':
      case 'sampleFiles':
      case 'showOpenDialog':
        count(call, args, 0);
        return [];
    }
  })();
  return checked as CallArgs[K];
}
