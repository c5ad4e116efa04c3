import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../helpers/fixtures.js';
import { annexbSites } from './annexb-sites.js';
import { captureSites } from './capture-sites.js';
import { flvSites } from './flv-sites.js';
import { isoSites } from './iso-sites.js';
import { ac3Sites, taggedAdtsSites } from './raw-audio-sites.js';
import type { Site } from './sites.js';
import { tsSites } from './ts-sites.js';

/** A format the fuzzer mutates: real files to start from and the walk that finds their breakable fields. */
export interface FuzzFormat {
  name: string;
  seeds: readonly string[];
  sites(bytes: Uint8Array): Site[];
}

export const FUZZ_FORMATS: readonly FuzzFormat[] = [
  { name: 'mp4', seeds: ['avc-baseline-aac.mp4', 'avc-high-bframes-faststart.mp4', 'avc-main-aac-fragmented.mp4', 'smooth.ismv', 'smooth-audio.isma', 'hevc.mp4', 'quicktime-aac.mov'], sites: isoSites },
  { name: 'flv', seeds: ['avc-aac.flv', 'avc-high-bframes.flv'], sites: flvSites },
  { name: 'mpegts', seeds: ['segment.ts', 'vhs-id3.ts', 'latm.ts', 'mbrts-rollover.ts', 'pmt-after-pes.ts', 'dvbsub-rs204.ts', 'mbny-eac3-system-b.ts'], sites: tsSites },
  { name: 'adts', seeds: ['aac-lc.adts.aac', 'adts-id3-midstream.aac'], sites: taggedAdtsSites },
  { name: 'ac3', seeds: ['vhs-ac3WithId3.ac3'], sites: ac3Sites },
  { name: 'annexb', seeds: ['annexb.h264', 'hevc-annexb.hevc'], sites: annexbSites },
  { name: 'rtmpcap', seeds: ['ffmpeg-publish.rtmpcap'], sites: captureSites },
];

/** A seed file's bytes and its sites, read once. */
export interface Seed {
  format: string;
  name: string;
  bytes: Uint8Array;
  sites: Site[];
  /** The sites that are not fallback guesses. */
  named: Site[];
}

export function loadSeeds(formats: readonly FuzzFormat[] = FUZZ_FORMATS, dir = FIXTURES): Seed[] {
  return formats.flatMap((f) =>
    f.seeds.map((name) => {
      const bytes = new Uint8Array(readFileSync(join(dir, name)));
      const sites = f.sites(bytes);
      return { format: f.name, name, bytes, sites, named: sites.filter((s) => !s.generic) };
    }),
  );
}
