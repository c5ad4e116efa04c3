import { spawnSync } from 'node:child_process';
import { detectFormat } from '../../../media/detect.js';
import type { MediaDocument } from '../../../media/model/document-model.js';
import { BULK } from '../../../media/model/types.js';
import { MemorySource } from '../../../media/source/memory-source.js';
import { fixture, fixtureBytes } from '../../helpers/fixtures.js';

/** A corpus file parsed as the window's worker parses it (bulk mode). */
export async function openFixture(name: string): Promise<MediaDocument> {
  const source = new MemorySource(fixtureBytes(name));
  const format = await detectFormat(source, name);
  if (!format) throw new Error(`no format for ${name}`);
  return format.open(source, BULK);
}

/** ffprobe's pict_type of every video frame, in presentation order (it decodes them). */
export function probePictTypes(name: string): string[] {
  const r = spawnSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_frames', '-show_entries', 'frame=pict_type', '-of', 'csv=p=0', fixture(name)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`ffprobe failed on ${name}: ${r.stderr}`);
  return r.stdout.split('\n').map((l) => l.split(',')[0]!.trim()).filter(Boolean);
}
