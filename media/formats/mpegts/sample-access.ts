/**
 * Sample access for transport streams (media/model/document-model.ts SampleAccess): a packet's bytes are
 * gathered again from the TS packets of its PID, from where its elementary-stream bytes begin (TsPacketSink);
 * H.264/HEVC access units become 4-byte length-prefixed NAL units described by their in-band parameter sets,
 * ADTS frames lose their header and are described by the AudioSpecificConfig the header maps onto.
 */
import { annexBUnits, lengthPrefixed } from '../../codecs/avc/nal-convert.js';
import { adtsDescription } from '../../codecs/sample-description.js';
import type { MediaDocument, SampleAccess, SampleDescription } from '../../model/document-model.js';
import { SampleUnreadable } from '../../model/sample-unreadable.js';
import type { ByteSource } from '../../source/byte-source.js';
import { ChunkWindow } from '../adts/chunked-reader.js';
import { newNode } from '../../model/types.js';
import { readFramedPayload } from '../audio-frames/framed-payload.js';
import { AC3_SYNCFRAMES, ADTS_FRAMES, LOAS_FRAMES, MPEG_AUDIO_FRAMES } from '../audio-frames/frame-syntaxes.js';
import { readVideoPayload } from './es-video.js';
import { type Segment, SegmentMap, relocate } from './segment-map.js';
import { id3v2Length, id3v2Node } from '../id3/id3v2-tag.js';
import type { EsStream } from './ts-streams.js';
import { SYNC_BYTE, TS_PACKET_SIZE, tsPrefix } from './ts-names.js';

/** A sample is gathered from at most this far past its first byte (its PID's packets interleave with others). */
const MAX_GATHER_SPAN = 64 * 1024 * 1024;

export interface TsLayout {
  /** 188, 192 for M2TS or 204; packets lie on a grid from `gridBase`. */
  packetSize: number;
  gridBase: number;
  /** Per packet: the file offset of its first elementary-stream byte. */
  firstByte: Float64Array;
  /** Per packet: index into its track's descriptions (video: a new one where the parameter sets change). */
  description: Uint16Array;
}

function describe(s: EsStream): SampleDescription[] {
  if (s.video) return s.video.descriptions;
  return s.cls.framing === 'adts' && s.audio ? [adtsDescription(s.audio)] : [];
}

/** `tracked`: the streams that became tracks, in track order. */
export function tsSampleAccess(source: ByteSource, doc: MediaDocument, tracked: readonly EsStream[], layout: TsLayout): SampleAccess {
  const p = doc.packets;
  const win = new ChunkWindow(source);
  const { packetSize, gridBase, firstByte, description } = layout;
  const prefix = tsPrefix(packetSize);
  const packetEnd = prefix + TS_PACKET_SIZE;

  /**
   * The `size` bytes of `pid` from file offset `at` on, skipping the headers and the other PIDs' packets between,
   * and where each piece was in the file. Throws SampleUnreadable where the packets that carried them are lost.
   */
  async function gather(reader: ChunkWindow, pid: number, at: number, size: number): Promise<{ bytes: Uint8Array; map: SegmentMap }> {
    const out = new Uint8Array(size);
    const pieces: Segment[] = [];
    let got = 0;
    let packet = at - ((at - gridBase) % packetSize);
    const limit = Math.min(reader.size, at + size + MAX_GATHER_SPAN);
    while (got < size && packet + packetSize <= limit) {
      if ((await reader.ensure(packet, packetSize)) < packetSize) break;
      const b = reader.view(packet, packetSize);
      if (b[prefix] !== SYNC_BYTE) throw new SampleUnreadable(`the sample's transport packets are lost at byte ${packet} (no sync byte there)`, packet);
      const afc = (b[prefix + 3]! >> 4) & 3;
      if ((((b[prefix + 1]! & 0x1f) << 8) | b[prefix + 2]!) === pid && afc & 1) {
        let payload = prefix + 4 + (afc & 2 ? 1 + b[prefix + 4]! : 0);
        // A video access unit may continue in the next PES: its header is not elementary-stream bytes.
        if (got > 0 && (b[prefix + 1]! & 0x40) !== 0) payload = Math.min(packetEnd, payload + pesHeaderLength(b, payload, packetEnd));
        const from = got === 0 ? Math.max(payload, at - packet) : payload;
        const n = Math.min(packetEnd - from, size - got);
        if (n > 0) {
          out.set(b.subarray(from, from + n), got);
          pieces.push({ dataStart: got, fileStart: packet + from, length: n });
          got += n;
        }
      }
      packet += packetSize;
    }
    if (got < size) throw new SampleUnreadable(`only ${got} of the sample's ${size} bytes were found in the packets of PID ${pid}`, packet);
    return { bytes: out, map: new SegmentMap(pieces) };
  }

  const streamOf = (index: number): EsStream => {
    const s = tracked[p.track[index]!];
    if (!s) throw new RangeError(`packet ${index} has no track`);
    return s;
  };

  return {
    descriptions: tracked.map(describe),
    description,
    duration: new Float64Array(p.count),
    async read(index) {
      const s = streamOf(index);
      const { bytes } = await gather(win, s.pid, firstByte[index]!, p.size[index]!);
      if (s.video) return lengthPrefixed(annexBUnits(bytes));
      // ADTS: 7 header bytes, 9 when protection_absent is 0 (adts_error_check follows).
      if (s.cls.framing === 'adts') return bytes.subarray((bytes[1]! & 1) === 1 ? 7 : 9);
      // Syncframes, PES payloads and sections are what their decoders consume, as they are.
      return bytes;
    },
    // Read by the same readers as the PES packets in the tree, through the map around the TS headers.
    async expand(index, from, options) {
      const s = streamOf(index);
      const { bytes, map } = await gather(new ChunkWindow(from), s.pid, firstByte[index]!, p.size[index]!);
      if (s.video) return readVideoPayload(s.video, bytes, 0, map, options).nodes;
      // Named as the tree names it: the frame's number in its stream.
      let frame = 0;
      for (let i = 0; i < index; i++) if (p.track[i] === p.track[index]) frame++;
      if (s.cls.framing === 'adts') return readFramedPayload(ADTS_FRAMES, bytes, 0, map, options, frame).nodes;
      if (s.cls.framing === 'ac3') return readFramedPayload(AC3_SYNCFRAMES, bytes, 0, map, options, frame).nodes;
      if (s.cls.framing === 'mpeg-audio') return readFramedPayload(MPEG_AUDIO_FRAMES, bytes, 0, map, options, frame).nodes;
      if (s.cls.framing === 'latm') return readFramedPayload(LOAS_FRAMES, bytes, 0, map, options, frame).nodes;
      if (s.cls.codecName === 'timed_id3' && id3v2Length(bytes) > 0) {
        const tag = id3v2Node(bytes, 0, bytes.length, options);
        relocate(tag, map);
        return [tag];
      }
      const node = newNode('bytes', s.cls.codecName, map.fileByte(0), map.fileEnd(bytes.length), `${p.size[index]} bytes of ${s.cls.codecName} (not decoded)`);
      return [node];
    },
  };
}

/** Bytes of the PES header at `at` (start code to the end of PES_header_data), or 0 if none starts there. */
function pesHeaderLength(b: Uint8Array, at: number, end: number): number {
  if (at + 9 > end || b[at] !== 0 || b[at + 1] !== 0 || b[at + 2] !== 1) return 0;
  return 9 + b[at + 8]!;
}
