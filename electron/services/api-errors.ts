/** A refusal the caller caused (bad argument, unknown file, too many open files): its message is safe to show the page. */
export class ApiRefusal extends Error {
  override readonly name = 'ApiRefusal';
}

/** The message to send back to a page: refusals as they are; anything else without paths or stack traces. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiRefusal) return e.message;
  // Node file errors carry a code the page can act on (ENOENT, EACCES, EISDIR ...).
  if (e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string') return `${(e as NodeJS.ErrnoException).code}: ${e.message}`;
  if (e instanceof Error) return e.message;
  return 'unexpected error';
}
