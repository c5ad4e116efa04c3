import { describe, expect, it } from 'vitest';
import { isoBmffFormat } from '../../../media/formats/isobmff/iso-bmff-format.js';
import { parseIsoBmff } from '../../../media/formats/isobmff/parse-isobmff.js';
import { BULK } from '../../../media/model/types.js';
import { remuxDocument } from '../../../media/remux/document-remux.js';
import { MemorySource } from '../../../media/source/memory-source.js';
import { findBox } from '../../helpers/declared-counts.js';
import { fixtureBytes } from '../../helpers/fixtures.js';

/** avc-baseline-aac.mp4 with one u32 of its audio track's `type` box (the second of that type) set. */
async function patchedAudio(type: string, offset: number, value: number): Promise<Uint8Array> {
  const bytes = fixtureBytes('avc-baseline-aac.mp4');
  const { tree } = await parseIsoBmff(new MemorySource(bytes));
  const audio = tree.find((n) => n.name === 'moov')!.children.filter((n) => n.name === 'trak')[1]!;
  const box = findBox([audio], type)!;
  new DataView(bytes.buffer).setUint32(box.start + offset, value);
  return bytes;
}

async function remuxed(bytes: Uint8Array) {
  const doc = await isoBmffFormat.open(new MemorySource(bytes), BULK);
  const types: string[] = [];
  const plan = await remuxDocument(doc, (s) => void types.push(s.type));
  return { plan, types };
}

describe('remux of tracks whose tables cannot be written', () => {
  it('leaves out a track with timescale 0 and writes the others', async () => {
    const { plan, types } = await remuxed(await patchedAudio('mdhd', 20, 0)); // mdhd version 0: timescale after the two times
    expect(plan.tracks.map((t) => t.kind)).toEqual(['video']);
    expect(plan.skipped).toEqual(['track 2 has timescale 0, so its times cannot be written']);
    expect(types[0]).toBe('init');
    expect(plan.samples).toEqual([50]);
  });

  it('leaves out a track whose samples name a sample description it does not have', async () => {
    const { plan } = await remuxed(await patchedAudio('stsc', 24, 2)); // the first entry's sample_description_index = 2 (one stsd entry)
    expect(plan.tracks.map((t) => t.kind)).toEqual(['video']);
    expect(plan.skipped).toEqual(['track 2: a sample names sample description 2, which the track does not have']);
  });
});
