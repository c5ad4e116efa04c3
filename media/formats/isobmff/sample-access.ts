/**
 * Sample access for remux (media/model/document-model.ts SampleAccess): the stsd entries as sample
 * descriptions, and payloads read straight from the file (MP4 samples are already in MP4 form).
 */
import { aacDescription, avcDescription, hevcDescription } from '../../codecs/sample-description.js';
import { AAC_OBJECT_TYPE_INDICATIONS } from '../../codecs/codec-string.js';
import type { PacketTable, SampleAccess, SampleDescription } from '../../model/document-model.js';
import type { Node } from '../../model/types.js';
import { SampleUnreadable } from '../../model/sample-unreadable.js';
import type { ByteSource } from '../../source/byte-source.js';
import { ChunkWindow } from '../adts/chunked-reader.js';
import { type AvcConfigData, type EsdsData, type HevcConfigData, type SampleEntryData, child, dataOf, path } from './box-data.js';
import type { IsoTrack } from './build-tracks.js';

/** Read-ahead for payloads: packets are read in file order, so one read serves many. */
const WINDOW_BYTES = 1 << 20;

/** The description of one stsd entry, or undefined when Bitlens cannot write it (encrypted, other codecs). */
function entryDescription(entry: Node): SampleDescription | undefined {
  const e = dataOf<SampleEntryData>(entry);
  if (!e || e.format !== e.originalFormat) return undefined; // protected: the payloads are encrypted
  const size: { width?: number; height?: number } = {};
  if (e.width) size.width = e.width;
  if (e.height) size.height = e.height;
  const avcC = dataOf<AvcConfigData>(child(entry, 'avcC'));
  if (avcC && (e.format === 'avc1' || e.format === 'avc3')) return avcDescription(avcC, size, e.format);
  const hvcC = dataOf<HevcConfigData>(child(entry, 'hvcC'));
  if (hvcC && (e.format === 'hvc1' || e.format === 'hev1')) return hevcDescription(hvcC, size, e.format);
  const esds = dataOf<EsdsData>(child(entry, 'esds') ?? child(child(entry, 'wave'), 'esds'));
  if (e.format === 'mp4a' && esds && AAC_OBJECT_TYPE_INDICATIONS.has(esds.objectTypeIndication) && esds.audioConfig) {
    // The entry's own fields, as the source wrote them.
    const facts: { sampleRate?: number; channels?: number } = {};
    if (e.sampleRate) facts.sampleRate = e.sampleRate;
    if (e.channelCount) facts.channels = e.channelCount;
    return aacDescription(esds.audioConfig, facts);
  }
  return undefined;
}

/**
 * `descriptions[t]` lists the stsd entries in order (an entry Bitlens cannot write empties the list:
 * remux leaves the track out). Packet columns map each file-order packet back to its track's sample.
 */
export function isoSampleAccess(source: ByteSource, isoTracks: readonly IsoTrack[], packets: () => PacketTable): SampleAccess {
  const descriptions = isoTracks.map((t) => {
    const entries = path(t.trak, 'mdia', 'minf', 'stbl', 'stsd')?.children ?? [];
    const list = entries.map((e) => entryDescription(e));
    return list.length > 0 && list.every((d) => d !== undefined) ? (list as SampleDescription[]) : [];
  });
  let columns: { description: Uint16Array; duration: Float64Array } | undefined;
  const build = (): { description: Uint16Array; duration: Float64Array } => {
    const p = packets();
    const description = new Uint16Array(p.count);
    const duration = new Float64Array(p.count);
    // The file-order table takes each track's samples in index order, so the k-th packet of a track is its sample k.
    const next = new Uint32Array(isoTracks.length);
    for (let i = 0; i < p.count; i++) {
      const t = p.track[i]!;
      const s = isoTracks[t]!.samples;
      const k = next[t]!++;
      description[i] = Math.max(0, s.description[k]! - 1);
      duration[i] = s.duration[k]!;
    }
    return { description, duration };
  };
  const win = new ChunkWindow(source, WINDOW_BYTES);
  return {
    descriptions,
    get description() {
      return (columns ??= build()).description;
    },
    get duration() {
      return (columns ??= build()).duration;
    },
    async read(index) {
      const p = packets();
      const offset = p.offset[index]!;
      const size = p.size[index]!;
      const got = await win.ensure(offset, size);
      if (got < size) throw new SampleUnreadable(`sample ${index} runs past the end of the file (${size} bytes at ${offset})`, offset + got);
      return win.view(offset, size);
    },
  };
}
