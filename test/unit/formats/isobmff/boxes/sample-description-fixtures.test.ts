import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AvcConfigData, EsdsData, HevcConfigData, SampleEntryData } from '../../../../../media/formats/isobmff/box-data.js';
import { parseIsoBmff } from '../../../../../media/formats/isobmff/parse-isobmff.js';
import type { Node } from '../../../../../media/model/types.js';
import { MemorySource } from '../../../../../media/source/memory-source.js';

/** The box types this family decodes: none of them may come out as 'unknown-box'. */
const OUR_TYPES = new Set(['stsd', 'avc1', 'avc3', 'hvc1', 'hev1', 'mp4a', 'encv', 'enca', 'avcC', 'hvcC', 'esds', 'btrt', 'pasp', 'colr', 'clap', 'fiel', 'frma', 'schm', 'tenc', 'pssh', 'senc']);

interface Expected {
  video?: { format: string; width: number; height: number; profile: number; level: number; compatibility?: number };
  /** The mp4a entry's channelcount (always 2 from ffmpeg) and the AudioSpecificConfig's truth. */
  audio?: { entryChannels: number; sampleRate: number; channels: number };
}

// Values from `ffprobe -show_streams` (profile, level, width, height, sample_rate, channels).
const FILES: Record<string, Expected> = {
  'avc-baseline-aac.mp4': { video: { format: 'avc1', width: 320, height: 240, profile: 66, level: 13, compatibility: 0xc0 }, audio: { entryChannels: 2, sampleRate: 44100, channels: 2 } },
  'avc-high-bframes-faststart.mp4': { video: { format: 'avc1', width: 640, height: 360, profile: 100, level: 30 }, audio: { entryChannels: 2, sampleRate: 48000, channels: 1 } },
  'avc-main-aac-fragmented.mp4': { video: { format: 'avc1', width: 320, height: 240, profile: 77, level: 13 }, audio: { entryChannels: 2, sampleRate: 44100, channels: 1 } },
  'smooth.ismv': { video: { format: 'avc1', width: 320, height: 240, profile: 77, level: 13 }, audio: { entryChannels: 2, sampleRate: 44100, channels: 1 } },
  'smooth-audio.isma': { audio: { entryChannels: 2, sampleRate: 44100, channels: 1 } },
  'hevc.mp4': { video: { format: 'hvc1', width: 320, height: 240, profile: 1, level: 60 } },
};

function all(nodes: Node[]): Node[] {
  return nodes.flatMap((n) => [n, ...all(n.children)]);
}

async function load(name: string): Promise<Node[]> {
  const bytes = new Uint8Array(readFileSync(new URL(`../../../../fixtures/${name}`, import.meta.url)));
  return all((await parseIsoBmff(new MemorySource(bytes))).tree);
}

describe('sample descriptions of the corpus, against ffprobe', () => {
  for (const [file, want] of Object.entries(FILES)) {
    it(file, async () => {
      const nodes = await load(file);
      const unknown = nodes.filter((n) => OUR_TYPES.has(n.name) && n.diagnostics.some((d) => d.code === 'unknown-box'));
      expect(unknown.map((n) => n.name)).toEqual([]);
      // Nothing this family reads complains on a valid file.
      const ours = nodes.filter((n) => OUR_TYPES.has(n.name) || n.kind === 'descriptor' || n.kind === 'nal');
      expect(ours.flatMap((n) => n.diagnostics.map((d) => `${n.name}: ${d.code}`))).toEqual([]);

      if (want.video) {
        const entry = nodes.find((n) => n.name === want.video!.format)!;
        expect(entry.data).toMatchObject({ kind: 'visual', width: want.video.width, height: want.video.height } satisfies Partial<SampleEntryData>);
        if (want.video.format === 'avc1') {
          const avcC = entry.children.find((c) => c.name === 'avcC')!.data as AvcConfigData;
          expect([avcC.profileIndication, avcC.levelIndication]).toEqual([want.video.profile, want.video.level]);
          if (want.video.compatibility !== undefined) expect(avcC.profileCompatibility).toBe(want.video.compatibility); // Constrained Baseline
          expect(avcC.sps).toHaveLength(1);
          expect(avcC.pps).toHaveLength(1);
        } else {
          const hvcC = entry.children.find((c) => c.name === 'hvcC')!.data as HevcConfigData;
          expect([hvcC.generalProfileIdc, hvcC.generalLevelIdc]).toEqual([want.video.profile, want.video.level]);
          expect(hvcC.arrays.map((a) => a.nalUnitType)).toEqual([32, 33, 34, 39]);
        }
      }
      if (want.audio) {
        const entry = nodes.find((n) => n.name === 'mp4a')!;
        expect(entry.data).toMatchObject({ kind: 'audio', channelCount: want.audio.entryChannels, sampleRate: want.audio.sampleRate });
        const esds = entry.children.find((c) => c.name === 'esds')!.data as EsdsData;
        expect(esds.objectTypeIndication).toBe(0x40);
        expect(esds.audioConfig).toMatchObject({ audioObjectType: 2, samplingFrequency: want.audio.sampleRate, channelConfiguration: want.audio.channels });
      }
    });
  }

  it('shows the Constrained Baseline profile and level 1.3 of avc-baseline-aac.mp4', async () => {
    const avcC = (await load('avc-baseline-aac.mp4')).find((n) => n.name === 'avcC')!;
    expect(avcC.fields.find((f) => f.name === 'profile')?.value).toBe('Constrained Baseline');
    expect(avcC.fields.find((f) => f.name === 'AVCLevelIndication')?.display).toBe('level 1.3');
    expect(avcC.fields.find((f) => f.name === 'codec_string')?.value).toBe('avc1.42C00D');
  });
});
