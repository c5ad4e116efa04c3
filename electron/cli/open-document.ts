import { basename } from 'node:path';
import { detectFormat } from '../../media/detect.js';
import { formatByName } from '../../media/formats/index.js';
import type { MediaDocument } from '../../media/model/document-model.js';
import type { ParseOptions } from '../../media/model/types.js';
import { FileSource } from '../services/file-source.js';

/** A failure the command line reports as one line (exit 1), never as a stack trace. */
export class CliError extends Error {}

/** Opens a file and reads it with the format its bytes show (or the one named by `--format`). */
export async function openDocument(path: string, options: ParseOptions, formatName?: string): Promise<MediaDocument> {
  let source: FileSource;
  try {
    source = await FileSource.open(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new CliError(`cannot read ${path}: ${why}`);
  }
  try {
    const format = formatName ? formatByName(formatName) : await detectFormat(source, basename(path));
    if (!format) {
      throw new CliError(formatName ? `unknown format '${formatName}'` : `${path}: not a format Bitlens reads (MP4, fMP4, MOV, ISMV, FLV, ADTS AAC, H.264/HEVC Annex B, MPEG-TS)`);
    }
    return await format.open(source, options);
  } finally {
    await source.close();
  }
}
