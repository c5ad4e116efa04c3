/**
 * The transport stream's packet table, and beside it where each packet's elementary-stream bytes begin in
 * the file (after the PES header, or where its ADTS frame starts): from there a sample is gathered again
 * from the TS packets of its PID when it is read (see sample-access.ts).
 */
import { type PacketTable, PacketTableBuilder } from '../../model/document-model.js';

export class TsPacketSink {
  readonly packets = new PacketTableBuilder(4096);
  private first = new Float64Array(4096);

  push(track: number, dts: number, pts: number, offset: number, size: number, keyframe: boolean, firstByte: number): void {
    const i = this.packets.count;
    if (i === this.first.length) {
      const bigger = new Float64Array(this.first.length * 2);
      bigger.set(this.first);
      this.first = bigger;
    }
    this.first[i] = firstByte;
    this.packets.push(track, dts, pts, offset, size, keyframe);
  }

  finish(): { packets: PacketTable; firstByte: Float64Array } {
    const packets = this.packets.finish();
    return { packets, firstByte: this.first.slice(0, packets.count) };
  }
}
