import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { detectFormat } from '../../media/detect.js';
import { formatByName } from '../../media/formats/index.js';
import type { MediaDocument } from '../../media/model/document-model.js';
import type { ParseOptions } from '../../media/model/types.js';
import { FileSource } from '../services/file-source.js';
import { isSystemError, systemReason } from './system-reasons.js';

/** A failure the command line reports as one line (exit 1), never as a stack trace. */
export class CliError extends Error {}

/** Why `path` could not be opened for reading, in words. */
async function whyUnreadable(path: string, e: unknown): Promise<string> {
  if (isSystemError(e)) return systemReason(e);
  // FileSource refuses what is not a regular file: say what it is instead.
  return stat(path).then(
    (s) => (s.isDirectory() ? 'is a directory' : 'not a regular file'),
    () => 'cannot be opened',
  );
}

/** Opens a file for range reads; a file the system refuses becomes one line naming it and why. */
export async function openFileSource(path: string): Promise<FileSource> {
  try {
    return await FileSource.open(path);
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${await whyUnreadable(path, e)}`);
  }
}

/** Opens a file and reads it with the format its bytes show (or the one named by `--format`). */
export async function openDocument(path: string, options: ParseOptions, formatName?: string): Promise<MediaDocument> {
  const source = await openFileSource(path);
  try {
    const format = formatName ? formatByName(formatName) : await detectFormat(source, basename(path));
    if (!format) {
      throw new CliError(formatName ? `unknown format '${formatName}'` : `${path}: not a format Bitlens reads (MP4, fMP4, MOV, ISMV, FLV, ADTS AAC, AC-3/E-AC-3, H.264/HEVC Annex B, MPEG-TS)`);
    }
    return await format.open(source, options);
  } finally {
    await source.close();
  }
}
