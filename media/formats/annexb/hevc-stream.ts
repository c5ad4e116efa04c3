import { HevcAccessUnitSplitter, HevcPicOrderCounter } from '../../codecs/hevc/access-unit.js';
import { type HevcNalData, readHevcNalUnit } from '../../codecs/hevc/nal-unit.js';
import { HevcParameterSets, type HevcSpsData } from '../../codecs/hevc/parameter-sets.js';
import type { Node, ParseOptions } from '../../model/types.js';
import type { AnnexBCodec, PictureInfo, StreamFacts } from './stream-codec.js';

/**
 * HEVC in an Annex B byte stream (`.h265`, `.265`, `.hevc`). HEVC pictures are frames (or fields
 * sent as pictures): each lasts vui_num_units_in_tick, so the reader's two-tick frame is halved here.
 */
export class HevcStream implements AnnexBCodec {
  readonly name = 'hevc';
  private readonly store = new HevcParameterSets();
  private readonly units = new HevcAccessUnitSplitter();
  private readonly poc = new HevcPicOrderCounter();
  private firstSps: HevcSpsData | undefined;

  isVcl(first: Uint8Array): boolean {
    return ((first[0]! >> 1) & 0x3f) <= 31;
  }

  read(bytes: Uint8Array, absOffset: number, options: ParseOptions, totalLength: number): Node {
    const node = readHevcNalUnit(bytes, absOffset, options, this.store, totalLength);
    const data = node.data as HevcNalData | undefined;
    if (data?.sps && !this.firstSps) this.firstSps = data.sps;
    if (data?.nalUnitType === 36) this.poc.endOfSequence();
    return node;
  }

  startsAccessUnit(nal: Node): boolean {
    const data = nal.data as HevcNalData | undefined;
    return data ? this.units.starts(data) : false;
  }

  picture(nal: Node): PictureInfo | undefined {
    const data = nal.data as HevcNalData | undefined;
    if (!data?.slice?.firstSliceSegmentInPic || data.nalUnitType > 31) return undefined;
    const { poc, reset } = this.poc.next(data);
    return { keyframe: data.nalUnitType >= 16 && data.nalUnitType <= 23, poc, pocReset: reset, field: false };
  }

  facts(): StreamFacts | undefined {
    const sps = this.firstSps;
    if (!sps) return undefined;
    const facts: StreamFacts = { codec: sps.codec, width: sps.width, height: sps.height };
    if (sps.timeScale && sps.numUnitsInTick) {
      // A picture lasts one tick in HEVC; the reader counts a frame as two ticks.
      facts.timeScale = sps.timeScale * 2;
      facts.numUnitsInTick = sps.numUnitsInTick;
    }
    return facts;
  }
}
