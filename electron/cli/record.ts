/**
 * `bitlens record [--port 1935] [--host 127.0.0.1] [--key KEY] --out DIR`: runs the RTMP server and
 * records every publish to DIR as fragmented MP4 (crash-safe) plus the raw FLV; prints a line per
 * session start and end; on Ctrl-C (SIGINT) or SIGTERM finishes every open file, then returns.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Recorder } from '../services/recorder/recorder.js';
import { percentiles } from '../services/recorder/arrival-times.js';
import type { SessionRecorder } from '../services/recorder/session-recorder.js';
import { RtmpServer } from '../services/rtmp/rtmp-server.js';
import { describe as describeSession, refusalLine, startedLine, statsLine } from './serve-rtmp.js';

export const RECORD_USAGE = `usage: bitlens record [--port 1935] [--host 127.0.0.1] [--key KEY] --out DIR
  records every publish to DIR: <app>_<stream>_<start time>_<n>.mp4 (fragmented, crash-safe) and .flv`;

export class RecordUsageError extends Error {}

function parse(argv: string[]): { port: number; host: string; key?: string; out: string } {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, host: { type: 'string' }, key: { type: 'string' }, out: { type: 'string' } },
    }).values;
  } catch (e) {
    throw new RecordUsageError(`${e instanceof Error ? e.message : String(e)}\n${RECORD_USAGE}`);
  }
  const port = values.port === undefined ? 1935 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RecordUsageError('--port takes a number from 0 to 65535');
  if (!values.out) throw new RecordUsageError(`record: where to? --out DIR is required\n${RECORD_USAGE}`);
  return { port, host: values.host ?? '127.0.0.1', out: resolve(values.out), ...(values.key !== undefined ? { key: values.key } : {}) };
}

function endLine(r: SessionRecorder, reason: string): string {
  const s = r.session;
  const files = r.files.map((f) => `${f.path} (${f.tracks.join(', ') || 'no track'}${f.leftOut.length ? `; not in MP4: ${f.leftOut.join(', ')}` : ''}; ${f.fragments} fragments, ${f.bytes} bytes)`);
  if (r.flvPath) files.push(r.flvPath);
  const delay = percentiles(r.delays);
  const timing = delay ? `; to disk: median ${delay.median.toFixed(1)} ms, p95 ${delay.p95.toFixed(1)} ms` : '';
  const skipped = r.skipped ? `; ${r.skipped} packets not in MP4` : '';
  // After a write error the session may go on: its recording is what ended.
  const stopped = r.error !== undefined ? `recording stopped (${r.error})` : '';
  const what = !stopped ? `ended (${reason})` : s.ended ? `ended (${reason}), ${stopped}` : stopped;
  return `session ${s.info.id} ${what}: ${describeSession(s.info)}; ${statsLine(s.stats())}; files: ${files.join(', ') || 'none'}${skipped}${timing}`;
}

/** Runs until SIGINT/SIGTERM; resolves once every file is finished. */
export async function runRecord(argv: string[], print: (line: string) => void): Promise<void> {
  const options = parse(argv);
  await mkdir(options.out, { recursive: true });
  const server = new RtmpServer({ port: options.port, host: options.host, ...(options.key !== undefined ? { key: options.key } : {}) });
  const recorder = new Recorder(server, options.out, {}, {
    started: (r) => print(startedLine(r.session.info)),
    finished: (r, reason) => print(endLine(r, reason)),
    writeError: (r, message) => print(`session ${r.session.info.id}: cannot write ${message}; recording of this session stops, its files end at their last whole fragment`),
  });
  server.on('refused', (r) => print(refusalLine(r)));
  const address = await server.listen();
  print(`recording rtmp://${address.address}:${address.port}/ to ${options.out}${options.key !== undefined ? ' (stream key required)' : ''}`);
  await new Promise<void>((done) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      print(`${signal}: finishing ${recorder.sessions.length} recording(s)`);
      recorder.stop().then(done, (e: unknown) => {
        print(`bitlens: stopping: ${e instanceof Error ? e.message : String(e)}`);
        done();
      });
    };
    const onInt = (): void => stop('SIGINT');
    const onTerm = (): void => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
  print('stopped');
}
