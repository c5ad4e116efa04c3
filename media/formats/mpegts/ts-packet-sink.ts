/**
 * The transport stream's packet table, and beside it where each packet's elementary-stream bytes begin in
 * the file (after the PES header, or where its ADTS frame starts; from there a sample is gathered again
 * from the TS packets of its PID when it is read, see sample-access.ts) and which of its stream's sample
 * descriptions it uses.
 */
import { type PacketTable, PacketTableBuilder } from '../../model/document-model.js';

export class TsPacketSink {
  readonly packets = new PacketTableBuilder(4096);
  private first = new Float64Array(4096);
  private description = new Uint16Array(4096);

  push(track: number, dts: number, pts: number, offset: number, size: number, keyframe: boolean, firstByte: number, description: number): void {
    const i = this.packets.count;
    if (i === this.first.length) {
      const first = new Float64Array(i * 2);
      first.set(this.first);
      this.first = first;
      const descriptions = new Uint16Array(i * 2);
      descriptions.set(this.description);
      this.description = descriptions;
    }
    this.first[i] = firstByte;
    this.description[i] = description;
    this.packets.push(track, dts, pts, offset, size, keyframe);
  }

  finish(): { packets: PacketTable; firstByte: Float64Array; description: Uint16Array } {
    const packets = this.packets.finish();
    return { packets, firstByte: this.first.slice(0, packets.count), description: this.description.slice(0, packets.count) };
  }
}
