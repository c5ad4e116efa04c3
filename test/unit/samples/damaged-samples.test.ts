/**
 * Opening a sample of a damaged file (the window's parse worker and `inspect --sample` both call
 * expandSample): the sample comes back with a diagnostic saying why it cannot be read, never an exception.
 */
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../media/detect.js';
import { SampleUnreadable } from '../../../media/model/sample-unreadable.js';
import { ANNOTATE, BULK } from '../../../media/model/types.js';
import { expandSample } from '../../../media/samples/expand-sample.js';
import { MemorySource } from '../../../media/source/memory-source.js';
import { fixtureBytes } from '../../helpers/fixtures.js';

const LOST = 100 * 188; // transport packet 100 of segment.ts loses its sync byte

async function lostPacketDocument() {
  const bytes = fixtureBytes('segment.ts');
  bytes[LOST] = 0x00;
  const source = new MemorySource(bytes);
  const doc = await (await detectFormat(source, 'lost-sync.ts'))!.open(source, BULK);
  const video = doc.tracks.findIndex((t) => t.kind === 'video');
  // The last video access unit starting before the lost packet runs through it.
  let index = -1;
  for (let i = 0; i < doc.packets.count; i++) if (doc.packets.track[i] === video && doc.packets.offset[i]! < LOST) index = i;
  return { doc, source, index };
}

describe('a transport stream that lost a packet', () => {
  it('the sample that ran through it opens with a sample-unreadable diagnostic at the lost packet', async () => {
    const { doc, source, index } = await lostPacketDocument();
    const node = await expandSample(doc, source, index, ANNOTATE);
    expect(node.kind).toBe('sample');
    expect(node.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: 'sample-unreadable', start: LOST }));
  });

  it('every other sample still opens', async () => {
    const { doc, source, index } = await lostPacketDocument();
    for (let i = 0; i < doc.packets.count; i++) {
      const node = await expandSample(doc, source, i, ANNOTATE);
      if (i !== index) expect(node.diagnostics.map((d) => d.code), `sample ${i}`).not.toContain('sample-unreadable');
    }
  });

  it('reading its bytes for remux says the sample is unreadable, as a fault of the file', async () => {
    const { doc, index } = await lostPacketDocument();
    await expect(doc.samples!.read(index)).rejects.toThrow(SampleUnreadable);
  });
});
