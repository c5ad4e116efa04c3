/**
 * The capture FormatHandler: a .rtmpcap file opens as its header box, the RTMP layer of the
 * client's bytes (handshake, messages with their chunk headers, the FLV tags inside audio, video
 * and data messages) and the index box. Packets follow the FLV conventions (timescale 1000, offset
 * of the codec payload's first byte in the file; the payload continues through the chunk bodies,
 * skipping chunk headers, for `size` bytes of its own).
 */
import type { MediaDocument } from '../../model/document-model.js';
import type { FormatHandler } from '../../model/format.js';
import { type Node, type ParseOptions, diagnostic } from '../../model/types.js';
import type { ByteSource } from '../../source/byte-source.js';
import { FlvDocumentBuilder } from '../flv/flv-document-builder.js';
import { readCaptureBoxes } from './capture-layout.js';
import { RtmpTrackIndex } from './rtmp-tracks.js';
import { RtmpPushParser } from './rtmp-push-parser.js';
import { looksLikeCapture } from './capture-file.js';

const READ_WINDOW = 1024 * 1024;

export async function openCapture(source: ByteSource, options: ParseOptions): Promise<MediaDocument> {
  const layout = await readCaptureBoxes(source, options);
  const tree: Node[] = [layout.header];
  const builder = new FlvDocumentBuilder();
  const tracks = new RtmpTrackIndex();
  const parser = new RtmpPushParser(options, layout.streamStart);
  const take = (units: ReturnType<RtmpPushParser['push']>): void => {
    for (const u of units) {
      tree.push(u.node);
      const tag = u.node.children.find((c) => c.kind === 'tag');
      if (tag && u.message?.flv) builder.add([{ node: tag, packets: tracks.packets(u.message.flv) }]);
    }
  };
  for (let offset = layout.streamStart; offset < layout.streamEnd;) {
    const bytes = await source.read(offset, Math.min(READ_WINDOW, layout.streamEnd - offset));
    if (bytes.length === 0) break;
    take(parser.push(bytes));
    offset += bytes.length;
  }
  take(parser.end());
  if (layout.index) tree.push(layout.index);
  const doc = builder.finish(source.size, tracks.tracks);
  const diagnostics = [...layout.diagnostics];
  if (parser.failure) {
    const f = parser.failure;
    diagnostics.push(diagnostic('error', f.code, `reading stopped: ${f.message}`, f.start, f.end));
  }
  return { ...doc, format: 'rtmpcap', tree, diagnostics };
}

export const rtmpCaptureFormat: FormatHandler = {
  name: 'rtmpcap',
  probe: (head) => looksLikeCapture(head),
  open: openCapture,
};
