/**
 * Real files with one declared count raised to 2^32-1 where no per-sample bytes bound it: what a hostile
 * file does to make a reader allocate and loop from a few bytes. Built from the fixtures by patching the
 * count fields the parser itself locates.
 */
import { parseIsoBmff } from '../../media/formats/isobmff/parse-isobmff.js';
import type { Node } from '../../media/model/types.js';
import { MemorySource } from '../../media/source/memory-source.js';
import { fixtureBytes } from './fixtures.js';

export function findBox(nodes: readonly Node[], name: string): Node | undefined {
  for (const n of nodes) {
    if (n.name === name) return n;
    const inner = findBox(n.children, name);
    if (inner) return inner;
  }
  return undefined;
}

function setU32(bytes: Uint8Array, at: number, value: number): void {
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setUint32(at, value);
}

/**
 * avc-main-aac-fragmented.mp4 up to the end of its first moof (1,960 bytes: no mdat), whose first trun
 * keeps only its data_offset (every sample from the tfhd defaults) and declares 2^32-1 samples. With
 * `defaultSize` the tfhd's default_sample_size is set too (0: samples that take no bytes at all).
 */
export async function trunFromDefaultsFile(defaultSize?: number): Promise<{ bytes: Uint8Array; trunStart: number }> {
  const whole = fixtureBytes('avc-main-aac-fragmented.mp4');
  const { tree } = await parseIsoBmff(new MemorySource(whole));
  const moof = tree.find((n) => n.name === 'moof')!;
  const bytes = whole.slice(0, moof.end);
  const trun = findBox([moof], 'trun')!;
  const tfhd = findBox([moof], 'tfhd')!;
  setU32(bytes, trun.start + 8, 0x000001); // version 0, tr_flags = data-offset-present only
  setU32(bytes, trun.start + 12, 0xffffffff); // sample_count = 2^32-1
  // tfhd flags 0x020038: track_ID, default_sample_duration, default_sample_size, default_sample_flags.
  if (defaultSize !== undefined) setU32(bytes, tfhd.start + 20, defaultSize);
  return { bytes, trunStart: trun.start };
}

/** avc-baseline-aac.mp4 whose video stsz says every sample is 4 bytes and there are 2^32-1 of them. */
export async function constantStszFile(): Promise<{ bytes: Uint8Array; stszStart: number }> {
  const bytes = fixtureBytes('avc-baseline-aac.mp4');
  const { tree } = await parseIsoBmff(new MemorySource(bytes));
  const stsz = findBox(tree, 'stsz')!;
  setU32(bytes, stsz.start + 12, 4); // sample_size = 4: no table follows
  setU32(bytes, stsz.start + 16, 0xffffffff); // sample_count = 2^32-1
  return { bytes, stszStart: stsz.start };
}
