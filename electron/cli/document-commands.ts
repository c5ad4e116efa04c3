/** `inspect`, `info` and `packets`: the commands that read one document (or pasted bytes). */
import { parseArgs } from 'node:util';
import { ANNOTATE, BULK, type ParseOptions } from '../../media/model/types.js';
import { strictStatus } from './diagnostics-summary.js';
import { infoJson, inspectJson, packetsJsonPieces } from './document-json.js';
import { whileReading } from './failure.js';
import { infoText } from './info-text.js';
import { inspectBytes } from './inspect-bytes.js';
import { inspectSample, sampleIndexArg } from './inspect-sample.js';
import { CliError, openDocument } from './open-document.js';
import { type Output, line } from './output.js';
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
        strict: { type: 'boolean', default: false },
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

export async function runInspect(argv: string[], out: Output): Promise<void> {
  const { positionals, values } = parse('inspect', argv);
  if (values.bytes !== undefined) {
    const text = await whileReading(values.bytes, () => inspectBytes(values.bytes!, { json: values.json, ...(values.as !== undefined ? { as: values.as } : {}) }));
    await out.write(line(text));
    return;
  }
  const file = positionals[0];
  if (!file) throw new CliError('inspect: which file? (bitlens inspect FILE [--json])');
  const maxEntries = maxEntriesArg(values['max-entries']);
  const options: ParseOptions = { record: true, maxEntries: maxEntries ?? (values.json ? ANNOTATE.maxEntries : TEXT_MAX_ENTRIES) };
  if (values.sample !== undefined) {
    const index = sampleIndexArg(values.sample);
    await out.write(line(await whileReading(file, () => inspectSample(file, index, { json: values.json, parse: options, format: values.format }))));
    return;
  }
  const text = await whileReading(file, async () => {
    const doc = await openDocument(file, options, values.format);
    return values.json ? JSON.stringify(inspectJson(doc, file)) : treeText(doc.tree).join('\n');
  });
  await out.write(line(text));
}

/** Resolves with the exit status: 0, or 2 under --strict when the file has error diagnostics. */
export async function runInfo(argv: string[], out: Output): Promise<number> {
  const { positionals, values } = parse('info', argv);
  const file = positionals[0];
  if (!file) throw new CliError('info: which file? (bitlens info FILE [--json] [--strict])');
  const { text, status } = await whileReading(file, async () => {
    const doc = await openDocument(file, BULK, values.format);
    return { text: values.json ? JSON.stringify(infoJson(doc), null, 2) : infoText(doc, file), status: strictStatus(doc, values.strict) };
  });
  await out.write(line(text));
  return status;
}

export async function runPackets(argv: string[], out: Output): Promise<number> {
  const { positionals, values } = parse('packets', argv);
  const file = positionals[0];
  if (!file) throw new CliError('packets: which file? (bitlens packets FILE --json [--strict])');
  return whileReading(file, async () => {
    const doc = await openDocument(file, BULK, values.format);
    // Written in pieces: once the reader has gone (`| head`), the next write rejects and the listing stops.
    for (const piece of packetsJsonPieces(doc)) await out.write(piece);
    return strictStatus(doc, values.strict);
  });
}
