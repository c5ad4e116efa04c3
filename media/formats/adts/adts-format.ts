/**
 * ADTS files (.aac): a sequence of adts_frame()s, with ID3v2 tags before, between or after them (HLS packed audio).
 * Packets follow ffprobe: one per frame, offset and size covering the header, timestamps counting samples.
 */
import { type MediaDocument, PacketTableBuilder, type TrackInfo } from '../../model/document-model.js';
import type { FormatHandler } from '../../model/format.js';
import { type Diagnostic, type Node, type ParseOptions, diagnostic } from '../../model/types.js';
import type { ByteSource } from '../../source/byte-source.js';
import type { AdtsHeader } from '../../codecs/aac/adts-header.js';
import { ID_PCE } from '../../codecs/aac/raw-data-block.js';
import { ChunkWindow } from './chunked-reader.js';
import { id3v2Length } from '../id3/id3v2-tag.js';
import { type AdtsScan, scanAdts, strongHeaderAt } from './adts-scan.js';
import { adtsSampleAccess } from './sample-access.js';

/**
 * A syncword with a valid header, and a second valid header where the first frame ends (after any ID3v2 tag).
 * A tag longer than the probe bytes hides the frames: then only an .aac/.adts name can tell.
 */
export function probeAdts(head: Uint8Array, fileName?: string): boolean {
  const start = id3v2Length(head);
  if (start > 0 && start + 7 > head.length) return fileName !== undefined && /\.(aac|adts)$/i.test(fileName);
  const length = strongHeaderAt(head, start);
  if (length === 0) return false;
  // Concatenated HLS packed-audio segments put an ID3 tag between frames: a valid tag there counts as the next header.
  return strongHeaderAt(head, start + length) > 0 || id3v2Length(head, start + length) > 0;
}

export const adtsFormat: FormatHandler = {
  name: 'adts',
  probe: (head, fileName) => probeAdts(head, fileName),
  open: openAdts,
};

async function openAdts(source: ByteSource, options: ParseOptions): Promise<MediaDocument> {
  const win = new ChunkWindow(source);
  const tree: Node[] = [];
  const diagnostics: Diagnostic[] = [];
  const scan = await scanAdts(win, 0, options);
  tree.push(...scan.nodes);
  const { tracks, packets, headers } = adtsPackets(scan, diagnostics);
  if (scan.frames.length === 0) diagnostics.push(diagnostic('error', 'no-adts-frames', 'no ADTS frame was found', 0, source.size));
  const doc: MediaDocument = { format: 'adts', size: source.size, tree, diagnostics, tracks, packets };
  doc.samples = adtsSampleAccess(source, doc, headers);
  return doc;
}

/**
 * One track; a packet per complete frame. Timestamps count samples, the track timescale is the sample rate.
 * `headers`: each packet's ADTS header, for sample access (it needs no second read of the file).
 */
function adtsPackets(scan: AdtsScan, diagnostics: Diagnostic[]): Pick<MediaDocument, 'tracks' | 'packets'> & { headers: AdtsHeader[] } {
  const builder = new PacketTableBuilder(scan.frames.length);
  const headers: AdtsHeader[] = [];
  const first = scan.frames.find((f) => f.frame.header.sampleRate !== undefined);
  if (!first) return { tracks: [], packets: builder.finish(), headers };
  const h0 = first.frame.header;
  let time = 0;
  let changed = false;
  for (const { start, frame } of scan.frames) {
    const h = frame.header;
    if (!frame.complete || h.frameLength < h.headerLength) continue;
    if (!changed && !sameConfig(h, h0)) {
      changed = true;
      const d = diagnostic('warning', 'adts-config-change', `the stream changes to ${describe(h)} from ${describe(h0)}; the track shows the first`, start, start + 7);
      frame.node.diagnostics.push(d);
      diagnostics.push(d);
    }
    builder.push(0, time, time, start, h.frameLength, true);
    headers.push(h);
    time += h.samples;
  }
  const sampleRate = h0.sampleRate!;
  let channels = h0.channels;
  const firstElement = first.frame.block?.elements[0];
  if (channels === 0 && firstElement?.id === ID_PCE && firstElement.pce) channels = firstElement.pce.channels;
  const track: TrackInfo = {
    id: 1,
    kind: 'audio',
    codecName: 'aac',
    codec: `mp4a.40.${h0.audioObjectType}`,
    sampleRate,
    channels,
    timescale: sampleRate,
    samples: builder.count,
    keyframes: builder.count,
    durationSeconds: time / sampleRate,
  };
  return { tracks: [track], packets: builder.finish(), headers };
}

function sameConfig(a: AdtsHeader, b: AdtsHeader): boolean {
  return a.samplingFrequencyIndex === b.samplingFrequencyIndex && a.channelConfiguration === b.channelConfiguration && a.profileObjectType === b.profileObjectType;
}

function describe(h: AdtsHeader): string {
  return `object type ${h.audioObjectType}, ${h.sampleRate ?? '?'} Hz, channel_configuration ${h.channelConfiguration}`;
}
