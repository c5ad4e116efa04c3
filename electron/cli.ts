import { CliError } from './cli/open-document.js';
import { REMUX_USAGE } from './cli/remux-usage.js';

const USAGE = `usage: bitlens <command> FILE [options]
  inspect FILE [--json] [--max-entries N] [--format NAME]   the annotated structure
  inspect --bytes FILE|- [--as TYPE] [--json]               pasted text (C array, hex, xxd, base64): what the bytes are
  inspect FILE --sample N [--json]                          packet N (file order) opened into NAL units / AAC elements
  info FILE [--json]                                         format, tracks, durations
  packets FILE --json                                        every packet in file order
${REMUX_USAGE}
  record [--port 1935] [--host H] [--key KEY] --out DIR       record every RTMP publish to DIR (.mp4 + .flv)
  serve-rtmp [--port 1935] [--host H] [--key KEY] [--capture DIR]  an RTMP server printing what publishers send
  web [--port N] [--host 127.0.0.1] [FILE...]                the window in a browser (prints its address)`;

function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`, (e) => (e ? reject(e) : resolve())));
}

const print = (line: string): void => void write(line);

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
const COMMANDS: Record<string, (argv: string[]) => Promise<unknown>> = {
  inspect: async (argv) => (await import('./cli/document-commands.js')).runInspect(argv, write),
  info: async (argv) => (await import('./cli/document-commands.js')).runInfo(argv, write),
  packets: async (argv) => (await import('./cli/document-commands.js')).runPackets(argv, write),
  remux: async (argv) => (await import('./cli/remux-command.js')).runRemux(argv),
  extract: async (argv) => (await import('./cli/remux-command.js')).runExtract(argv),
  record: async (argv) => {
    const { runRecord, RecordUsageError } = await import('./cli/record.js');
    return runRecord(argv, print).catch(usageError(RecordUsageError));
  },
  'serve-rtmp': async (argv) => (await import('./cli/serve-rtmp.js')).runServeRtmp(argv, print),
  web: async (argv) => {
    const { runWeb, WebUsageError } = await import('./web/run.js');
    return runWeb(argv).catch(usageError(WebUsageError));
  },
};

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    await write(USAGE);
    return;
  }
  const handler = COMMANDS[command];
  if (!handler) throw new CliError(`unknown command '${command}'\n${USAGE}`);
  await handler(rest);
}

run(process.argv.slice(2)).catch((e: unknown) => {
  const message = e instanceof CliError ? e.message : e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  process.stderr.write(`bitlens: ${message}\n`);
  process.exitCode = 1;
});
