/**
 * Maps a bit position in the bytes a reader walks to its absolute bit in the source.
 * Plain bytes map linearly; an RBSP (H.264/HEVC payload with emulation-prevention bytes removed)
 * maps around each removed byte, so fields are reported where they stand in the file.
 */
export interface AddressMap {
  fileBit(dataBit: number): number;
}

export class LinearMap implements AddressMap {
  constructor(readonly baseByte: number) {}
  fileBit(dataBit: number): number {
    return this.baseByte * 8 + dataBit;
  }
}
