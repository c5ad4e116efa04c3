/**
 * `bitlens extract`: raw AAC from Smooth Streaming gets ADTS headers and plays; H.264 comes out as
 * Annex B with SPS/PPS before every IDR and decodes to the source's frame count; .mp4 holds one track.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../electron/cli/open-document.js';
import { runExtract } from '../../electron/cli/remux-command.js';
import { openIsoBmff } from '../../media/formats/isobmff/iso-bmff-format.js';
import { BULK } from '../../media/model/types.js';
import { MemorySource } from '../../media/source/memory-source.js';
import { fixture } from '../helpers/fixtures.js';

const OUT = mkdtempSync(join(tmpdir(), 'bitlens-extract-'));

function frames(file: string, select = 'v'): number {
  const r = spawnSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', select, '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file], { encoding: 'utf8' });
  return Number(r.stdout.trim());
}

function decodeErrors(file: string): string {
  return spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-'], { encoding: 'utf8' }).stderr;
}

/** Per packet "size md5" of a file's first stream, with stream copy. */
function payloads(file: string, extra: string[] = []): string[] {
  const r = spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:0', '-c', 'copy', ...extra, '-f', 'framemd5', '-'], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(',').slice(4, 6).map((c) => c.trim().split(' ')[0]).join(' ')); // size, md5 (side data left out)
}

describe('extract', () => {
  it('writes smooth-audio.isma as 131 ADTS frames that ffmpeg decodes, with the same AAC payloads', async () => {
    const out = join(OUT, 'smooth-audio.aac');
    await runExtract([fixture('smooth-audio.isma'), '--track', '1', out]);
    expect(frames(out, 'a')).toBe(131);
    expect(decodeErrors(out)).toBe('');
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 7)]).toEqual([0xff, 0xf1, 0x50, 0x40, 0x23, 0xff, 0xfc]); // LC, 44.1 kHz, mono, frame_length 287 (280 + 7)
    expect(payloads(out, ['-bsf:a', 'aac_adtstoasc'])).toEqual(payloads(fixture('smooth-audio.isma')));
  });

  it.each([
    ['avc-baseline-aac.mp4', 1, 50],
    ['avc-high-bframes-faststart.mp4', 1, 60],
    ['avc-main-aac-fragmented.mp4', 1, 75],
    ['smooth.ismv', 1, 75],
    ['avc-high-bframes.flv', 1, 60],
    ['avc-aac.flv', 1, 75],
    ['annexb.h264', 1, 50],
  ])('writes %s track %i as Annex B H.264 with the source frame count (%i)', async (file, track, count) => {
    const out = join(OUT, `${file}.h264`);
    await runExtract([fixture(file), '--track', String(track), out]);
    expect(frames(fixture(file))).toBe(count);
    expect(frames(out)).toBe(count);
    expect(decodeErrors(out)).toBe('');
    // SPS (00 00 00 01 67 ...) before the first IDR.
    expect([...readFileSync(out).subarray(0, 5)]).toEqual([0, 0, 0, 1, 0x67]);
  });

  it('writes the H.264 and AAC of an MPEG-TS as Annex B and ADTS, each frame as the transport stream carried it', async () => {
    const video = join(OUT, 'segment.h264');
    await runExtract([fixture('segment.ts'), '--track', '256', video]);
    expect(frames(video)).toBe(50);
    expect(decodeErrors(video)).toBe('');
    const out = join(OUT, 'segment.aac');
    await runExtract([fixture('segment.ts'), '--track', '257', out]);
    expect(frames(out, 'a')).toBe(88);
    expect(decodeErrors(out)).toBe('');
    // The raw AAC inside the headers, byte for byte (stream 1 of the segment is its audio).
    const raw = (file: string, stream: string): string[] =>
      spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-map', stream, '-c', 'copy', '-bsf:a', 'aac_adtstoasc', '-f', 'framemd5', '-'], { encoding: 'utf8' }).stdout.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(',').slice(4, 6).join(',').trim());
    expect(raw(out, '0:0')).toEqual(raw(fixture('segment.ts'), '0:1'));
    expect(raw(out, '0:0')).toHaveLength(88);
  });

  it('writes HEVC as Annex B with its VPS/SPS/PPS', async () => {
    const out = join(OUT, 'hevc.h265');
    await runExtract([fixture('hevc.mp4'), '--track', '1', out]);
    expect(frames(out)).toBe(50);
    expect(decodeErrors(out)).toBe('');
  });

  it('writes one track alone as MP4', async () => {
    const out = join(OUT, 'audio-only.mp4');
    await runExtract([fixture('avc-aac.flv'), '--track', '2', out]);
    const doc = await openIsoBmff(new MemorySource(new Uint8Array(readFileSync(out))), BULK);
    expect(doc.tracks.map((t) => [t.kind, t.codec, t.samples])).toEqual([['audio', 'mp4a.40.2', 131]]);
    expect(decodeErrors(out)).toBe('');
  });

  it('says what is wrong in one line', async () => {
    await expect(runExtract([fixture('avc-aac.flv'), '--track', '9', join(OUT, 'x.aac')])).rejects.toThrow(CliError);
    await expect(runExtract([fixture('avc-aac.flv'), '--track', '9', join(OUT, 'x.aac')])).rejects.toThrow(/no track 9 \(tracks: 1 video h264, 2 audio aac\)/);
    await expect(runExtract([fixture('avc-aac.flv'), '--track', '1', join(OUT, 'x.aac')])).rejects.toThrow(/not AAC/);
    await expect(runExtract([fixture('avc-aac.flv'), '--track', '2', join(OUT, 'x.txt')])).rejects.toThrow(/\.aac, \.h264/);
    await expect(runExtract([join(OUT, 'missing.flv'), '--track', '1', join(OUT, 'x.aac')])).rejects.toThrow(/no such file/);
  });
});

describe('bitlens remux on the command line', () => {
  const BIN = join(import.meta.dirname, '..', '..', 'bin', 'bitlens.mjs');
  const bitlens = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

  it('writes a file ffmpeg decodes and says nothing on success', () => {
    const out = join(OUT, 'cli.mp4');
    const r = bitlens('remux', fixture('avc-high-bframes.flv'), out, '--stats');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ road: 'flv-fast', tracks: [{ id: 1, kind: 'video', samples: 60 }, { id: 2, kind: 'audio', samples: 95 }] });
    expect(decodeErrors(out)).toBe('');
  });

  it('reports errors as one line', () => {
    for (const args of [['remux', join(OUT, 'missing.flv'), join(OUT, 'x.mp4')], ['remux', fixture('README.md'), join(OUT, 'x.mp4')], ['remux', fixture('avc-aac.flv')]]) {
      const r = bitlens(...args);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^bitlens: [^\n]+\n$/);
    }
  });
});
