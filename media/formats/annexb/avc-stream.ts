import { AvcAccessUnitSplitter } from '../../codecs/avc/access-unit.js';
import { type AvcNalData, readAvcNalUnit } from '../../codecs/avc/nal-unit.js';
import { AvcParameterSets, type SpsData } from '../../codecs/avc/parameter-sets.js';
import { PicOrderCounter } from '../../codecs/avc/poc.js';
import type { Node, ParseOptions } from '../../model/types.js';
import type { AnnexBCodec, PictureInfo, StreamFacts } from './stream-codec.js';

/** H.264 in an Annex B byte stream (`.h264`, `.264`). */
export class AvcStream implements AnnexBCodec {
  readonly name = 'h264';
  private readonly store = new AvcParameterSets();
  private readonly units = new AvcAccessUnitSplitter();
  private readonly poc = new PicOrderCounter();
  private firstSps: SpsData | undefined;

  isVcl(first: Uint8Array): boolean {
    const type = first[0]! & 0x1f;
    return type >= 1 && type <= 5;
  }

  read(bytes: Uint8Array, absOffset: number, options: ParseOptions, totalLength: number): Node {
    const node = readAvcNalUnit(bytes, absOffset, options, this.store, totalLength);
    const sps = (node.data as AvcNalData | undefined)?.sps;
    if (sps && !this.firstSps) this.firstSps = sps;
    return node;
  }

  startsAccessUnit(nal: Node): boolean {
    const data = nal.data as AvcNalData | undefined;
    if (!data) return false;
    return this.units.starts(data.nalUnitType, data.slice);
  }

  picture(nal: Node): PictureInfo | undefined {
    const slice = (nal.data as AvcNalData | undefined)?.slice;
    if (!slice) return undefined;
    return { keyframe: slice.idr, poc: this.poc.next(slice), pocReset: slice.idr || slice.mmco5, field: slice.fieldPic };
  }

  facts(): StreamFacts | undefined {
    const sps = this.firstSps;
    if (!sps) return undefined;
    const facts: StreamFacts = { codec: sps.codec, width: sps.width, height: sps.height };
    const vui = sps.vui;
    if (vui?.timeScale && vui.numUnitsInTick) {
      facts.timeScale = vui.timeScale;
      facts.numUnitsInTick = vui.numUnitsInTick;
    }
    return facts;
  }
}
