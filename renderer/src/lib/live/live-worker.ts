/// <reference lib="webworker" />
/**
 * A live session's parse worker: the session's client bytes arrive in order and go through the same
 * RTMP push parser the server uses (media/formats/rtmp), so the tree shows the handshake, every
 * chunk header, the AMF commands and the FLV tags, each video or audio frame opened into its NAL units
 * or AAC elements (LiveUnitReader). The worker keeps no bytes.
 */
import { RtmpPushParser, type RtmpUnit } from '../../../../media/formats/rtmp/rtmp-push-parser.js';
import type { ParseOptions } from '../../../../media/model/types.js';
import type { FromLiveWorker, ToLiveWorker } from './live-protocol.js';
import { LiveUnitReader } from './live-units.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** Table entries recorded per field (as the file parse worker does); the rest are counted. */
const OPTIONS: ParseOptions = { record: true, maxEntries: 2000 };

const parser = new RtmpPushParser(OPTIONS);
const reader = new LiveUnitReader(OPTIONS);
let media = false;
let ended = false;

function post(message: FromLiveWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

function flush(units: RtmpUnit[]): void {
  const out = reader.take(units, media);
  const f = parser.failure;
  post({
    type: 'units',
    nodes: out.nodes,
    packets: out.packets,
    parsed: parser.offset,
    // Two or three small objects: sent every time, so sample counts and durations stay current.
    tracks: reader.infos.map((t) => ({ ...t })),
    ...(f ? { failure: { code: f.code, message: f.message, start: f.start, end: f.end } } : {}),
  });
  if (out.items.length) post({ type: 'media', items: out.items }, out.items.flatMap((i) => (i.type === 'packet' ? [i.data.buffer as ArrayBuffer] : [])));
}

scope.onmessage = (e: MessageEvent<ToLiveWorker>) => {
  const m = e.data;
  if (m.type === 'bytes') {
    if (!ended) flush(parser.push(m.bytes));
  } else if (m.type === 'end') {
    if (!ended) {
      ended = true;
      flush(parser.end());
    }
  } else if (m.type === 'media') {
    media = m.on;
    if (!media) return;
    const items = reader.descriptions();
    if (items.length) post({ type: 'media', items });
  }
};
