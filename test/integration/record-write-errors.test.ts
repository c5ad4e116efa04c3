/**
 * A recording whose disk fills up mid-stream: the error is heard at once while the session is still
 * live, that session's recording stops with each file whole up to its last fragment (ffmpeg reads it
 * without a word, a prefix of the source), the publish goes on to its end, and the summary counts
 * the bytes that are in the file. Three disks: a file writer that fails after a budget (runs
 * everywhere), a real 2 MiB tmpfs (where mounting is allowed), and RLIMIT_FSIZE for `bitlens record`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OpenFile } from '../../electron/services/recorder/append-file.js';
import { decodeErrors, files, framemd5, longGopFlv, perStream, spawnRecord, startRecorder, tempDir } from '../helpers/record.js';
import { ffmpeg } from '../helpers/rtmp.js';

/** A disk that takes `budget` bytes in all, then fails every write as a full disk does (the crossing write lands in part). */
function diskFullAfter(budget: number): OpenFile {
  let left = budget;
  return async (path) => {
    const h = await open(path, 'wx');
    return {
      async write(buffer, offset, length, position) {
        if (left <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        const n = Math.min(length, left);
        left -= n;
        return h.write(buffer, offset, n, position);
      },
      datasync: () => h.datasync(),
      truncate: (length) => h.truncate(length),
      close: () => h.close(),
    };
  };
}

/** Publishes at 4 times real time: the session is still live when the disk fills. */
const publishFast = (file: string, port: number) => ffmpeg(['-readrate', '4', '-i', file, '-c', 'copy', '-f', 'flv', `rtmp://127.0.0.1:${port}/live/full`]);

/** Records `source` into `dir`; checks what every full disk must leave. */
async function recordUntilFull(source: string, dir: string, openFile?: OpenFile): Promise<string> {
  const rec = await startRecorder(dir, {}, { sync: false, ...(openFile ? { openFile } : {}) });
  const published = await publishFast(source, rec.port);
  const [r] = await rec.until(1);
  await rec.recorder.stop();

  // Said at once, while the publisher was still sending; the publish itself went on to its end.
  expect(rec.writeErrors).toHaveLength(1);
  expect(rec.writeErrors[0]!.sessionLive).toBe(true);
  expect(published.code).toBe(0);
  const sent = perStream(framemd5(source).frames);
  expect(r!.session.stats().videoFrames).toBe(sent[0]!.length);
  expect(r!.error).toBe(rec.writeErrors[0]!.message);

  // The MP4 ends at its last whole fragment: read without a word, a prefix of the source.
  const [mp4] = files(dir, '.mp4');
  expect(decodeErrors(mp4!)).toBe('');
  const got = perStream(framemd5(mp4!).frames);
  expect(got[0]!.length).toBeGreaterThan(0);
  expect(got[0]!.length).toBeLessThan(sent[0]!.length);
  got.forEach((frames, s) => expect(frames).toEqual(sent[s]!.slice(0, frames.length)));
  // The summary claims what is on disk, no more.
  expect(r!.files[0]!.bytes).toBe(statSync(mp4!).size);
  return rec.writeErrors[0]!.message;
}

describe('a disk that fills up while recording', () => {
  const source = longGopFlv(12, '1M');

  it('an injected full disk: heard at once, files whole to their last fragment, the session goes on', async () => {
    const dir = tempDir();
    const message = await recordUntilFull(source, dir, diskFullAfter(1_000_000));
    expect(message).toMatch(/\.(mp4|flv): ENOSPC: no space left on device/);
  });

  const mountPoint = join(tempDir(), 'tmpfs');
  mkdirSync(mountPoint);
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint], { encoding: 'utf8' });
  const mounted = mount.status === 0;
  afterAll(() => {
    if (mounted) spawnSync('umount', [mountPoint]);
    rmdirSync(mountPoint);
  });

  it('a real 2 MiB tmpfs: the same', async (ctx) => {
    if (!mounted) ctx.skip(`cannot mount a tmpfs here (needs root): ${(mount.stderr || mount.error?.message || '').trim()}`);
    const message = await recordUntilFull(source, mountPoint);
    expect(message).toMatch(/ENOSPC/);
  });

  it('bitlens record prints the error while the publish goes on, and a summary of the bytes on disk', async () => {
    const dir = tempDir();
    // RLIMIT_FSIZE: writes past 400 kB fail with EFBIG, as on a full disk.
    const rec = await spawnRecord(dir, [], 400_000);
    let publishing = true;
    const published = publishFast(source, rec.port).finally(() => (publishing = false));
    const errorLine = await new Promise<{ line: string; publishing: boolean }>((resolve, reject) => {
      const poll = setInterval(() => {
        const line = rec.lines.find((l) => l.includes('cannot write'));
        if (line) resolve({ line, publishing });
        else if (!publishing) reject(new Error(`no error line: ${rec.lines.join('\n')}`));
        if (line || !publishing) clearInterval(poll);
      }, 20);
    });
    expect(errorLine.publishing).toBe(true);
    expect(errorLine.line).toMatch(/^session c1-s1: cannot write .*\.(mp4|flv): EFBIG: file too large.*recording of this session stops/);
    expect((await published).code).toBe(0);
    rec.child.kill('SIGINT');
    expect(await rec.exited).toBe(0);
    const [mp4] = files(dir, '.mp4');
    expect(decodeErrors(mp4!)).toBe('');
    const summary = rec.lines.find((l) => l.startsWith('session c1-s1 recording stopped'));
    expect(summary).toContain(`${mp4!} (video avc1.`);
    expect(summary).toContain(`fragments, ${statSync(mp4!).size} bytes)`);
  });
});
