/**
 * What a kill in the middle of a fragment's write leaves. The check that motivated the design:
 * ffmpeg 5.1 fails on a file whose last moof is cut ("error reading header") and reports
 * "partial file" for a cut mdat. The recorder writes each fragment with its moof typed `free`
 * and restores the type after the write, so a cut at any byte leaves a tail ffmpeg skips silently.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Mp4File } from '../../electron/services/recorder/mp4-file.js';
import { parseIsoBmff } from '../../media/formats/isobmff/parse-isobmff.js';
import { BULK } from '../../media/model/types.js';
import { MemorySource } from '../../media/source/memory-source.js';
import { fixture } from '../helpers/fixtures.js';
import { decodeErrors, files, framemd5, perStream, startRecorder, tempDir } from '../helpers/record.js';
import { publish } from '../helpers/rtmp.js';
import { concatBytes as concat } from '../../media/bits/concat-bytes.js';

async function recording(): Promise<Uint8Array> {
  const dir = tempDir();
  const rec = await startRecorder(dir);
  await publish(fixture('avc-aac.flv'), `rtmp://127.0.0.1:${rec.port}/live/crash`);
  await rec.until(1);
  await rec.recorder.stop();
  return new Uint8Array(readFileSync(files(dir, '.mp4')[0]!));
}

describe('a fragment cut by a kill during its write', () => {
  it('leaves a file ffmpeg reads without error, with every earlier fragment', async () => {
    const bytes = await recording();
    const { tree } = await parseIsoBmff(new MemorySource(bytes), BULK);
    const moofs = tree.filter((n) => n.name === 'moof');
    expect(moofs.length).toBeGreaterThanOrEqual(3);
    const last = moofs.at(-1)!;
    const mdat = tree[tree.indexOf(last) + 1]!;
    const whole = bytes.subarray(0, last.start);
    const before = perStream(framemd5(await save(whole)).frames);
    // As the write leaves it: the fragment's first box still typed free.
    const hidden = bytes.slice(last.start, mdat.end);
    hidden.set([0x66, 0x72, 0x65, 0x65], 4);
    const size = hidden.length;
    for (const cut of [1, 4, 8, 9, last.end - last.start - 1, last.end - last.start, last.end - last.start + 8, Math.floor(size / 2), size - 1, size]) {
      const file = await save(concat(whole, hidden.subarray(0, cut)));
      expect(decodeErrors(file), `cut after ${cut} of ${size} bytes`).toBe('');
      expect(perStream(framemd5(file).frames)).toEqual(before);
    }
  });

  it('Mp4File writes fragments typed free and restores moof once written', async () => {
    const path = join(tempDir(), 'x.mp4');
    const f = new Mp4File(path, { sync: false });
    const fragment = new Uint8Array([0, 0, 0, 8, 0x6d, 0x6f, 0x6f, 0x66, 0, 0, 0, 9, 0x6d, 0x64, 0x61, 0x74, 7]); // moof (8 bytes), mdat (9 bytes)
    const written = f.fragment(fragment);
    expect([...fragment.subarray(4, 8)]).toEqual([0x66, 0x72, 0x65, 0x65]); // 'free' in the buffer being written
    await written;
    await f.close();
    expect(readFileSync(path).subarray(4, 8).toString('latin1')).toBe('moof');
  });
});

let n = 0;
async function save(bytes: Uint8Array): Promise<string> {
  const path = join(tempDir(), `cut-${n++}.mp4`);
  writeFileSync(path, bytes);
  return path;
}
