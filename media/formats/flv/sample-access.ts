/**
 * Sample access for FLV (media/model/document-model.ts SampleAccess). FLV payloads are already in MP4 form
 * (AVC/HEVC NALUs length-prefixed as the record says, raw AAC), so samples are read as they lie; the
 * sequence headers become descriptions, and a sequence header that differs from the one before
 * (new SPS/PPS or ASC) starts a new description for the packets after it.
 */
import { aacDescription, avcDescription, hevcDescription, sameDescription } from '../../codecs/sample-description.js';
import type { MediaDocument, SampleAccess, SampleDescription, TrackInfo } from '../../model/document-model.js';
import { SampleUnreadable } from '../../model/sample-unreadable.js';
import type { ByteSource } from '../../source/byte-source.js';
import { ChunkWindow } from '../adts/chunked-reader.js';
import { type FlvConfig, type FlvTagData, trackKey } from './flv-tag-data.js';

function describe(c: FlvConfig, info: TrackInfo | undefined): SampleDescription | undefined {
  if (c.avc) return avcDescription(c.avc, { width: c.sps?.width ?? info?.width, height: c.sps?.height ?? info?.height });
  if (c.hevc) return hevcDescription(c.hevc, { width: info?.width, height: info?.height });
  // Each sequence header speaks for itself (the track's facts are the first one's).
  if (c.audio) return aacDescription(c.audio);
  return undefined;
}

export function flvSampleAccess(source: ByteSource, doc: MediaDocument): SampleAccess {
  const p = doc.packets;
  const descriptions: SampleDescription[][] = doc.tracks.map(() => []);
  const description = new Uint16Array(p.count);
  const current = new Map<string, FlvConfig>();
  /** Per track: the config its last description came from. */
  const used: Array<FlvConfig | undefined> = [];
  let i = 0;
  for (const node of doc.tree) {
    const data = node.data as FlvTagData | undefined;
    if (!data?.packets) continue;
    for (const c of data.configs) current.set(trackKey(c.kind, c.trackId), c);
    for (const pk of data.packets) {
      if (i >= p.count) break;
      const t = p.track[i]!;
      const config = current.get(trackKey(pk.kind, pk.trackId));
      const list = descriptions[t];
      if (config && list && config !== used[t]) {
        used[t] = config;
        const d = describe(config, doc.tracks[t]);
        const last = list[list.length - 1];
        if (d && !(last && sameDescription(last, d))) list.push(d);
      }
      description[i] = Math.max(0, (list?.length ?? 1) - 1);
      i++;
    }
  }
  const win = new ChunkWindow(source, 1 << 20);
  return {
    descriptions,
    description,
    duration: new Float64Array(p.count),
    async read(index) {
      const at = p.offset[index]!;
      const size = p.size[index]!;
      const got = await win.ensure(at, size);
      if (got < size) throw new SampleUnreadable(`packet ${index} runs past the end of the file`, at + got);
      return win.view(at, size);
    },
  };
}
