/** `inspect`, `info` and `packets`: the commands that read one document (or pasted bytes). */
import { parseArgs } from 'node:util';
import { ANNOTATE, BULK, type ParseOptions } from '../../media/model/types.js';
import { infoJson, inspectJson, packetsJson } from './document-json.js';
import { infoText } from './info-text.js';
import { inspectBytes } from './inspect-bytes.js';
import { inspectSample, sampleIndexArg } from './inspect-sample.js';
import { CliError, openDocument } from './open-document.js';
import { treeText } from './text-tree.js';

/** Text output shortens tables to this many entries; JSON keeps all unless --max-entries says otherwise. */
const TEXT_MAX_ENTRIES = 8;

function parse(command: string, argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        'max-entries': { type: 'string' },
        format: { type: 'string' },
        sample: { type: 'string' },
        bytes: { type: 'string' },
        as: { type: 'string' },
      },
    });
  } catch (e) {
    throw new CliError(`${command}: ${(e as Error).message}`);
  }
}

function maxEntriesArg(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!(Number.isInteger(n) && n >= 0)) throw new CliError('--max-entries takes a whole number');
  return n;
}

export async function runInspect(argv: string[], write: (text: string) => Promise<void>): Promise<void> {
  const { positionals, values } = parse('inspect', argv);
  if (values.bytes !== undefined) {
    await write(await inspectBytes(values.bytes, { json: values.json, ...(values.as !== undefined ? { as: values.as } : {}) }));
    return;
  }
  const file = positionals[0];
  if (!file) throw new CliError('inspect: which file? (bitlens inspect FILE [--json])');
  const maxEntries = maxEntriesArg(values['max-entries']);
  const options: ParseOptions = { record: true, maxEntries: maxEntries ?? (values.json ? ANNOTATE.maxEntries : TEXT_MAX_ENTRIES) };
  if (values.sample !== undefined) {
    await write(await inspectSample(file, sampleIndexArg(values.sample), { json: values.json, parse: options, format: values.format }));
    return;
  }
  const doc = await openDocument(file, options, values.format);
  await write(values.json ? JSON.stringify(inspectJson(doc, file)) : treeText(doc.tree).join('\n'));
}

export async function runInfo(argv: string[], write: (text: string) => Promise<void>): Promise<void> {
  const { positionals, values } = parse('info', argv);
  const file = positionals[0];
  if (!file) throw new CliError('info: which file? (bitlens info FILE [--json])');
  const doc = await openDocument(file, BULK, values.format);
  await write(values.json ? JSON.stringify(infoJson(doc), null, 2) : infoText(doc, file));
}

export async function runPackets(argv: string[], write: (text: string) => Promise<void>): Promise<void> {
  const { positionals, values } = parse('packets', argv);
  const file = positionals[0];
  if (!file) throw new CliError('packets: which file? (bitlens packets FILE --json)');
  const doc = await openDocument(file, BULK, values.format);
  await write(JSON.stringify(packetsJson(doc)));
}
