// A transport stream's packets opened on demand: gathered from their TS packets and read by the same readers
// as the structure tree's PES packets, so each NAL unit and ADTS frame sits at the same file bytes as there,
// with fields that straddle a TS header spanning it.
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../../media/detect.js';
import type { Field, Node } from '../../../../media/model/types.js';
import { ANNOTATE, BULK } from '../../../../media/model/types.js';
import { expandSample } from '../../../../media/samples/expand-sample.js';
import { MemorySource } from '../../../../media/source/memory-source.js';
import { fixtureBytes } from '../../../helpers/fixtures.js';

async function openTs(options = BULK) {
  const source = new MemorySource(fixtureBytes('segment.ts'));
  const doc = await (await detectFormat(source, 'segment.ts'))!.open(source, options);
  return { doc, source };
}

function* fields(list: readonly Field[]): Generator<Field> {
  for (const f of list) {
    yield f;
    if (f.fields) yield* fields(f.fields);
  }
}

/** The PES packets of a PID in the annotated tree (Elementary streams > PID > PES n). */
function pesOf(tree: readonly Node[], pid: number): Node[] {
  const streams = tree.find((n) => n.name === 'elementary_streams')!;
  return streams.children.find((n) => n.name === `PID 0x${pid.toString(16).padStart(4, '0').toUpperCase()}`)!.children;
}

/** The first packet of the track of `kind`, opened; with the first PES of that track in the annotated tree. */
async function firstSample(kind: 'video' | 'audio'): Promise<{ sample: Node; firstPes: Node }> {
  const { doc, source } = await openTs();
  const { doc: annotated } = await openTs(ANNOTATE);
  const track = doc.tracks.findIndex((t) => t.kind === kind);
  const first = Array.from({ length: doc.packets.count }, (_, i) => i).find((i) => doc.packets.track[i] === track)!;
  return { sample: await expandSample(doc, source, first, ANNOTATE), firstPes: pesOf(annotated.tree, doc.tracks[track]!.id)[0]! };
}

describe('MPEG-TS samples', () => {
  it('a key frame opens into the NAL units its PES holds, at the same bytes as in the tree', async () => {
    const { sample, firstPes } = await firstSample('video');
    expect(sample.children.map((c) => c.name).slice(0, 3)).toEqual(['AUD', 'SPS', 'PPS']);
    expect(sample.children.map((c) => c.name)).toContain('IDR');
    expect(sample.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(sample.children.map((c) => [c.name, c.start, c.end])).toEqual(firstPes.children.map((c) => [c.name, c.start, c.end]));
    // The IDR slice runs over many TS packets: some of its fields straddle a 4-byte TS header.
    const idr = sample.children.find((c) => c.name === 'IDR')!;
    expect([...fields(idr.fields)].some((f) => f.ownBits !== undefined && f.ownBits < f.bitLength)).toBe(true);
  });

  it('an audio packet opens into its ADTS frame, where the tree has it', async () => {
    const { sample, firstPes } = await firstSample('audio');
    const frame = sample.children[0]!;
    const inTree = firstPes.children[0]!;
    expect([frame.name, frame.title, frame.start, frame.end]).toEqual([inTree.name, inTree.title, inTree.start, inTree.end]);
    const header = frame.children.find((c) => c.name === 'adts_header')!;
    expect([...fields(header.fields)].find((f) => f.name === 'syncword')).toMatchObject({ value: 0xfff, bitOffset: frame.start * 8 });
  });
});
