/**
 * `bitlens serve-rtmp [--port 1935] [--host 127.0.0.1] [--key KEY] [--capture DIR]`: runs the RTMP
 * server until interrupted and prints one line per session start and end with what it saw, and one
 * per refused client. Publisher texts in these lines come escaped from the server (escape-text.ts).
 */
import { mkdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { LiveSessionInfo, LiveStats } from '../api.js';
import { peerText } from '../services/rtmp/rtmp-connection.js';
import { type Refusal, RtmpServer } from '../services/rtmp/rtmp-server.js';
import { CliError } from './open-document.js';

export interface ServeRtmpOptions {
  port?: string;
  host?: string;
  key?: string;
  capture?: string;
}

export function describe(info: LiveSessionInfo): string {
  const parts: string[] = [];
  if (info.video) {
    const size = info.video.width && info.video.height ? ` ${info.video.width}x${info.video.height}` : '';
    parts.push(`video ${info.video.codecString ?? info.video.codec}${size}`);
  }
  if (info.audio) {
    const rate = info.audio.sampleRate ? ` ${info.audio.sampleRate} Hz` : '';
    const ch = info.audio.channels ? ` ${info.audio.channels} ch` : '';
    parts.push(`audio ${info.audio.codecString ?? info.audio.codec}${rate}${ch}`);
  }
  return parts.join(', ') || 'no media yet';
}

export function statsLine(s: LiveStats): string {
  return `${(s.durationMs / 1000).toFixed(3)} s, ${s.bytes} bytes, ${s.videoFrames} video frames, ${s.audioFrames} audio frames, ${s.keyframes} keyframes`;
}

export function startedLine(i: LiveSessionInfo): string {
  return `session ${i.id} started: ${peerText(i.remoteAddress, i.remotePort)} app '${i.app}' stream '${i.stream}'${i.encoder ? ` (${i.encoder})` : ''}`;
}

export function refusalLine(r: Refusal): string {
  return `refused ${r.peer}${r.connectionId !== undefined ? ` (connection ${r.connectionId})` : ''}: ${r.reason}`;
}

export async function serveRtmp(options: ServeRtmpOptions, print: (line: string) => void): Promise<RtmpServer> {
  const port = options.port !== undefined ? Number(options.port) : 1935;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port takes a port number, not '${options.port}'`);
  if (options.capture) await mkdir(options.capture, { recursive: true });
  const server = new RtmpServer({
    port,
    ...(options.host ? { host: options.host } : {}),
    ...(options.key !== undefined ? { key: options.key } : {}),
    ...(options.capture ? { captureDir: options.capture } : {}),
  });
  server.on('session', (s) => print(startedLine(s.info)));
  server.on('session-end', (s, reason) => {
    print(`session ${s.info.id} ended (${reason}): ${describe(s.info)}; ${statsLine(s.stats())}${s.info.capturePath ? `; capture ${s.info.capturePath}` : ''}`);
  });
  server.on('refused', (r) => print(refusalLine(r)));
  const address = await server.listen();
  print(`listening on rtmp://${address.address}:${address.port}/${options.key !== undefined ? ' (stream key required)' : ''}`);
  return server;
}

/** `bitlens serve-rtmp ...` from its command-line words; runs until the process is interrupted. */
export async function runServeRtmp(argv: string[], print: (line: string) => void): Promise<void> {
  let values;
  try {
    values = parseArgs({ args: argv, options: { port: { type: 'string' }, host: { type: 'string' }, key: { type: 'string' }, capture: { type: 'string' } } }).values;
  } catch (e) {
    throw new CliError(`serve-rtmp: ${(e as Error).message}`);
  }
  await serveRtmp(values, print);
}
