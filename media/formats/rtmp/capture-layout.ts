/**
 * Where the parts of a capture file are: the header box, the client bytes, and the index box when
 * the file ends with a consistent one (its stored stream length must place it exactly at the end).
 */
import { type Diagnostic, type Node, type ParseOptions, diagnostic, newNode } from '../../model/types.js';
import type { ByteSource } from '../../source/byte-source.js';
import { BOX_HEAD, INDEX_MAGIC, MAX_HEADER_BOX, boxSize, boxType, indexStreamLength } from './capture-file.js';
import { readCaptureBox } from './capture-boxes.js';

export interface CaptureLayout {
  header: Node;
  headerJson?: Record<string, unknown>;
  streamStart: number;
  streamEnd: number;
  index?: Node;
  indexJson?: Record<string, unknown>;
  diagnostics: Diagnostic[];
}

export async function readCaptureBoxes(source: ByteSource, options: ParseOptions): Promise<CaptureLayout> {
  const diagnostics: Diagnostic[] = [];
  const head = await source.read(0, Math.min(BOX_HEAD, source.size));
  let headerSize = head.length >= BOX_HEAD ? boxSize(head) : head.length;
  if (headerSize < BOX_HEAD || headerSize > Math.min(MAX_HEADER_BOX, source.size)) {
    diagnostics.push(diagnostic('error', 'capture-header-size-invalid', `header box size ${headerSize} does not fit the file`, 0, Math.min(4, source.size)));
    headerSize = Math.min(Math.max(head.length, headerSize < BOX_HEAD ? head.length : source.size), source.size);
  }
  const headerBytes = await source.read(0, headerSize);
  let header: Node;
  let headerJson: Record<string, unknown> | undefined;
  if (headerBytes.length >= BOX_HEAD) {
    ({ node: header, json: headerJson } = readCaptureBox(headerBytes, 0, options, 0));
  } else {
    header = newNode('bytes', 'truncated header', 0, headerBytes.length);
  }
  const layout: CaptureLayout = { header, streamStart: headerSize, streamEnd: source.size, diagnostics };
  if (headerJson) layout.headerJson = headerJson;

  // The index box ends the file; its last 8 bytes say how many client bytes precede it.
  if (source.size - headerSize >= BOX_HEAD + 8) {
    const tail = await source.read(source.size - 8, 8);
    const streamLength = indexStreamLength(tail);
    const indexStart = headerSize + streamLength;
    if (streamLength < source.size && indexStart + BOX_HEAD + 8 <= source.size) {
      const probe = await source.read(indexStart, BOX_HEAD);
      if (boxType(probe) === INDEX_MAGIC && boxSize(probe) === source.size - indexStart && boxSize(probe) <= MAX_HEADER_BOX) {
        const bytes = await source.read(indexStart, source.size - indexStart);
        const { node, json } = readCaptureBox(bytes, indexStart, options, 8);
        layout.index = node;
        if (json) layout.indexJson = json;
        layout.streamEnd = indexStart;
      }
    }
  }
  if (!layout.index) {
    diagnostics.push(diagnostic('info', 'capture-without-index', 'no index box at the end: the capture did not end cleanly (all bytes after the header are read as client bytes)', headerSize, source.size));
  }
  return layout;
}
