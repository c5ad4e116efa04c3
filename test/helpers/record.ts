/** Helpers for recorder tests: packet hashes with ffmpeg, a recorder in-process or as `bitlens record`. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Recorder } from '../../electron/services/recorder/recorder.js';
import type { SessionRecorder, SessionRecorderOptions } from '../../electron/services/recorder/session-recorder.js';
import { RtmpServer, type RtmpServerOptions } from '../../electron/services/rtmp/rtmp-server.js';

export interface Frame {
  stream: number;
  dts: number;
  pts: number;
  size: number;
  md5: string;
}

export function tempDir(prefix = 'bitlens-rec-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** `ffmpeg -v error -i F -map 0 -c copy -copyts -f framemd5 -` (times as stored, not shifted to 0): one entry per packet; `errors` is what ffmpeg printed. */
export function framemd5(file: string, pre: string[] = []): { frames: Frame[]; errors: string } {
  const r = spawnSync('ffmpeg', ['-hide_banner', '-v', 'error', '-nostdin', ...pre, '-i', file, '-map', '0', '-c', 'copy', '-copyts', '-f', 'framemd5', '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const frames = r.stdout
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [stream, dts, pts, , size, md5] = l.split(',').map((s) => s.trim());
      return { stream: Number(stream), dts: Number(dts), pts: Number(pts), size: Number(size), md5: md5! };
    });
  return { frames, errors: r.stderr };
}

/** What `ffmpeg -v error -i F -f null -` prints (empty when every packet decodes). */
export function decodeErrors(file: string): string {
  const r = spawnSync('ffmpeg', ['-hide_banner', '-v', 'error', '-nostdin', '-i', file, '-f', 'null', '-'], { encoding: 'utf8' });
  return r.stderr + (r.status === 0 ? '' : `exit ${r.status}`);
}

/** The FLV ffmpeg sends for `-i F -c copy EXTRA -f flv`, written to a file (its timestamps are the truth). */
export function referenceFlv(file: string, extra: string[] = [], pre: string[] = []): string {
  const out = join(tempDir('bitlens-ref-'), 'ref.flv');
  const r = spawnSync('ffmpeg', ['-hide_banner', '-v', 'error', '-nostdin', ...pre, '-i', file, '-c', 'copy', ...extra, '-f', 'flv', out]);
  if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr.toString()}`);
  return out;
}

export function perStream(frames: Frame[]): Frame[][] {
  const out: Frame[][] = [];
  for (const f of frames) (out[f.stream] ??= []).push(f);
  return out;
}

export function files(dir: string, ext: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => join(dir, f));
}

/** A stream whose only keyframe is its first frame (`-g 100000`, as screen capture sends), with AAC beside it, as FLV. */
export function longGopFlv(seconds: number, videoBitrate = '400k'): string {
  const out = join(tempDir('bitlens-gop-'), 'long-gop.flv');
  const r = spawnSync('ffmpeg', [
    '-hide_banner', '-v', 'error', '-nostdin',
    '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100',
    '-t', String(seconds), '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', videoBitrate, '-g', '100000', '-keyint_min', '100000', '-sc_threshold', '0',
    '-c:a', 'aac', '-b:a', '64k', '-f', 'flv', out,
  ]);
  if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr.toString()}`);
  return out;
}

/** An RTMP server with a recorder, in this process; `finished` collects sessions as their files close, `writeErrors` their write errors as heard. */
export async function startRecorder(dir: string, server: RtmpServerOptions = {}, options: SessionRecorderOptions = {}) {
  const rtmp = new RtmpServer({ port: 0, ...server });
  const finished: SessionRecorder[] = [];
  const writeErrors: Array<{ message: string; sessionLive: boolean }> = [];
  const waiters: Array<() => void> = [];
  const recorder = new Recorder(rtmp, dir, options, {
    finished: (r) => {
      finished.push(r);
      for (const w of waiters.splice(0)) w();
    },
    writeError: (r, message) => void writeErrors.push({ message, sessionLive: !r.session.ended }),
  });
  const { port } = await rtmp.listen();
  const until = async (n: number, ms = 20_000): Promise<SessionRecorder[]> => {
    const deadline = Date.now() + ms;
    while (finished.length < n && Date.now() < deadline) await new Promise<void>((r) => (waiters.push(r), setTimeout(r, 200)));
    return finished;
  };
  return { recorder, port, finished, writeErrors, until };
}

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'bitlens.mjs');

/**
 * `bitlens record --port 0 ... --out DIR` as a child process; resolves once it listens. `maxFileBytes`
 * runs it under RLIMIT_FSIZE (prlimit): a write past that size fails with EFBIG, a full disk that needs no mount.
 */
export async function spawnRecord(dir: string, extra: string[] = [], maxFileBytes?: number): Promise<{ child: ChildProcess; port: number; lines: string[]; exited: Promise<number | null> }> {
  const command = [process.execPath, BIN, 'record', '--port', '0', '--out', dir, ...extra];
  if (maxFileBytes !== undefined) command.unshift('prlimit', `--fsize=${maxFileBytes}`, '--');
  const child = spawn(command[0]!, command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buffered = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => lines.push(`stderr: ${d.toString()}`));
    child.stdout!.on('data', (d: Buffer) => {
      buffered += d.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const l of parts) {
        lines.push(l);
        const m = /^recording rtmp:\/\/[^:]+:(\d+)\//.exec(l);
        if (m) resolve(Number(m[1]));
      }
    });
    void exited.then(() => reject(new Error(`bitlens record exited: ${lines.join('\n')}`)));
  });
  return { child, port, lines, exited };
}
