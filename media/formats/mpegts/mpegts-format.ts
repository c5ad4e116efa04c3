/**
 * MPEG-2 transport streams (ISO/IEC 13818-1): .ts files, HLS segments, and BDAV .m2ts (192-byte packets).
 * The tree has three views of the same bytes: every transport packet in file order, the PSI tables, and the
 * elementary streams as reassembled PES packets with their NAL units or ADTS frames.
 */
import type { MediaDocument, TrackInfo } from '../../model/document-model.js';
import type { FormatHandler } from '../../model/format.js';
import { type Node, type ParseOptions, newNode } from '../../model/types.js';
import type { ByteSource } from '../../source/byte-source.js';
import { ChunkWindow } from '../adts/chunked-reader.js';
import { tsSampleAccess } from './sample-access.js';
import { TsDemuxer } from './ts-demux.js';
import { type EsStream, trackOf } from './ts-streams.js';
import { SYNC_BYTE, tsPrefix } from './ts-names.js';

/** Packets to see in a row before calling bytes a transport stream. */
const PROBE_PACKETS = 3;

/**
 * The packet size (188, 192 for M2TS, 204 with parity) whose sync bytes line up from the start of `head`, or 0.
 * Three packets must agree; a file shorter than that is judged on the packets it has.
 */
export function tsPacketSize(head: Uint8Array): number {
  for (const size of [188, 192, 204]) {
    if (head.length < size) continue;
    let ok = true;
    for (let k = 0; k < PROBE_PACKETS && ok; k++) {
      const at = k * size + tsPrefix(size);
      if (at < head.length) ok = head[at] === SYNC_BYTE;
    }
    if (ok) return size;
  }
  return 0;
}

export const mpegtsFormat: FormatHandler = {
  name: 'mpegts',
  probe: (head) => tsPacketSize(head) > 0,
  open: openMpegTs,
};

async function openMpegTs(source: ByteSource, options: ParseOptions): Promise<MediaDocument> {
  const win = new ChunkWindow(source);
  const got = await win.ensure(0, 4096);
  const packetSize = tsPacketSize(win.view(0, got)) || 188;
  const demux = await new TsDemuxer(win, options, packetSize, 0).run();
  const size = source.size;
  const tracked = [...demux.streams].sort((a, b) => a.track - b.track);
  const tracks: TrackInfo[] = tracked.map(trackOf);
  const tree: Node[] = [
    group('transport_packets', `Transport packets (${demux.packetCount} of ${packetSize} bytes)`, demux.packetNodes, 0, size),
    group('program_tables', `PSI tables (${demux.tableNodes.length} sections)`, demux.tableNodes),
    group('elementary_streams', `Elementary streams (${demux.streams.length})`, demux.streams.map(streamNode)),
  ];
  const { packets, firstByte, description } = demux.builder.finish();
  const doc: MediaDocument = { format: 'mpegts', size, tree, diagnostics: demux.diagnostics, tracks, packets };
  doc.samples = tsSampleAccess(source, doc, tracked, { packetSize, gridBase: 0, firstByte, description });
  return doc;
}

/** A view node spanning its children (they need not be contiguous: a PES interleaves with other PIDs). */
function group(name: string, title: string, children: Node[], start?: number, end?: number): Node {
  const first = children[0];
  const node = newNode('chunk', name, start ?? first?.start ?? 0, end ?? lastEnd(children, 0), title);
  node.children = children;
  return node;
}

/** The furthest end among `nodes` (a loop: an hour of PES packets is too many arguments for Math.max). */
function lastEnd(nodes: readonly Node[], floor: number): number {
  let end = floor;
  for (const n of nodes) if (n.end > end) end = n.end;
  return end;
}

function streamNode(s: EsStream): Node {
  const n = s.node;
  n.start = n.children[0]?.start ?? 0;
  n.end = lastEnd(n.children, n.start);
  n.title = `${n.title} - ${s.pesCount} PES packets${s.cls.framing === 'adts' ? `, ${s.frames} ADTS frames` : s.cls.framing === 'ac3' ? `, ${s.frames} packets of syncframes` : s.cls.framing === 'mpeg-audio' ? `, ${s.frames} MPEG audio frames` : ''}`;
  return n;
}
