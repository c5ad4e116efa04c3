/**
 * Who gets a connection slot. Before its `publish` is accepted (the key check), a connection has
 * proved nothing, so it holds a place in the pending pool only until someone needs it; once it
 * has published, it holds a publishing slot until it ends.
 *
 * - Pending connections (`maxPending`, default 128): a newcomer always gets in; when the pool is
 *   full, the pending connection that has gone longest without advancing the protocol makes
 *   room (advancing: the parser read a whole handshake packet or chunk; a connection that never
 *   did counts from its accept, so among silent ones the oldest goes). A real publisher advances
 *   every round trip until its `publish`, so a flood of silent, trickling or handshake-only
 *   sockets pushes out its own stalled members first and must keep reconnecting to stay in; the
 *   publisher is pushed out only if `maxPending` newcomers arrive within one of its round trips.
 *   Each pending connection is kept cheap by the pre-publish limits (pre-publish-guard.ts: a
 *   deadline, a useful-byte rate, a byte budget), so the pool can be large.
 * - One remote address may hold at most `maxPendingPerAddress` (default 4) pending connections:
 *   its newcomer pushes out its own oldest, so a remote flood recycles its own places and never
 *   those of other addresses. Loopback addresses are exempt: every local client, publisher and
 *   flood alike, is 127.0.0.1, and a cap there would only shrink the pool the local publisher
 *   needs.
 * - Publishing connections (`maxConnections`, default 16) are never pushed out; a publish beyond
 *   them is refused.
 */

export interface AdmissionOptions {
  /** Connections publishing at once. Default 16. */
  maxConnections?: number;
  /** Connections that have not published yet, all addresses together. Default 128. */
  maxPending?: number;
  /** Connections from one (non-loopback) address that have not published yet. Default 4. */
  maxPendingPerAddress?: number;
}

export const DEFAULT_MAX_CONNECTIONS = 16;
export const DEFAULT_MAX_PENDING = 128;
export const DEFAULT_MAX_PENDING_PER_ADDRESS = 4;

/** What the policy needs to know of a connection. */
export interface Occupant {
  readonly remoteAddress: string;
  /** When the parser last read a whole structure of it (its accept time before that), in any increasing unit. */
  readonly advancedAt: number;
  readonly hasPublished: boolean;
}

export interface Admission<T extends Occupant> {
  /** The connection that leaves to make room, and why. */
  evict?: { connection: T; reason: string };
}

/** Whether `a` makes room before `b`: it has gone longer without advancing. */
function goesFirst(a: Occupant, b: Occupant): boolean {
  return a.advancedAt < b.advancedAt;
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export function isLoopback(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

export class AdmissionPolicy {
  readonly maxConnections: number;
  readonly maxPending: number;
  readonly maxPendingPerAddress: number;

  constructor(options: AdmissionOptions = {}) {
    this.maxConnections = Math.max(1, options.maxConnections ?? DEFAULT_MAX_CONNECTIONS);
    this.maxPending = Math.max(1, options.maxPending ?? DEFAULT_MAX_PENDING);
    this.maxPendingPerAddress = Math.max(1, options.maxPendingPerAddress ?? DEFAULT_MAX_PENDING_PER_ADDRESS);
  }

  /** A connection from `address` comes in; who, of the current ones, leaves for it. */
  admit<T extends Occupant>(address: string, current: Iterable<T>): Admission<T> {
    let pending = 0;
    let first: T | undefined;
    let pendingHere = 0;
    let firstHere: T | undefined;
    for (const c of current) {
      if (c.hasPublished) continue;
      pending++;
      if (!first || goesFirst(c, first)) first = c;
      if (c.remoteAddress !== address) continue;
      pendingHere++;
      if (!firstHere || goesFirst(c, firstHere)) firstHere = c;
    }
    if (firstHere && pendingHere >= this.maxPendingPerAddress && !isLoopback(address)) {
      return { evict: { connection: firstHere, reason: `${pendingHere} connections from ${address} have not published; the longest stalled makes room` } };
    }
    if (first && pending >= this.maxPending) {
      return { evict: { connection: first, reason: `${pending} connections have not published; the longest stalled makes room` } };
    }
    return {};
  }

  /** Whether one more connection may publish, given the current ones. */
  mayPublish(current: Iterable<Occupant>): boolean {
    let publishing = 0;
    for (const c of current) if (c.hasPublished) publishing++;
    return publishing < this.maxConnections;
  }
}
