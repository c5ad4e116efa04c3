/** Thrown when a read would pass the end of the bytes a parser was given. Parsers catch it and report. */
export class OutOfData extends Error {
  constructor(
    /** Absolute bit position where the read started. */
    readonly atBit: number,
    readonly wantedBits: number,
  ) {
    super(`needed ${wantedBits} more bits at bit ${atBit}, but the data ends`);
    this.name = 'OutOfData';
  }
}

/** Thrown when bits cannot be decoded as the syntax says (an exp-Golomb code over 32 bits). */
export class BitstreamError extends Error {
  constructor(
    readonly atBit: number,
    message: string,
  ) {
    super(message);
    this.name = 'BitstreamError';
  }
}
