/** The operating system's refusals (ENOENT, EISDIR ...) in the words the command line prints. */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
  EFBIG: 'the file is too large',
  EEXIST: 'already exists',
  EADDRINUSE: 'the address is already in use',
  EADDRNOTAVAIL: 'the address is not one of this machine',
};

export interface SystemError extends Error {
  code: string;
  syscall: string;
  path?: string;
  /** Network calls (listen): the address and port refused. */
  address?: string;
  port?: number;
}

/** An error the operating system raised (it has an errno code and the call that failed). */
export function isSystemError(e: unknown): e is SystemError {
  return e instanceof Error && typeof (e as Partial<SystemError>).code === 'string' && typeof (e as Partial<SystemError>).syscall === 'string';
}

/** Why the system refused, in words (its code when the words are not known). */
export function systemReason(e: SystemError): string {
  return REASONS[e.code] ?? e.code;
}

/** What the system refused: the path, or the address and port. */
export function systemTarget(e: SystemError): string | undefined {
  if (e.path !== undefined) return e.path;
  if (e.address !== undefined) return e.port !== undefined ? `${e.address}:${e.port}` : e.address;
  return undefined;
}
