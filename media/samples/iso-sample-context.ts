/** The sample context of an ISO-BMFF packet: the stsd entry its sample uses, with avcC / hvcC / esds. */
import type { IsoBmffDocument } from '../formats/isobmff/iso-bmff-format.js';
import { type AvcConfigData, type EsdsData, type HevcConfigData, type SampleEntryData, child, dataOf, path } from '../formats/isobmff/box-data.js';
import type { MediaDocument } from '../model/document-model.js';
import type { Node } from '../model/types.js';
import type { SampleContext } from './sample-context.js';
import { AAC_OBJECT_TYPE_INDICATIONS } from '../codecs/codec-string.js';

export function isIsoBmffDocument(doc: MediaDocument): doc is IsoBmffDocument {
  return Array.isArray((doc as Partial<IsoBmffDocument>).isoTracks);
}

/**
 * Index of packet `packetIndex` among its own track's samples. The file-order table is a merge that
 * keeps each track's order, so it is the count of the track's packets before it.
 */
export function trackSampleIndex(doc: MediaDocument, packetIndex: number): number {
  const p = doc.packets;
  const track = p.track[packetIndex]!;
  let n = 0;
  for (let i = 0; i < packetIndex; i++) if (p.track[i] === track) n++;
  return n;
}

export function isoSampleContext(doc: IsoBmffDocument, packetIndex: number): SampleContext {
  const track = doc.packets.track[packetIndex]!;
  const iso = doc.isoTracks[track];
  const entries = path(iso?.trak, 'mdia', 'minf', 'stbl', 'stsd')?.children ?? [];
  let description = 1;
  if (iso) {
    const i = trackSampleIndex(doc, packetIndex);
    if (iso.samples.offset[i] === doc.packets.offset[packetIndex]) description = iso.samples.description[i] || 1;
  }
  return contextOfEntry(entries[description - 1] ?? entries[0], track);
}

/** Codec and configuration from one sample entry (encrypted entries name their original format). */
export function contextOfEntry(entry: Node | undefined, track: number): SampleContext {
  const e = dataOf<SampleEntryData>(entry);
  const label = e?.originalFormat ?? '?';
  const ctx: SampleContext = { codec: 'other', label, track };
  if (!entry) return ctx;
  const avcC = child(entry, 'avcC');
  const hvcC = child(entry, 'hvcC');
  const esds = child(entry, 'esds') ?? child(child(entry, 'wave'), 'esds');
  const avc = dataOf<AvcConfigData>(avcC);
  const hevc = dataOf<HevcConfigData>(hvcC);
  const es = dataOf<EsdsData>(esds);
  if (avc && avcC) {
    ctx.codec = 'h264';
    ctx.avc = avc;
    ctx.source = { name: 'avcC', start: avcC.start, end: avcC.end };
  } else if (hevc && hvcC) {
    ctx.codec = 'hevc';
    ctx.hevc = hevc;
    ctx.source = { name: 'hvcC', start: hvcC.start, end: hvcC.end };
  } else if (es && esds && AAC_OBJECT_TYPE_INDICATIONS.has(es.objectTypeIndication)) {
    ctx.codec = 'aac';
    ctx.source = { name: 'esds', start: esds.start, end: esds.end };
    if (es.audioConfig) ctx.audio = es.audioConfig;
  }
  return ctx;
}
