// Which names the web host answers to (the Host header) and which pages may open its WebSocket (Origin).
// The Host check stops DNS rebinding: a site whose name is made to resolve to 127.0.0.1 sends its own name
// as Host, so it is refused before any token check, even for the public assets.
import { isIP } from 'node:net';

/** Origins the page may have: the host's own address, and the loopback names for it. */
export function allowedOrigins(host: string, port: number): Set<string> {
  const names = new Set([host, '127.0.0.1', 'localhost']);
  if (host.includes(':')) names.add(`[${host}]`);
  return new Set([...names].filter((n) => !n.includes(':') || n.startsWith('[')).map((n) => `http://${n}:${port}`));
}

function listensEverywhere(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

/** `name:port` split, with IPv6 brackets removed; null when the port is missing or not a number. */
function splitHostHeader(hostHeader: string): { name: string; port: number } | null {
  const m = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]+):(\d{1,5})$/.exec(hostHeader);
  return m ? { name: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]) } : null;
}

/**
 * Whether a request's Host header names this host: one of its own origins' `name:port`, or, when it listens on
 * every interface, any IP literal with its port (never a DNS name, which another site could rebind to us).
 */
export function hostAllowed(listenHost: string, port: number, hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  if (allowedOrigins(listenHost, port).has(`http://${hostHeader}`)) return true;
  const parsed = splitHostHeader(hostHeader);
  return listensEverywhere(listenHost) && parsed !== null && parsed.port === port && isIP(parsed.name) !== 0;
}

/** Whether a WebSocket upgrade's Origin is this host's own page (the same names as hostAllowed, as http:// origins). */
export function originAllowed(listenHost: string, port: number, origin: string | undefined, hostHeader: string | undefined): boolean {
  if (!origin || !hostAllowed(listenHost, port, hostHeader)) return false;
  if (allowedOrigins(listenHost, port).has(origin)) return true;
  return listensEverywhere(listenHost) && origin === `http://${hostHeader}`;
}
