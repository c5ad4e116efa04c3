// Pastes that end inside an FLV tag, as copied from a packet capture or a debugger: read as cut short when the
// part that is there proves itself, never in place of a whole reading, and never for noise.
import { describe, expect, it } from 'vitest';
import { concatBytes as concat } from '../../../media/bits/concat-bytes.js';
import { inspectPastedBytes } from '../../../media/paste.js';
import { AVC_SEQUENCE_HEADER, fixture, fromHex } from './helpers.js';

/** The tags of avc-aac.flv, each from its header to the end of its body. */
function tags(): Uint8Array[] {
  const f = fixture('avc-aac.flv');
  const out: Uint8Array[] = [];
  for (let at = 13; at + 11 <= f.length; ) {
    const size = (f[at + 1]! << 16) | (f[at + 2]! << 8) | f[at + 3]!;
    out.push(f.subarray(at, at + 11 + size));
    at += 11 + size + 4;
  }
  return out;
}
const all = tags();
const sequenceHeader = all.find((t) => t[0] === 9 && t[11] === 0x17 && t[12] === 0)!;
const keyFrame = all.find((t) => t[0] === 9 && t[11] === 0x17 && t[12] === 1)!;

describe('pastes cut inside an FLV tag', () => {
  it('an AVC sequence header body cut inside its SPS: the record so far, and why it ends', () => {
    const r = inspectPastedBytes(AVC_SEQUENCE_HEADER.subarray(0, 22));
    expect(r).toMatchObject({ guess: 'flv-tag-body', variant: 'video' });
    expect(r.notes.join('\n')).toMatch(/recognised as flv-tag-body \(video\): AVC sequence header \(tag body\), cut short/);
    expect(r.notes.join('\n')).toMatch(/the paste ends inside the tag body: sequenceParameterSetLength 25 runs 16 bytes past the end of the record/);
    // Before this reading existed, a raw AAC frame was the best guess for these bytes.
    expect(r.tried.find((t) => t.type === 'raw-aac')?.ok).toBe(true);
  });

  it('a whole tag cut inside its body: a sequence header, and a key frame cut inside its SEI', () => {
    const header = inspectPastedBytes(sequenceHeader.subarray(0, 40));
    expect(header).toMatchObject({ guess: 'flv-tag' });
    expect(header.tree.map((n) => n.title)).toEqual(['AVC sequence header']);
    const key = inspectPastedBytes(keyFrame.subarray(0, 200));
    expect(key.guess).toBe('flv-tag');
    expect(key.notes.join('\n')).toMatch(/the paste ends inside the last tag: DataSize \d+ runs \d+ bytes past the end of the data/);
    // The NAL units before the cut are decoded: x264's SEI, its text visible.
    expect(key.tree[0]!.children.map((c) => c.name)).toContain('SEI');
  });

  it('a key frame body cut inside a NAL unit', () => {
    const r = inspectPastedBytes(keyFrame.subarray(11, 211));
    expect(r).toMatchObject({ guess: 'flv-tag-body', variant: 'video' });
    expect(r.notes.join('\n')).toMatch(/NAL unit length \d+ runs \d+ bytes past the end of the sample/);
  });

  it('whole tags still win over a cut reading, and a whole body is not called cut', () => {
    expect(inspectPastedBytes(sequenceHeader).notes.join('\n')).not.toMatch(/cut short/);
    expect(inspectPastedBytes(AVC_SEQUENCE_HEADER).notes.join('\n')).not.toMatch(/cut short/);
  });

  it('noise after a video body header, or a cut body of a codec with nothing to check, is not read as cut short', () => {
    // forbidden_zero_bit set in the first NAL unit header.
    const bad = concat(fromHex('17 01 000000 00000100 e5'), new Uint8Array(40).fill(0x5a));
    expect(inspectPastedBytes(bad).tried.find((t) => t.type === 'flv-tag-body' && t.variant === 'video')?.ok).toBe(false);
    // A VP6 body (CodecID 4) cut anywhere proves nothing.
    expect(inspectPastedBytes(concat(fromHex('14 01 000000 00000100 65'), new Uint8Array(40).fill(1))).guess).not.toBe('flv-tag-body');
    // Too little of the body to tell.
    expect(inspectPastedBytes(fromHex('17 01 000000 000001')).guess).not.toBe('flv-tag-body');
  });
});
