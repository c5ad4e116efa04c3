/** ID3v2 tags met while walking a raw audio file (ADTS, AC-3) through a ChunkWindow. */
import type { Node, ParseOptions } from '../../model/types.js';
import type { ChunkWindow } from '../adts/chunked-reader.js';
import { id3v2Length, id3v2Node } from './id3v2-tag.js';

/** The bytes of a tag read to decode its frames (pictures can be big; a bigger tag shows its header alone). */
const MAX_TAG_READ = 16 * 1024 * 1024;

/** The ID3v2 tag at `offset` (the window holds at least its 10-byte header) as a node, or undefined. */
export async function readTagAt(win: ChunkWindow, offset: number, options: ParseOptions): Promise<Node | undefined> {
  const length = id3v2Length(win.bytes, win.at(offset));
  if (length === 0) return undefined;
  const got = await win.ensure(offset, Math.min(length, MAX_TAG_READ));
  return id3v2Node(win.view(offset, got), offset, win.size, options);
}
