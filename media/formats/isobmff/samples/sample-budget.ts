import type { Node } from '../../../model/types.js';
import { reportOn } from '../box-scope.js';

/**
 * The most samples one document indexes, whatever its boxes declare. Each indexed sample costs about
 * 80 bytes of columns (track samples, the file-order packet table, remux columns), so this is about
 * 1.6 GB of index: more than any real file needs (a 24-hour 60 fps video has 5.2 million samples), less
 * than an address space. A one-hour LPCM track stored a sample per audio frame (172 million) is the one
 * real file that reaches it; it is indexed up to here, with a diagnostic.
 */
export const MAX_INDEXED_SAMPLES = 20_000_000;

/** Where a box declares its sample count: the box, and the count field's absolute byte range. */
export interface CountSite {
  node: Node;
  name: string;
  at: number;
}

/**
 * The samples a document may still index. A sample the tables locate needs at least one byte of the
 * file (real samples are never empty, and one that is costs a byte here too), so a document indexes no
 * more samples than it has bytes: a run of sample_count 0xFFFFFFFF whose samples all take their size
 * from a default (a trun without a size column, a constant stsz) cannot make millions of entries out
 * of a few bytes, even when many runs point at the same bytes.
 */
export class SampleBudget {
  /** One sample per byte of the file, MAX_INDEXED_SAMPLES at most. */
  private readonly cap: number;
  private left: number;

  constructor(readonly fileSize: number) {
    this.cap = Math.min(MAX_INDEXED_SAMPLES, Math.max(0, fileSize));
    this.left = this.cap;
  }

  /**
   * How many of `declared` samples of `size` bytes each (0: sizes from a table, or empty) can be indexed.
   * Samples of a known size need their bytes from `dataStart` to the end of the file; all of them need
   * room in the budget. A clamp is reported at the count field.
   */
  take(declared: number, site: CountSite, size = 0, dataStart = 0): number {
    let count = declared;
    if (size > 0) {
      const bytes = Math.max(0, this.fileSize - Math.max(0, dataStart));
      const fit = Math.floor(bytes / size);
      if (count > fit) {
        reportOn(site.node, 'error', 'sample-count-exceeds-data', `${site.name} ${declared} samples of ${size} bytes need ${declared * size} bytes, but the file has ${bytes} from byte ${dataStart}; indexing ${fit}`, site.at, site.at + 4);
        count = fit;
      }
    }
    if (count > this.left) {
      reportOn(site.node, 'error', 'sample-index-full', `${site.name} ${declared}: a document indexes at most ${this.cap} samples (one per byte of the file, ${MAX_INDEXED_SAMPLES} at most) and ${this.left} remain; indexing ${this.left}`, site.at, site.at + 4);
      count = this.left;
    }
    this.left -= count;
    return count;
  }

  /** Gives back what a `take` did not use (a sample table whose other tables locate fewer samples). */
  refund(unused: number): void {
    this.left = Math.min(this.cap, this.left + Math.max(0, unused));
  }
}
