/**
 * The limits on a connection that has not published yet. A real publisher goes from TCP accept to
 * an accepted `publish` in a few round trips, sending about 3.5 KB (the 3,073-byte handshake and
 * four or five small commands), so a connection that has not got there:
 *
 * - within `prePublishDeadlineMs` of its accept is closed (no byte it sends extends the deadline);
 * - with fewer than `minUsefulBytesPerSecond` useful bytes per second on average since its accept
 *   (checked every second) is closed sooner. Useful bytes are those that advance the protocol,
 *   the ones the parser has read as whole structures (handshake packets, complete chunks), so a
 *   trickle into a chunk that never completes counts nothing;
 * - after more than `maxPrePublishBytes` is closed: nothing before a publish needs more, and the
 *   bound keeps a connection that has proved nothing cheap (a large partial message waits for
 *   the publish).
 *
 * Once a publish is accepted the guard stops; the idle timeout applies from then on.
 */

export interface PrePublishOptions {
  /** From TCP accept to an accepted publish. Default 5 s. */
  prePublishDeadlineMs?: number;
  /** Average useful bytes per second since accept, before the publish. Default 512. */
  minUsefulBytesPerSecond?: number;
  /** Bytes a client may send before its publish is accepted. Default 256 KiB. */
  maxPrePublishBytes?: number;
}

export const DEFAULT_PRE_PUBLISH_DEADLINE_MS = 5000;
export const DEFAULT_MIN_USEFUL_BYTES_PER_SECOND = 512;
export const DEFAULT_MAX_PRE_PUBLISH_BYTES = 256 * 1024;
/** How often the rate is checked. */
const RATE_CHECK_MS = 1000;

export class PrePublishGuard {
  private readonly deadline: ReturnType<typeof setTimeout>;
  private readonly rateCheck: ReturnType<typeof setInterval>;
  private readonly acceptedAt = performance.now();
  private readonly minRate: number;
  private readonly maxBytes: number;
  private stopped = false;

  /**
   * @param useful the connection's useful bytes so far
   * @param fail closes the connection with this reason
   */
  constructor(options: PrePublishOptions, useful: () => number, fail: (reason: string) => void) {
    const deadlineMs = options.prePublishDeadlineMs ?? DEFAULT_PRE_PUBLISH_DEADLINE_MS;
    this.minRate = options.minUsefulBytesPerSecond ?? DEFAULT_MIN_USEFUL_BYTES_PER_SECOND;
    this.maxBytes = options.maxPrePublishBytes ?? DEFAULT_MAX_PRE_PUBLISH_BYTES;
    this.deadline = setTimeout(() => {
      this.stop();
      fail(`no publish within ${deadlineMs} ms of connecting`);
    }, deadlineMs);
    this.rateCheck = setInterval(() => {
      const seconds = (performance.now() - this.acceptedAt) / 1000;
      const got = useful();
      if (got >= this.minRate * seconds) return;
      this.stop();
      fail(`too slow before publishing: ${got} useful bytes in ${seconds.toFixed(1)} s (at least ${this.minRate} a second are needed)`);
    }, RATE_CHECK_MS);
  }

  /** Every byte the client sent so far: false (and the guard stops) when that is over the budget. */
  withinBudget(total: number): boolean {
    if (this.stopped || total <= this.maxBytes) return true;
    this.stop();
    return false;
  }

  /** The reason a `withinBudget` false closes with. */
  get budgetReason(): string {
    return `sent more than ${this.maxBytes} bytes without publishing`;
  }

  /** The publish was accepted, or the connection closed. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.deadline);
    clearInterval(this.rateCheck);
  }
}
