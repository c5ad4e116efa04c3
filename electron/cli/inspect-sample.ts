import type { MediaDocument } from '../../media/model/document-model.js';
import { collectDiagnostics, diagnosticToJson, nodeToJson } from '../../media/model/json.js';
import { BULK, type ParseOptions } from '../../media/model/types.js';
import { expandSample } from '../../media/samples/expand-sample.js';
import { CliError, openDocument, openFileSource } from './open-document.js';
import { treeText } from './text-tree.js';

export interface InspectSampleOptions {
  json: boolean;
  parse: ParseOptions;
  format?: string;
}

/** Parses the `--sample` argument: a packet index in file order, as `bitlens packets` lists them. */
export function sampleIndexArg(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) throw new CliError('--sample takes a packet index (0, 1, 2 ... in file order, as `bitlens packets` lists them)');
  return n;
}

/**
 * `inspect FILE --sample N`: the document is indexed without annotation (the structure is not printed),
 * then only packet N's bytes are read and expanded into NAL units or AAC elements.
 */
export async function inspectSample(file: string, index: number, options: InspectSampleOptions): Promise<string> {
  const doc: MediaDocument = await openDocument(file, BULK, options.format);
  const count = doc.packets.count;
  if (count === 0) throw new CliError(`${file} has no packets; there is no packet ${index}`);
  if (index >= count) throw new CliError(`${file} has ${count} packets (0 to ${count - 1}); there is no packet ${index}`);
  const source = await openFileSource(file);
  try {
    const node = await expandSample(doc, source, index, options.parse);
    if (!options.json) return treeText([node]).join('\n');
    const track = doc.tracks[doc.packets.track[index]!];
    return JSON.stringify({
      file,
      format: doc.format,
      packet: index,
      track: track?.id,
      sample: nodeToJson(node),
      diagnostics: collectDiagnostics([node]).map(diagnosticToJson),
    });
  } finally {
    await source.close();
  }
}
