/**
 * The command line's dispatcher: runs one command and turns however it ends into an exit status and at
 * most one line on standard error (electron/cli/failure.ts). electron/cli.ts runs it on the process's
 * own arguments and streams; tests run it in-process the same way.
 */
import { classify, report } from './failure.js';
import { CliError } from './open-document.js';
import { type Output, line } from './output.js';
import { REMUX_USAGE } from './remux-usage.js';

const USAGE = `usage: bitlens <command> FILE [options]
  inspect FILE [--json] [--max-entries N] [--format NAME]   the annotated structure
  inspect --bytes FILE|- [--as TYPE] [--json]               pasted text (C array, hex, xxd, base64): what the bytes are
  inspect FILE --sample N [--json]                          packet N (file order) opened into NAL units / AAC elements
  info FILE [--json] [--strict]                              format, tracks, durations, diagnostics (--strict: exit 2 on errors)
  packets FILE --json [--strict]                             every packet in file order
${REMUX_USAGE}
  record [--port 1935] [--host H] [--key KEY] --out DIR       record every RTMP publish to DIR (.mp4 + .flv)
  serve-rtmp [--port 1935] [--host H] [--key KEY] [--capture DIR]  an RTMP server printing what publishers send
  web [--port N] [--host 127.0.0.1] [FILE...]                the window in a browser (prints its address)`;

export interface CliStreams {
  /** Results. */
  out: Output;
  /** Messages: one line when a command fails. */
  err: (text: string) => void;
  /** Show an internal error's details (BITLENS_DEBUG=1). */
  debug: boolean;
}

/** A command's own usage error (record, web), shown as one line like every other. */
function usageError(kind: new (...args: never[]) => Error): (e: unknown) => never {
  return (e) => {
    throw e instanceof kind ? new CliError(e.message) : e;
  };
}

/**
 * Every command, each with its own options (node:util parseArgs in its module). Modules load when their
 * command runs: `info` does not pay for the RTMP server, the recorder or the web host at start-up.
 */
const COMMANDS: Record<string, (argv: string[], out: Output) => Promise<number | void>> = {
  inspect: async (argv, out) => (await import('./document-commands.js')).runInspect(argv, out),
  info: async (argv, out) => (await import('./document-commands.js')).runInfo(argv, out),
  packets: async (argv, out) => (await import('./document-commands.js')).runPackets(argv, out),
  remux: async (argv) => (await import('./remux-command.js')).runRemux(argv),
  extract: async (argv) => (await import('./remux-command.js')).runExtract(argv),
  record: async (argv, out) => {
    const { runRecord, RecordUsageError } = await import('./record.js');
    await runRecord(argv, (text) => void out.write(line(text)).catch(() => {})).catch(usageError(RecordUsageError));
  },
  'serve-rtmp': async (argv, out) => {
    await (await import('./serve-rtmp.js')).runServeRtmp(argv, (text) => void out.write(line(text)).catch(() => {}));
  },
  web: async (argv) => {
    const { runWeb, WebUsageError } = await import('../web/run.js');
    await runWeb(argv).catch(usageError(WebUsageError));
  },
};

/** Resolves with the command's exit status: 0, or what it says (2: `--strict` found errors). */
async function dispatch(argv: string[], out: Output): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    await out.write(line(USAGE));
    return 0;
  }
  const handler = COMMANDS[command];
  if (!handler) throw new CliError(`unknown command '${command}'\n${USAGE}`);
  return (await handler(rest, out)) ?? 0;
}

/** Runs one command; resolves with its exit status. Never rejects. */
export async function runCli(argv: string[], streams: CliStreams): Promise<number> {
  try {
    return await dispatch(argv, streams.out);
  } catch (e) {
    const { status, lines } = report(classify(e), streams.debug);
    for (const text of lines) streams.err(line(text));
    return status;
  }
}
