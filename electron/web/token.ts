// The web host's secret: a random token in the URL it prints, required by the page, its file ranges and the WebSocket.
// The token is never put in a cookie: cookies are not scoped by port, so any other server on 127.0.0.1 the
// browser visits would receive it. The page keeps it in its own address and sends it only where our code
// says: the WebSocket's query string and an Authorization header on its range requests.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison; hashing first gives equal lengths, so not even the length leaks. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/** The token from a request: the query parameter (the page's address, the WebSocket), or `Authorization: Bearer …` (range reads). */
export function requestToken(url: URL, authorization: string | undefined, param: string): string | null {
  const fromQuery = url.searchParams.get(param);
  if (fromQuery !== null) return fromQuery;
  const m = /^Bearer ([\x21-\x7e]{1,256})$/.exec(authorization ?? '');
  return m ? m[1]! : null;
}
