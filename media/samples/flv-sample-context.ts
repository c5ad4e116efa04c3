/**
 * The sample context of an FLV packet: the last sequence header of its track before the packet's
 * tag (a stream may send a new one mid-file, and later frames follow the new one).
 */
import type { FlvConfig, FlvPacket, FlvTagData } from '../formats/flv/flv-tag-data.js';
import type { MediaDocument } from '../model/document-model.js';
import type { Node } from '../model/types.js';
import type { SampleContext } from './sample-context.js';

const tagData = (node: Node | undefined): FlvTagData | undefined => {
  const d = node?.data as Partial<FlvTagData> | undefined;
  return d && Array.isArray(d.packets) && Array.isArray(d.configs) ? (d as FlvTagData) : undefined;
};

/** Index in `tree` of the node that holds absolute byte `offset` (top-level nodes are in file order). */
function nodeAt(tree: readonly Node[], offset: number): number {
  let lo = 0;
  let hi = tree.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const n = tree[mid]!;
    if (offset < n.start) hi = mid - 1;
    else if (offset >= n.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export function flvSampleContext(doc: MediaDocument, packetIndex: number): SampleContext {
  const track = doc.packets.track[packetIndex]!;
  const offset = doc.packets.offset[packetIndex]!;
  const at = nodeAt(doc.tree, offset);
  const packet: FlvPacket | undefined = tagData(doc.tree[at])?.packets.find((p) => p.offset === offset);
  const ctx: SampleContext = { codec: 'other', label: packet?.codec ?? '?', track };
  if (!packet) return ctx;
  let config: FlvConfig | undefined;
  let from: Node | undefined;
  for (let i = at; i >= 0 && !config; i--) {
    config = tagData(doc.tree[i])?.configs.find((c) => c.kind === packet.kind && c.trackId === packet.trackId);
    if (config) from = doc.tree[i];
  }
  if (packet.codec === 'avc1') ctx.codec = 'h264';
  else if (packet.codec === 'hvc1') ctx.codec = 'hevc';
  else if (packet.codec === 'mp4a') ctx.codec = 'aac';
  if (config?.avc) ctx.avc = config.avc;
  if (config?.hevc) ctx.hevc = config.hevc;
  if (config?.audio) ctx.audio = config.audio;
  if (from) ctx.source = { name: 'sequence header', start: from.start, end: from.end };
  return ctx;
}
