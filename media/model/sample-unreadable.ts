/**
 * A packet's bytes cannot be read from the file: it runs past the end of a cut file, or (MPEG-TS) the
 * transport packets that carried it are lost. A fault of the file, not of the reader: callers report it
 * as such (remux stops with one line; opening the sample shows a diagnostic).
 */
export class SampleUnreadable extends Error {
  constructor(
    message: string,
    /** The absolute byte where the reading failed, for a diagnostic there. */
    readonly at: number,
  ) {
    super(message);
    this.name = 'SampleUnreadable';
  }
}
