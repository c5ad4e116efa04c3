import { parseArgs } from 'node:util';
import { ANNOTATE, BULK, type ParseOptions } from '../media/model/types.js';
import { infoJson, inspectJson, packetsJson } from './cli/document-json.js';
import { CliError, openDocument } from './cli/open-document.js';
import { infoText } from './cli/info-text.js';
import { REMUX_USAGE, runExtract, runRemux } from './cli/remux-command.js';
import { inspectBytes } from './cli/inspect-bytes.js';
import { inspectSample, sampleIndexArg } from './cli/inspect-sample.js';
import { treeText } from './cli/text-tree.js';
import { serveRtmp } from './cli/serve-rtmp.js';
import { RecordUsageError, runRecord } from './cli/record.js';
import { runWeb, WebUsageError } from './web/run.js';

const USAGE = `usage: bitlens <command> FILE [options]
  inspect FILE [--json] [--max-entries N] [--format NAME]   the annotated structure
  inspect --bytes FILE|- [--as TYPE] [--json]               pasted text (C array, hex, xxd, base64): what the bytes are
  inspect FILE --sample N [--json]                          packet N (file order) opened into NAL units / AAC elements
  info FILE [--json]                                         format, tracks, durations
  packets FILE --json                                        every packet in file order
${REMUX_USAGE}
  web [--port N] [--host 127.0.0.1] [FILE...]                the window in a browser (prints its address)
  record [--port 1935] [--host H] [--key KEY] --out DIR       record every RTMP publish to DIR (.mp4 + .flv)`;

/** Text output shortens tables to this many entries; JSON keeps all unless --max-entries says otherwise. */
const TEXT_MAX_ENTRIES = 8;

function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`, (e) => (e ? reject(e) : resolve())));
}

async function run(argv: string[]): Promise<void> {
  if (argv[0] === 'web') {
    // The web host has its own options (electron/web/run.ts) and keeps running until Ctrl+C.
    await runWeb(argv.slice(1)).catch((e: unknown) => {
      throw e instanceof WebUsageError ? new CliError(e.message) : e;
    });
    return;
  }
  if (argv[0] === 'record') {
    // Records until Ctrl+C (electron/cli/record.ts has its options).
    await runRecord(argv.slice(1), (line) => void write(line)).catch((e: unknown) => {
      throw e instanceof RecordUsageError ? new CliError(e.message) : e;
    });
    return;
  }
  if (argv[0] === 'remux') return runRemux(argv.slice(1));
  if (argv[0] === 'extract') return runExtract(argv.slice(1));
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      'max-entries': { type: 'string' },
      format: { type: 'string' },
      sample: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      key: { type: 'string' },
      capture: { type: 'string' },
      bytes: { type: 'string' },
      as: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, file] = positionals;
  if (values.help || !command) {
    await write(USAGE);
    return;
  }
  if (command === 'serve-rtmp') {
    await serveRtmp({ port: values.port, host: values.host, key: values.key, capture: values.capture }, (line) => void write(line));
    return;
  }
  if (command === 'inspect' && values.bytes !== undefined) {
    await write(await inspectBytes(values.bytes, { json: values.json, ...(values.as !== undefined ? { as: values.as } : {}) }));
    return;
  }
  if (!file) throw new CliError(`${command}: which file? (${USAGE.split('\n')[0]})`);
  const maxEntries = values['max-entries'] !== undefined ? Number(values['max-entries']) : undefined;
  if (maxEntries !== undefined && !(Number.isInteger(maxEntries) && maxEntries >= 0)) throw new CliError('--max-entries takes a whole number');
  switch (command) {
    case 'inspect': {
      const options: ParseOptions = { record: true, maxEntries: maxEntries ?? (values.json ? ANNOTATE.maxEntries : TEXT_MAX_ENTRIES) };
      if (values.sample !== undefined) {
        await write(await inspectSample(file, sampleIndexArg(values.sample), { json: values.json, parse: options, format: values.format }));
        return;
      }
      const doc = await openDocument(file, options, values.format);
      await write(values.json ? JSON.stringify(inspectJson(doc, file)) : treeText(doc.tree).join('\n'));
      return;
    }
    case 'info': {
      const doc = await openDocument(file, BULK, values.format);
      await write(values.json ? JSON.stringify(infoJson(doc), null, 2) : infoText(doc, file));
      return;
    }
    case 'packets': {
      const doc = await openDocument(file, BULK, values.format);
      await write(JSON.stringify(packetsJson(doc)));
      return;
    }
    default:
      throw new CliError(`unknown command '${command}'\n${USAGE}`);
  }
}

run(process.argv.slice(2)).catch((e: unknown) => {
  const message = e instanceof CliError ? e.message : e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  process.stderr.write(`bitlens: ${message}\n`);
  process.exitCode = 1;
});
