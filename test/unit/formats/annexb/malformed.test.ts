import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annexbFormat } from '../../../../media/formats/annexb/annexb-format.js';
import { ANNOTATE, BULK } from '../../../../media/model/types.js';
import { MemorySource } from '../../../../media/source/memory-source.js';

const fixture = readFileSync(join(__dirname, '../../../fixtures/annexb.h264'));

describe('Annex B input that is not right', () => {
  it('opens bytes without start codes with a diagnostic', async () => {
    const doc = await annexbFormat.open(new MemorySource(Uint8Array.of(0x67, 0x42, 0x00, 0x1e, 0x01, 0x02)), ANNOTATE);
    expect(doc.packets.count).toBe(0);
    expect(doc.tracks).toEqual([]);
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['no-start-code']);
    expect(doc.tree.map((n) => [n.name, n.start, n.end])).toEqual([['data', 0, 6]]);
  });

  it('gets through 16 MB of zeros quickly, in chunks', async () => {
    const t = performance.now();
    const doc = await annexbFormat.open(new MemorySource(new Uint8Array(16 << 20)), ANNOTATE);
    expect(performance.now() - t).toBeLessThan(3000);
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['no-start-code']);
  });

  it('shows zero-length NAL units as empty nodes with diagnostics', async () => {
    const bytes = new Uint8Array([
      0x00, 0x00, 0x00, 0x01, // start code ...
      0x00, 0x00, 0x01, // ... followed by another: an empty unit
      ...fixture.subarray(4, 2000), // SPS, PPS, SEI and the start of the IDR slice
    ]);
    const doc = await annexbFormat.open(new MemorySource(bytes), ANNOTATE);
    expect(doc.diagnostics.map((d) => [d.code, d.start, d.end])).toEqual([['empty-nal-unit', 0, 4]]);
    expect(doc.tree[0]!.children.map((n) => n.name)).toEqual(['empty', 'SPS', 'PPS', 'SEI', 'IDR']);
    expect(doc.packets.count).toBe(1);
  });

  it('keeps leading bytes before the first start code as a node', async () => {
    const bytes = new Uint8Array([0xaa, 0xbb, ...fixture.subarray(0, 2000)]);
    const doc = await annexbFormat.open(new MemorySource(bytes), ANNOTATE);
    expect(doc.tree[0]).toMatchObject({ kind: 'bytes', start: 0, end: 2 });
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['data-before-start-code']);
    expect(doc.packets.offset[0]).toBe(2);
  });

  it('never throws on the fixture cut at many offsets, or on damaged bytes', async () => {
    for (let cut = 0; cut < 7000; cut += 97) {
      const doc = await annexbFormat.open(new MemorySource(fixture.subarray(0, cut)), ANNOTATE);
      expect(doc.size).toBe(cut);
    }
    let seed = 7;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 30; round++) {
      const bytes = fixture.slice(0, 12000);
      for (let k = 0; k < 20; k++) bytes[4 + Math.floor(rand() * 11990)] = Math.floor(rand() * 256);
      const doc = await annexbFormat.open(new MemorySource(bytes), round % 2 ? ANNOTATE : BULK);
      expect(doc.packets.count).toBeGreaterThan(0);
    }
  });

  it('reports slices whose parameter sets never came', async () => {
    // Skip SPS and PPS: start at the SEI (offset 0x24 holds its start code).
    const doc = await annexbFormat.open(new MemorySource(fixture.subarray(0x24, 12000)), ANNOTATE);
    const codes = doc.tree.flatMap((au) => au.children.flatMap((n) => n.diagnostics.map((d) => d.code)));
    expect(codes).toContain('unknown-parameter-set');
    expect(doc.diagnostics.map((d) => d.code)).toContain('no-pictures');
  });
});
