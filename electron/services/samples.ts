// The bundled sample files (build/samples/, see its README.md for how each was made).
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SampleFile } from '../api.js';
import { ApiRefusal } from './api-errors.js';

export const SAMPLES = [
  { key: 'mp4-h264-aac', file: 'h264-aac.mp4', description: 'MP4: 1 s of H.264 video and AAC audio, moov before mdat' },
  { key: 'fmp4-h264-aac', file: 'h264-aac-fragmented.mp4', description: 'Fragmented MP4: empty moov, then moof + mdat per keyframe' },
  { key: 'flv-rtmp', file: 'rtmp-publish.flv', description: 'FLV as an RTMP publisher sends it: onMetaData, sequence headers, tags' },
  { key: 'adts-aac', file: 'sine.aac', description: 'AAC-LC in ADTS frames: a 440 Hz tone' },
] as const;

export type SampleKey = (typeof SAMPLES)[number]['key'];

export class Samples {
  constructor(readonly dir: string) {}

  /** The samples present in the folder (a missing file is left out, not an error). */
  async list(): Promise<SampleFile[]> {
    const found = await Promise.all(
      SAMPLES.map(async (s): Promise<SampleFile | null> => {
        try {
          const st = await stat(join(this.dir, s.file));
          return st.isFile() ? { key: s.key, name: s.file, description: s.description, size: st.size } : null;
        } catch {
          return null;
        }
      }),
    );
    return found.filter((s): s is SampleFile => s !== null);
  }

  /** The file behind a key; only keys of the table above, so a key can never name another file. */
  pathOf(key: string): string {
    const sample = SAMPLES.find((s) => s.key === key);
    if (!sample) throw new ApiRefusal(`no sample '${key}'`);
    return join(this.dir, sample.file);
  }
}
