/**
 * Hostile RTMP clients for abuse tests, each bounded in connections, and the check that a keyed
 * ffmpeg publish gets through while they run.
 */
import type { Socket } from 'node:net';
import { expect } from 'vitest';
import { encodeAmf0 } from '../../media/formats/rtmp/amf0-writer.js';
import type { LiveTag } from '../../electron/services/rtmp/live-session.js';
import type { Refusal, RtmpServer } from '../../electron/services/rtmp/rtmp-server.js';
import { fixture } from './fixtures.js';
import { chunked, handshaken, publish, rawSocket, recordSessions, referenceTags } from './rtmp.js';

/** Opens one hostile connection and starts its misbehaviour; the attack waits for the server to close it. */
export type Opener = (port: number) => Promise<Socket>;

export interface Attack {
  /** Connections opened so far. */
  readonly opened: number;
  /** Stops opening new connections, destroys the open ones and resolves when every worker has stopped. */
  stop(): Promise<void>;
}

export interface AttackOptions {
  /** Connections open at once. */
  concurrency: number;
  /** Open a new connection when the server closes one (until `maxConnections`). */
  reconnect: boolean;
  /** At most this many connections in all. */
  maxConnections: number;
  /** At most this many new connections a second, all workers together (the attacker's pace, not a wait of the test). */
  perSecond: number;
}

/** Runs `concurrency` workers, each opening a connection and (with `reconnect`) another when the server closes it. */
export function attack(port: number, open: Opener, options: AttackOptions): Attack {
  let opened = 0;
  let stopped = false;
  const live = new Set<Socket>();
  const gapMs = 1000 / options.perSecond;
  let nextAt = performance.now();
  /** Resolves at this worker's turn to open: connections go out evenly spaced at `perSecond`. */
  const turn = (): Promise<void> => {
    const at = Math.max(nextAt, performance.now());
    nextAt = at + gapMs;
    const wait = at - performance.now();
    return wait >= 1 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
  };
  const worker = async (): Promise<void> => {
    while (!stopped && opened < options.maxConnections) {
      await turn();
      if (stopped) return;
      opened++;
      let s: Socket;
      try {
        s = await open(port);
      } catch {
        continue; // refused or reset during its opening: try again
      }
      live.add(s);
      s.on('error', () => undefined);
      await new Promise<void>((resolve) => (s.destroyed ? resolve() : s.once('close', () => resolve())));
      live.delete(s);
      if (!options.reconnect) return;
    }
  };
  const workers = Array.from({ length: options.concurrency }, () => worker());
  return {
    get opened() {
      return opened;
    },
    async stop() {
      stopped = true;
      for (const s of live) s.destroy();
      await Promise.all(workers);
    },
  };
}

/** Sends nothing after connecting. */
export const silent: Opener = (port) => rawSocket(port);

/** Completes the handshake, then sends nothing. */
export const handshakeOnly: Opener = (port) => handshaken(port);

/** Writes one byte every `everyMs` (a C0, then C1 bytes that never make a whole C1), until closed. */
export function trickle(everyMs: number): Opener {
  return async (port) => {
    const s = await rawSocket(port);
    s.write(new Uint8Array([3]));
    const timer = setInterval(() => (s.destroyed ? clearInterval(timer) : s.write(new Uint8Array([0]))), everyMs);
    s.once('close', () => clearInterval(timer));
    return s;
  };
}

/** After the handshake and a connect, the first `send` bytes (whole 128-byte chunks) of a message declaring `length` bytes of `typeId`, and nothing more. */
export function partialMessage(typeId: number, length: number, send = 128): Opener {
  return async (port) => {
    const s = await handshaken(port);
    s.write(chunked(3, 20, encodeAmf0('connect', 1, { app: 'live' })));
    s.write(chunked(4, typeId, new Uint8Array(send), { declaredLength: length, streamId: 1 }));
    return s;
  };
}

