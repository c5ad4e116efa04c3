import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAvcNalUnit } from '../../../../media/codecs/avc/nal-unit.js';
import { findAnnexBNalUnits } from '../../../../media/codecs/avc/nal-split.js';
import { AvcParameterSets } from '../../../../media/codecs/avc/parameter-sets.js';
import { ANNOTATE, type Node } from '../../../../media/model/types.js';
import { distinct, sectionsOf, traceHeaders } from './trace-headers.js';

const fixtures = join(__dirname, '../../../fixtures');
const temp = mkdtempSync(join(tmpdir(), 'bitlens-avc-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function annexB(file: string): Uint8Array {
  if (file.endsWith('.h264')) return readFileSync(file);
  const out = join(temp, `${file.split('/').pop()}.h264`);
  // The muxer inserts h264_mp4toannexb itself when the input is length-prefixed.
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', file, '-map', '0:v:0', '-c', 'copy', '-f', 'h264', out]);
  return readFileSync(out);
}

function parseAll(bytes: Uint8Array): Node[] {
  const store = new AvcParameterSets();
  const { units } = findAnnexBNalUnits(bytes, 0);
  return units.map((u) => readAvcNalUnit(bytes.subarray(u.payloadStart, u.end), u.payloadStart, ANNOTATE, store));
}

const SLICE_DATA = new Set(['slice_data']);

const FILES = ['annexb.h264', 'avc-baseline-aac.mp4', 'avc-high-bframes-faststart.mp4', 'avc-main-aac-fragmented.mp4', 'avc-aac.flv', 'segment.ts'];

describe.each(FILES)('%s vs ffmpeg trace_headers', (name) => {
  const file = join(fixtures, name);
  const trace = traceHeaders(file);
  const nodes = parseAll(annexB(file));

  it('reads every NAL unit without diagnostics', () => {
    expect(nodes.flatMap((n) => n.diagnostics)).toEqual([]);
  });

  it('has the same SPS fields and values', () => {
    const ours = distinct(sectionsOf(nodes, new Set(['SPS'])));
    const theirs = distinct(trace.filter((s) => s.kind === 'Sequence Parameter Set').map((s) => s.fields));
    expect(ours.length).toBeGreaterThan(0);
    expect(ours).toEqual(theirs);
  });

  it('has the same PPS fields and values', () => {
    const ours = distinct(sectionsOf(nodes, new Set(['PPS'])));
    const theirs = distinct(trace.filter((s) => s.kind === 'Picture Parameter Set').map((s) => s.fields));
    expect(ours).toEqual(theirs);
  });

  it('has the same slice headers, in order', () => {
    const ours = sectionsOf(nodes, new Set(['IDR', 'slice']), SLICE_DATA);
    const theirs = trace.filter((s) => s.kind === 'Slice Header').map((s) => s.fields);
    expect(ours.length).toBe(theirs.length);
    for (let i = 0; i < ours.length; i++) expect(ours[i], `slice ${i}`).toEqual(theirs[i]);
  });
});
