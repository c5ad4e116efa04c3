/**
 * Numbers the tracks FLV tag bodies speak of (kind and E-RTMP track id), in the order they first
 * appear, as the FLV push parser does for files, so captures and live sessions list tracks alike.
 */
import type { IndexedPacket } from '../flv/flv-push-parser.js';
import { type FlvPacket, type FlvStreamRef, type FlvTagData, trackKey } from '../flv/flv-tag-data.js';

export class RtmpTrackIndex {
  readonly tracks: FlvStreamRef[] = [];
  private readonly index = new Map<string, number>();

  /** Registers the tag's tracks and returns its packets with their track numbers. */
  packets(tag: FlvTagData): IndexedPacket[] {
    for (const s of tag.streams) this.indexOf(s);
    return tag.packets.map((p) => ({ ...p, track: this.indexOf(p) }));
  }

  indexOf(ref: FlvStreamRef | FlvPacket): number {
    const key = trackKey(ref.kind, ref.trackId);
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.tracks.length;
      this.index.set(key, i);
      const { kind, trackId, codec } = ref;
      this.tracks.push('soundRate' in ref ? { ...ref } : { kind, trackId, codec });
    }
    return i;
  }
}