/** After the handshake and a connect, a chunk header of a video message, then its payload one byte every `everyMs`: the chunk never completes. */
export function trickleInChunk(everyMs: number): Opener {
  return async (port) => {
    const s = await handshaken(port);
    s.write(chunked(3, 20, encodeAmf0('connect', 1, { app: 'live' })));
    s.write(chunked(4, 9, new Uint8Array(0), { declaredLength: 4096, streamId: 1 }));
    const timer = setInterval(() => (s.destroyed ? clearInterval(timer) : s.write(new Uint8Array([0x17]))), everyMs);
    s.once('close', () => clearInterval(timer));
    return s;
  };
}

/** Collects the server's refusals; `until(n)` resolves once there are at least `n`. */
export function refusals(server: RtmpServer): { list: Refusal[]; until(n: number): Promise<void> } {
  const list: Refusal[] = [];
  const waiters: Array<[number, () => void]> = [];
  server.on('refused', (r) => {
    list.push(r);
    for (const w of waiters.filter(([n]) => list.length >= n)) {
      waiters.splice(waiters.indexOf(w), 1);
      w[1]();
    }
  });
  return { list, until: (n) => (list.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push([n, resolve]))) };
}

/** The session's audio and video tags equal those of the FLV ffmpeg writes for the same input (timestamps and bodies). */
export async function expectSameAsReference(tags: LiveTag[], extra: string[] = []): Promise<void> {
  const ref = (await referenceTags(fixture('avc-aac.flv'), extra)).filter((t) => t.data.tagType !== 18);
  const media = tags.filter((t) => t.kind !== 'data');
  expect(media.map((t) => [t.timestamp, t.body.length])).toEqual(ref.map((t) => [t.data.timestamp, t.body.length]));
  for (let i = 0; i < ref.length; i++) expect(Buffer.compare(media[i]!.body, ref[i]!.body)).toBe(0);
}

/**
 * Publishes test/fixtures/avc-aac.flv in real time (`ffmpeg -re`, about 3 s) with `key` while the
 * attack runs, and checks that the session's tags equal what ffmpeg sent.
 */
export async function expectKeyedPublish(server: RtmpServer, port: number, key: string): Promise<void> {
  const sessions = recordSessions(server);
  const r = await publish(fixture('avc-aac.flv'), `rtmp://127.0.0.1:${port}/live/${key}`, [], ['-re']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(sessions.map((s) => s.session.info.stream)).toEqual([key]);
  await sessions[0]!.ended;
  await expectSameAsReference(sessions[0]!.tags);
}

/** Reads from a socket until `text` has come (true), or it closes or `ms` pass (false). */
export function readUntil(socket: Socket, text: string, ms = 5000): Promise<boolean> {
  return new Promise((resolve) => {
    let got = Buffer.alloc(0);
    const done = (found: boolean): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      resolve(found);
    };
    const onData = (d: Buffer): void => {
      got = Buffer.concat([got, d]);
      if (got.includes(text)) done(true);
    };
    const onClose = (): void => done(false);
    const timer = setTimeout(() => done(false), ms);
    socket.on('data', onData);
    socket.once('close', onClose);
  });
}

export interface PublishTexts {
  app: string;
  tcUrl: string;
  flashVer: string;
  stream: string;
}

/** A hand-made publisher: handshake, connect with these texts, createStream, publish; resolves once NetStream.Publish.Start came. */
export async function rawPublish(port: number, t: PublishTexts): Promise<Socket> {
  const s = await handshaken(port);
  s.write(chunked(3, 20, encodeAmf0('connect', 1, { app: t.app, tcUrl: t.tcUrl, flashVer: t.flashVer })));
  if (!(await readUntil(s, 'NetConnection.Connect.Success'))) throw new Error('connect not answered');
  s.write(chunked(3, 20, encodeAmf0('createStream', 2, null)));
  if (!(await readUntil(s, '_result'))) throw new Error('createStream not answered');
  s.write(chunked(8, 20, encodeAmf0('publish', 0, null, t.stream, 'live'), { streamId: 1 }));
  if (!(await readUntil(s, 'NetStream.Publish.Start'))) throw new Error('publish not accepted');
  return s;
}
