/**
 * How a command that stopped is reported: each failure falls in one category, and each category has
 * its own message and exit status. An exception's own text (`TypeError: …`) and its stack are never
 * shown by default: they name our code, not the user's problem. BITLENS_DEBUG=1 adds them.
 */
import { SampleUnreadable } from '../../media/model/sample-unreadable.js';
import { RemuxError } from '../../media/remux/remux-error.js';
import { CliError } from './open-document.js';
import { OutputClosed, isClosing } from './output.js';
import { isSystemError, systemReason, systemTarget } from './system-reasons.js';

export type Failure =
  /** Wrong arguments, or a message a command chose to show as it is (exit 1). */
  | { kind: 'usage'; message: string }
  /** The operating system refused a path or an address: missing, a directory, no permission, in use (exit 1). */
  | { kind: 'file-system'; message: string }
  /** The file's bytes do not allow what was asked (remux of a cut file): one line naming it (exit 1). */
  | { kind: 'file-problem'; message: string }
  /** Whoever read standard output has gone (`| head`): the command ends quietly (exit 0). */
  | { kind: 'output-closed' }
  /** A fault of Bitlens itself: one line asking for a report, details only with BITLENS_DEBUG (exit 1). */
  | { kind: 'internal'; file: string | undefined; error: unknown };

/** An exception no category claims, raised while a command read `file`. */
export class InternalFailure extends Error {
  constructor(
    readonly file: string,
    readonly error: unknown,
  ) {
    super(`internal error while reading ${file}`);
  }
}

export function classify(e: unknown): Failure {
  if (e instanceof InternalFailure) return { kind: 'internal', file: e.file, error: e.error };
  if (e instanceof OutputClosed || isClosing(e)) return { kind: 'output-closed' };
  if (e instanceof CliError) return { kind: 'usage', message: e.message };
  if (isSystemError(e)) {
    const target = systemTarget(e);
    return { kind: 'file-system', message: target !== undefined ? `${target}: ${systemReason(e)}` : systemReason(e) };
  }
  if (e instanceof RemuxError || e instanceof SampleUnreadable) return { kind: 'file-problem', message: e.message };
  return { kind: 'internal', file: undefined, error: e };
}

/**
 * Runs the part of a command that reads `file`: an exception no category claims is reported as an
 * internal error while reading it, and a file problem names the file.
 */
export async function whileReading<T>(file: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (e) {
    const failure = classify(e);
    if (failure.kind === 'internal') throw new InternalFailure(file, e);
    if (failure.kind === 'file-problem') throw new CliError(`${file}: ${failure.message}`);
    throw e;
  }
}

/** The exit status and the lines on standard error for a failure. */
export function report(failure: Failure, debug: boolean): { status: number; lines: string[] } {
  switch (failure.kind) {
    case 'output-closed':
      return { status: 0, lines: [] };
    case 'internal': {
      const where = failure.file !== undefined ? ` while reading ${failure.file}` : '';
      const lines = [`bitlens: internal error${where} (please report; BITLENS_DEBUG=1 shows the details)`];
      if (debug) lines.push(failure.error instanceof Error ? (failure.error.stack ?? `${failure.error.name}: ${failure.error.message}`) : String(failure.error));
      return { status: 1, lines };
    }
    default:
      return { status: 1, lines: [`bitlens: ${failure.message}`] };
  }
}
