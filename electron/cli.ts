import { CliError } from './cli/open-document.js';
import { runInfo, runInspect, runPackets } from './cli/document-commands.js';
import { RecordUsageError, runRecord } from './cli/record.js';
import { REMUX_USAGE, runExtract, runRemux } from './cli/remux-command.js';
import { runServeRtmp } from './cli/serve-rtmp.js';
import { runWeb, WebUsageError } from './web/run.js';

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

/** Usage errors of commands that keep their own option parsers, shown as one line like every other. */
function asCliError(e: unknown): never {
  throw e instanceof WebUsageError || e instanceof RecordUsageError ? new CliError(e.message) : e;
}

/** Every command, each with its own options (node:util parseArgs in its module). */
const COMMANDS: Record<string, (argv: string[]) => Promise<unknown>> = {
  inspect: (argv) => runInspect(argv, write),
  info: (argv) => runInfo(argv, write),
  packets: (argv) => runPackets(argv, write),
  remux: runRemux,
  extract: runExtract,
  record: (argv) => runRecord(argv, print).catch(asCliError),
  'serve-rtmp': (argv) => runServeRtmp(argv, print),
  web: (argv) => runWeb(argv).catch(asCliError),
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
