/**
 * The movie fragment random access box (ISO/IEC 14496-12 8.8.9-8.8.11) that closes a recorded file:
 * per track a tfra listing its sync samples (presentation time, moof offset, traf/trun/sample numbers),
 * then mfro with the mfra size so a reader finds the index from the end of the file.
 */
import { ByteWriter } from './byte-writer.js';

export interface RandomAccessEntry {
  /** Presentation time of the sync sample in the track timescale. */
  time: number;
  /** Offset of its moof from the start of the file. */
  moofOffset: number;
  /** 1-based numbers of its traf in the moof, trun in the traf, sample in the trun. */
  trafNumber: number;
  trunNumber: number;
  sampleNumber: number;
}

export class RandomAccessIndex {
  private readonly entries = new Map<number, RandomAccessEntry[]>();

  constructor(trackIds: readonly number[]) {
    for (const id of trackIds) this.entries.set(id, []);
  }

  add(trackId: number, entry: RandomAccessEntry): void {
    let list = this.entries.get(trackId);
    if (!list) this.entries.set(trackId, (list = []));
    list.push(entry);
  }

  count(trackId: number): number {
    return this.entries.get(trackId)?.length ?? 0;
  }

  write(): Uint8Array {
    const w = new ByteWriter(64);
    w.box('mfra', () => {
      for (const [trackId, list] of this.entries) {
        // Version 1: 64-bit time and moof_offset. Field sizes: traf 1 byte, trun 1 byte, sample 4 bytes.
        w.fullBox('tfra', 1, 0, () => {
          w.u32(trackId);
          w.u32((0 << 4) | (0 << 2) | 3); // reserved(26), length_size_of_traf_num = 0, trun_num = 0, sample_num = 3
          w.u32(list.length);
          for (const e of list) w.u64(e.time).u64(e.moofOffset).u8(e.trafNumber).u8(e.trunNumber).u32(e.sampleNumber);
        });
      }
      // mfro: size of the whole mfra, mfro included (16 bytes).
      w.fullBox('mfro', 0, 0, () => w.u32(w.length + 4));
    });
    return w.finish().slice();
  }
}
