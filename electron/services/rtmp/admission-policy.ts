/**
 * Which connection gives way when a new one arrives. Before its `publish` is accepted (the key
 * check), a connection has proved nothing, so it holds its slot only until someone needs it:
 *
 * - an address may hold at most `maxPendingPerAddress` connections that have not published; a
 *   new one from that address pushes out the address's oldest unpublished connection, so one
 *   remote flood recycles its own slots and never those of other addresses;
 * - when all `maxConnections` slots are taken, the oldest unpublished connection (any address)
 *   makes room;
 * - a publishing connection is never pushed out: when every slot publishes, the newcomer is refused.
 *
 * New connections are admitted rather than refused whenever an unpublished one can go, because a
 * local flood shares 127.0.0.1 with the local publisher: refusing by address would refuse the
 * publisher too. Oldest first means a flood must keep reconnecting to stay in, and a real publisher,
 * which reaches `publish` within a few round trips, is never the oldest for long.
 */

export interface AdmissionOptions {
  /** Connections at once, publishing or not. Default 16. */
  maxConnections?: number;
  /** Connections from one address that have not published yet. Default 4. */
  maxPendingPerAddress?: number;
}

export const DEFAULT_MAX_CONNECTIONS = 16;
export const DEFAULT_MAX_PENDING_PER_ADDRESS = 4;

/** What the policy needs to know of a connection. */
export interface Occupant {
  readonly remoteAddress: string;
  /** When it was accepted, in any increasing unit (the oldest has the smallest). */
  readonly acceptedAt: number;
  readonly hasPublished: boolean;
}

export type Admission<T extends Occupant> = { admit: true; evict?: { connection: T; reason: string } } | { admit: false; reason: string };

export class AdmissionPolicy {
  readonly maxConnections: number;
  readonly maxPendingPerAddress: number;

  constructor(options: AdmissionOptions = {}) {
    this.maxConnections = Math.max(1, options.maxConnections ?? DEFAULT_MAX_CONNECTIONS);
    this.maxPendingPerAddress = Math.max(1, options.maxPendingPerAddress ?? DEFAULT_MAX_PENDING_PER_ADDRESS);
  }

  /** Whether a connection from `address` may come in, given the current ones, and who leaves for it. */
  admit<T extends Occupant>(address: string, current: Iterable<T>): Admission<T> {
    let count = 0;
    let oldest: T | undefined;
    let oldestHere: T | undefined;
    let pendingHere = 0;
    for (const c of current) {
      count++;
      if (c.hasPublished) continue;
      if (!oldest || c.acceptedAt < oldest.acceptedAt) oldest = c;
      if (c.remoteAddress !== address) continue;
      pendingHere++;
      if (!oldestHere || c.acceptedAt < oldestHere.acceptedAt) oldestHere = c;
    }
    if (oldestHere && pendingHere >= this.maxPendingPerAddress) {
      return { admit: true, evict: { connection: oldestHere, reason: `${pendingHere} connections from ${address} have not published; the oldest makes room` } };
    }
    if (count < this.maxConnections) return { admit: true };
    if (oldest) return { admit: true, evict: { connection: oldest, reason: `all ${this.maxConnections} connections are taken; the oldest that has not published makes room` } };
    return { admit: false, reason: `all ${this.maxConnections} connections are publishing` };
  }
}
