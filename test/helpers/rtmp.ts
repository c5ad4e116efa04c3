/** Helpers for RTMP server tests: a server on a free port, ffmpeg publishes, raw sockets, FLV references. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFlv } from '../../media/formats/flv/parse-flv.js';
import type { FlvTagData } from '../../media/formats/flv/flv-tag-data.js';
import { BULK } from '../../media/model/types.js';
import { MemorySource } from '../../media/source/memory-source.js';
import type { LiveSession, LiveTag } from '../../electron/services/rtmp/live-session.js';
import { RtmpServer, type RtmpServerOptions } from '../../electron/services/rtmp/rtmp-server.js';

export async function startServer(options: RtmpServerOptions = {}): Promise<{ server: RtmpServer; port: number }> {
  const server = new RtmpServer({ port: 0, ...options });
  const { port } = await server.listen();
  return { server, port };
}

/** Collects every session the server starts, with its tags, until each ends. */
export function recordSessions(server: RtmpServer): Array<{ session: LiveSession; tags: LiveTag[]; ended: Promise<string> }> {
  const out: Array<{ session: LiveSession; tags: LiveTag[]; ended: Promise<string> }> = [];
  server.on('session', (session) => {
    const tags: LiveTag[] = [];
    session.on('tags', (batch) => tags.push(...batch));
    const ended = new Promise<string>((resolve) => session.on('end', resolve));
    out.push({ session, tags, ended });
  });
  return out;
}

export interface RunResult {
  code: number | null;
  stderr: string;
}

/** Runs ffmpeg (quiet) and resolves when it exits. */
export function ffmpeg(args: string[], timeoutMs = 30_000): Promise<RunResult> {
  return new Promise((resolve) => {
    const p = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

export function publish(file: string, url: string, extra: string[] = [], pre: string[] = []): Promise<RunResult> {
  return ffmpeg([...pre, '-i', file, '-c', 'copy', ...extra, '-f', 'flv', url]);
}

/** The FLV tags ffmpeg writes for the same input and options (`-c copy -f flv ref.flv`). */
export async function referenceTags(file: string, extra: string[] = [], pre: string[] = []): Promise<Array<{ data: FlvTagData; body: Uint8Array }>> {
  const dir = mkdtempSync(join(tmpdir(), 'bitlens-ref-'));
  const out = join(dir, 'ref.flv');
  const r = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', ...pre, '-i', file, '-c', 'copy', ...extra, '-f', 'flv', out]);
  if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr.toString()}`);
  const bytes = new Uint8Array(readFileSync(out));
  const { units } = await parseFlv(new MemorySource(bytes), BULK);
  return units
    .filter((u) => u.node.kind === 'tag')
    .map((u) => {
      const data = u.node.data as FlvTagData;
      return { data, body: bytes.subarray(u.node.start + 11, u.node.start + 11 + data.dataSize) };
    });
}

export function rawSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
}

/** Resolves when the server closes the socket (or after `ms`, with false). */
export function closedWithin(socket: Socket, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (socket.destroyed) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
    socket.on('error', () => undefined);
  });
}

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

/** Reads from a socket until `n` bytes have come (or it closes). */
export function readBytes(socket: Socket, n: number, ms = 5000): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let got = 0;
    const done = (): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      resolve(new Uint8Array(Buffer.concat(parts)));
    };
    const onData = (d: Buffer): void => {
      parts.push(d);
      got += d.length;
      if (got >= n) done();
    };
    const timer = setTimeout(done, ms);
    socket.on('data', onData);
    socket.once('close', done);
  });
}

/** A raw client past the simple handshake (C0 3, C1 of zeros, C2 of zeros). */
export async function handshaken(port: number): Promise<Socket> {
  const s = await rawSocket(port);
  const c0c1 = new Uint8Array(1 + 1536);
  c0c1[0] = 3;
  s.write(c0c1);
  const reply = await readBytes(s, 1 + 2 * 1536);
  if (reply.length < 1 + 2 * 1536) throw new Error(`handshake reply of ${reply.length} bytes`);
  s.write(new Uint8Array(1536));
  return s;
}

/** One message as chunks: a type-0 header on `csid` (2 to 63), type-3 headers every `chunkSize` bytes. */
export function chunked(csid: number, typeId: number, payload: Uint8Array, opts: { streamId?: number; timestamp?: number; chunkSize?: number; declaredLength?: number } = {}): Uint8Array {
  const { streamId = 0, timestamp = 0, chunkSize = 128, declaredLength = payload.length } = opts;
  const out: number[] = [
    csid, // fmt 0, cs id
    (timestamp >>> 16) & 0xff, (timestamp >>> 8) & 0xff, timestamp & 0xff, // timestamp
    (declaredLength >>> 16) & 0xff, (declaredLength >>> 8) & 0xff, declaredLength & 0xff, // message length
    typeId, // message type id
    streamId & 0xff, (streamId >>> 8) & 0xff, (streamId >>> 16) & 0xff, streamId >>> 24, // message stream id, little-endian
  ];
  for (let at = 0; at < payload.length; at += chunkSize) {
    if (at > 0) out.push(0xc0 | csid); // fmt 3
    out.push(...payload.subarray(at, at + chunkSize));
  }
  return new Uint8Array(out);
}
