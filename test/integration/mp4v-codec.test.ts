// An MPEG-4 Visual track (mp4v with an esds) is named mp4v.20 (RFC 6381), as ffprobe names it mpeg4; its esds is
// not taken for audio.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDocument } from '../../electron/cli/open-document.js';
import { BULK } from '../../media/model/types.js';
import { ffprobe } from '../helpers/ffprobe.js';
import { tempDir } from '../helpers/record.js';

it('mp4v: codec string mp4v.20, codec name mpeg4, every sample indexed', async () => {
  const file = join(tempDir('bitlens-mp4v-'), 'mpeg4-visual.mp4');
  const made = spawnSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=64x64:rate=5', '-t', '1', '-c:v', 'mpeg4', file]);
  expect(made.status).toBe(0);
  const doc = await openDocument(file, BULK);
  const truth = ffprobe(file);
  expect(doc.tracks.map((t) => [t.kind, t.codecName, t.codec, t.samples])).toEqual([['video', truth.streams[0]!.codec_name, 'mp4v.20', truth.packets.length]]);
});
