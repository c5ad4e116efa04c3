import { describe, expect, it } from 'vitest';
import { isoBmffFormat } from '../../../../media/formats/isobmff/iso-bmff-format.js';
import { collectDiagnostics } from '../../../../media/model/json.js';
import { ANNOTATE, BULK } from '../../../../media/model/types.js';
import { MemorySource } from '../../../../media/source/memory-source.js';
import { constantStszFile, findBox, trunFromDefaultsFile } from '../../../helpers/declared-counts.js';

/** DESIGN.md item 3: counts with no per-sample bytes behind them are bounded by the bytes the samples could occupy. */
describe('sample counts no table bounds', () => {
  it('a trun of 2^32-1 empty default samples indexes at most one sample per byte of the file, with a diagnostic at sample_count', async () => {
    const { bytes, trunStart } = await trunFromDefaultsFile(0);
    expect(bytes.length).toBe(1960);
    for (const options of [BULK, ANNOTATE]) {
      const doc = await isoBmffFormat.open(new MemorySource(bytes), options);
      expect(doc.packets.count).toBeLessThanOrEqual(bytes.length);
      expect(doc.tracks[0]!.samples).toBe(bytes.length);
      const trun = findBox(doc.tree, 'trun')!;
      expect(trun.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: 'sample-index-full', start: trunStart + 12, end: trunStart + 16 }));
    }
  });

  it('a trun of 2^32-1 default samples of 5121 bytes indexes none when the file has none of their bytes', async () => {
    const { bytes, trunStart } = await trunFromDefaultsFile();
    const doc = await isoBmffFormat.open(new MemorySource(bytes), BULK);
    expect(doc.tracks[0]!.samples).toBe(0);
    // The audio run has a size column: its 41 rows are what the box holds.
    expect(doc.tracks[1]!.samples).toBe(41);
    const trun = findBox(doc.tree, 'trun')!;
    expect(trun.diagnostics).toContainEqual(expect.objectContaining({ code: 'sample-count-exceeds-data', start: trunStart + 12, end: trunStart + 16 }));
  });

  it('a constant-size stsz of 2^32-1 samples is bounded by the file before anything is allocated', async () => {
    const { bytes, stszStart } = await constantStszFile();
    const doc = await isoBmffFormat.open(new MemorySource(bytes), BULK);
    const stsz = findBox(doc.tree, 'stsz')!;
    expect(stsz.diagnostics).toContainEqual(expect.objectContaining({ code: 'sample-count-exceeds-data', start: stszStart + 16, end: stszStart + 20 }));
    // The track's other tables still locate its 50 samples, each now 4 bytes.
    expect(doc.tracks[0]!.samples).toBe(50);
    expect(doc.packets.size.filter((_, i) => doc.packets.track[i] === 0).every((s) => s === 4)).toBe(true);
    expect(collectDiagnostics(doc.tree).map((d) => d.code)).toContain('sample-count-exceeds-data');
  });

});
