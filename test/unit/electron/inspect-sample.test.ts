import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inspectSample, sampleIndexArg } from '../../../electron/cli/inspect-sample.js';
import { CliError } from '../../../electron/cli/open-document.js';
import { ANNOTATE } from '../../../media/model/types.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));

describe('bitlens inspect FILE --sample N', () => {
  it('prints the sample as a text tree', async () => {
    // Packet 1 of avc-baseline-aac.mp4 (file order) is the first video frame, at 181 (ffprobe -show_packets).
    const text = await inspectSample(fixture('avc-baseline-aac.mp4'), 1, { json: false, parse: { record: true, maxEntries: 8 } });
    const lines = text.split('\n');
    expect(lines[0]).toBe('[sample 1] video sample, track 1 (h264) @181 size 5331');
    expect(lines).toContain('  [IDR] Coded slice of an IDR picture @808 size 4704');
    expect(lines).toContain('    NALUnitLength = 4700 (4700 bytes of NAL unit follow)');
  });

  it('prints the sample node as JSON', async () => {
    const out = JSON.parse(await inspectSample(fixture('avc-aac.flv'), 0, { json: true, parse: ANNOTATE })) as {
      format: string; packet: number; sample: { kind: string; offset: number; children: Array<{ name: string }> }; diagnostics: unknown[];
    };
    expect(out).toMatchObject({ format: 'flv', packet: 0, sample: { kind: 'sample', offset: 416 }, diagnostics: [] });
    expect(out.sample.children.map((c) => c.name)).toEqual(['FIL', 'SCE']);
  });

  it('refuses indices that are not packets', async () => {
    expect(() => sampleIndexArg('-1')).toThrow(CliError);
    expect(() => sampleIndexArg('1.5')).toThrow(CliError);
    expect(sampleIndexArg('12')).toBe(12);
    await expect(inspectSample(fixture('hevc.mp4'), 50, { json: false, parse: ANNOTATE })).rejects.toThrow('hevc.mp4 has 50 packets');
  });
});
