/**
 * `bitlens inspect --bytes FILE|-`: pasted text (a C array, hex, a dump, base64) from a file or standard
 * input, recognised and annotated by media/paste.ts. The JSON is inspect's, plus `encoding`, `guess`,
 * `variant`, `tried` and `notes`; offsets count from the first pasted byte.
 */
import { readFile } from 'node:fs/promises';
import { collectDiagnostics, diagnosticToJson, nodeToJson } from '../../media/model/json.js';
import { type PasteResult, PASTE_TYPES, decodePastedText, isPasteType } from '../../media/paste.js';
import { CliError } from './open-document.js';
import { treeText } from './text-tree.js';

/** Pasted text is small; a larger input is a file to open, not text to paste. */
const MAX_TEXT_BYTES = 64 * 1024 * 1024;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    total += b.length;
    if (total > MAX_TEXT_BYTES) throw new CliError(`standard input is over ${MAX_TEXT_BYTES} bytes: open the file with 'bitlens inspect FILE' instead`);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readText(path: string): Promise<string> {
  if (path === '-') return readStdin();
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`);
  }
}

export function pasteJson(result: PasteResult, file: string): object {
  const out: Record<string, unknown> = {
    file,
    size: result.size,
    format: result.format,
    encoding: result.encoding,
    guess: result.guess,
  };
  if (result.variant !== undefined) out.variant = result.variant;
  if (result.forced) out.forced = true;
  out.tracks = [];
  out.tree = result.tree.map(nodeToJson);
  out.diagnostics = [...result.diagnostics, ...collectDiagnostics(result.tree)].map(diagnosticToJson);
  out.tried = result.tried;
  out.notes = result.notes;
  return out;
}

export function pasteText(result: PasteResult): string {
  const lines: string[] = [];
  lines.push(result.guess ? `guess: ${result.guess} (${result.variant ?? ''})${result.forced ? ' — forced by --as, does not validate' : ''}` : 'guess: not recognised');
  for (const n of result.notes) lines.push(`  ${n}`);
  lines.push('tried:');
  for (const t of result.tried) lines.push(`  ${t.ok ? 'ok  ' : 'no  '}${t.type} (${t.variant}): ${t.reason}`);
  if (result.tree.length > 0) lines.push('', ...treeText(result.tree));
  return lines.join('\n');
}

/** Runs `inspect --bytes`; returns what to print. */
export async function inspectBytes(path: string, options: { json: boolean; as?: string }): Promise<string> {
  if (options.as !== undefined && !isPasteType(options.as)) throw new CliError(`--as takes one of: ${PASTE_TYPES.join(', ')}`);
  const text = await readText(path);
  const result = decodePastedText(text, options.as !== undefined && isPasteType(options.as) ? { as: options.as } : {});
  if (result.encoding === null) throw new CliError(`${path === '-' ? 'standard input' : path}: ${result.notes[0] ?? 'the text could not be read as bytes'}`);
  return options.json ? JSON.stringify(pasteJson(result, path)) : pasteText(result);
}
