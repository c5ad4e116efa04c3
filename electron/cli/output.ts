/**
 * Standard output for command results. A reader that goes away early (`bitlens packets X --json | head`)
 * closes the pipe: the next write fails with EPIPE. That ends the command quietly, with status 0, and
 * stops its work: every later write rejects with OutputClosed, which no command catches.
 */

/** Standard output was closed by its reader. */
export class OutputClosed extends Error {
  constructor() {
    super('standard output is closed');
    this.name = 'OutputClosed';
  }
}

export interface Output {
  /** Writes `text` as it is; resolves once it is handed to the system. Rejects with OutputClosed once the reader has gone. */
  write(text: string): Promise<void>;
}

/** `text` ending with one line break, as whole results are printed. */
export function line(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

let closed = false;
let watching = false;

/** EPIPE: the reader has gone. A write after that finds the stream destroyed. */
export function isClosing(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

/**
 * Watches both standard streams for a reader that went away. Without a listener, Node reports EPIPE as an
 * uncaught 'error' event with a stack trace. Progress and messages on standard error may be lost the same way.
 */
export function watchStandardStreams(): void {
  if (watching) return;
  watching = true;
  process.stdout.on('error', (e) => {
    if (isClosing(e)) closed = true;
  });
  process.stderr.on('error', () => {});
}

/** Standard output as an Output. Other write failures (a full disk under `> file`) reject with their own error. */
export const standardOutput: Output = {
  write(text) {
    if (closed) return Promise.reject(new OutputClosed());
    return new Promise((resolve, reject) => {
      process.stdout.write(text, (e) => {
        if (!e) resolve();
        else if (isClosing(e)) {
          closed = true;
          reject(new OutputClosed());
        } else reject(e);
      });
    });
  },
};
