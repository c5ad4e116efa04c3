import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findAnnexBNalUnits } from '../../../../media/codecs/avc/nal-split.js';
import { type HevcNalData, readHevcNalUnit } from '../../../../media/codecs/hevc/nal-unit.js';
import { HevcParameterSets } from '../../../../media/codecs/hevc/parameter-sets.js';
import { ANNOTATE, type Node } from '../../../../media/model/types.js';
import { distinct, flattenFields, traceHeaders } from '../avc/trace-headers.js';

const fixtures = join(__dirname, '../../../fixtures');
const temp = mkdtempSync(join(tmpdir(), 'bitlens-hevc-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** ffmpeg prints general_reserved_zero_35bits in two pieces (its reader takes at most 32 bits at once). */
function mergeSplitReserved(fields: Array<[string, number]>): Array<[string, number]> {
  return fields.filter(([name], i) => !(i > 0 && fields[i - 1]![0] === name && /reserved_zero_\d+bits$/.test(name)));
}

const file = join(fixtures, 'hevc.mp4');
const out = join(temp, 'hevc.h265');
execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', file, '-map', '0:v:0', '-c', 'copy', '-f', 'hevc', out]);
const bytes = readFileSync(out);
const store = new HevcParameterSets();
const nodes: Node[] = findAnnexBNalUnits(bytes).units.map((u) => readHevcNalUnit(bytes.subarray(u.payloadStart, u.end), u.payloadStart, ANNOTATE, store));
const trace = traceHeaders(file);

describe('hevc.mp4 vs ffmpeg trace_headers', () => {
  it('reads every NAL unit without diagnostics', () => {
    expect(nodes.flatMap((n) => n.diagnostics)).toEqual([]);
  });

  it.each([
    ['VPS', 'Video Parameter Set'],
    ['SPS', 'Sequence Parameter Set'],
    ['PPS', 'Picture Parameter Set'],
  ])('has the same %s fields and values', (ours, theirs) => {
    const mine = distinct(nodes.filter((n) => n.name === ours).map((n) => flattenFields(n.fields)));
    const ffmpeg = distinct(trace.filter((s) => s.kind === theirs).map((s) => mergeSplitReserved(s.fields)));
    expect(mine.length).toBe(1);
    expect(mine).toEqual(ffmpeg);
  });

  it('reads the start of every slice segment header as ffmpeg does', () => {
    const slices = nodes.filter((n) => (n.data as HevcNalData).nalUnitType <= 31).map((n) => flattenFields(n.fields, new Set(['rest_of_slice_segment'])));
    const theirs = trace.filter((s) => s.kind === 'Slice Segment Header').map((s) => s.fields);
    expect(slices.length).toBe(50);
    expect(theirs.length).toBe(50);
    for (let i = 0; i < slices.length; i++) expect(slices[i], `slice ${i}`).toEqual(theirs[i]!.slice(0, slices[i]!.length));
  });

  it('derives the stream facts', () => {
    const sps = nodes.map((n) => (n.data as HevcNalData).sps).find((s) => s);
    expect(sps).toMatchObject({ width: 320, height: 240, bitDepthLuma: 8, chromaFormatIdc: 1, codec: 'hvc1.1.6.L60.90', timeScale: 25, numUnitsInTick: 1 });
    expect(sps!.ptl).toMatchObject({ profileName: 'Main', levelName: '2', generalTierFlag: 0 });
  });
});
