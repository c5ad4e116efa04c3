// The web host's secret: a random token in the URL it prints, required by the page and the WebSocket.
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

/** The token from a request: the query parameter, or the cookie the page got with index.html. */
export function requestToken(url: URL, cookieHeader: string | undefined, param: string, cookieName: string): string | null {
  const fromQuery = url.searchParams.get(param);
  if (fromQuery !== null) return fromQuery;
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === cookieName) return part.slice(eq + 1).trim();
  }
  return null;
}

/** Origins the page may have: the host's own address, and the loopback names for it. */
export function allowedOrigins(host: string, port: number): Set<string> {
  const names = new Set([host, '127.0.0.1', 'localhost']);
  if (host.includes(':')) names.add(`[${host}]`);
  return new Set([...names].filter((n) => !n.includes(':') || n.startsWith('[')).map((n) => `http://${n}:${port}`));
}
