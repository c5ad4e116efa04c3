/**
 * Progress on standard error for long jobs: nothing for the first second, then at most a few lines
 * (one updated line on a terminal). Standard output stays clean for results.
 */
const QUIET_MS = 1000;
const TTY_EVERY_MS = 200;
const LOG_EVERY_MS = 5000;

export class Progress {
  private readonly started = Date.now();
  private last = 0;
  private shown = false;

  constructor(private readonly label: string) {}

  update(done: number, total: number): void {
    const now = Date.now();
    if (now - this.started < QUIET_MS) return;
    const tty = process.stderr.isTTY === true;
    if (now - this.last < (tty ? TTY_EVERY_MS : LOG_EVERY_MS)) return;
    this.last = now;
    const percent = total > 0 ? Math.min(100, (100 * done) / total).toFixed(0) : '?';
    process.stderr.write(`${tty ? '\r' : ''}${this.label}: ${percent}% (${done} of ${total})${tty ? '' : '\n'}`);
    this.shown = true;
  }

  done(summary?: string): void {
    if (this.shown && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    if (summary && (this.shown || Date.now() - this.started >= QUIET_MS)) process.stderr.write(`${this.label}: ${summary}\n`);
  }
}
