import { basename } from 'node:path';
import { detectFormat } from '../../media/detect.js';
import { formatByName } from '../../media/formats/index.js';
import type { MediaDocument } from '../../media/model/document-model.js';
import { BULK } from '../../media/model/types.js';
import type { FileSource } from '../services/file-source.js';
import { CliError, openFileSource } from './open-document.js';

/** A document whose file stays open, so its samples can be read; close it when done. */
export interface OpenMedia {
  doc: MediaDocument;
  source: FileSource;
  close(): Promise<void>;
}

/** Opens a file for remux (bulk parsing, no annotations) and keeps the file open. */
export async function openMedia(path: string, formatName?: string): Promise<OpenMedia> {
  const source = await openFileSource(path);
  try {
    const format = formatName ? formatByName(formatName) : await detectFormat(source, basename(path));
    if (!format) throw new CliError(formatName ? `unknown format '${formatName}'` : `${path}: not a format Bitlens reads`);
    const doc = await format.open(source, BULK);
    return { doc, source, close: () => source.close() };
  } catch (e) {
    await source.close();
    throw e;
  }
}
