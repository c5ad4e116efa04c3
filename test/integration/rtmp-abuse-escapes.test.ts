/**
 * Publisher texts with terminal controls (app, stream name, flashVer, tcUrl): `bitlens serve-rtmp`
 * and `bitlens record`, run as child processes, print them escaped, so a publisher can neither
 * forge a log line nor clear or retitle the terminal, and the session info (what the Live tab and
 * the recorder get) keeps them escaped too.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnRecord, tempDir } from '../helpers/record.js';
import { recordSessions, startServer } from '../helpers/rtmp.js';
import { rawPublish } from '../helpers/rtmp-attack.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'bitlens.mjs');

// A fake end line, a screen clear, a window title (OSC ... BEL), a one-byte C1 CSI, a bidi override.
const HOSTILE = {
  app: 'live\nsession c9-s9 ended (FCUnpublish): all good',
  stream: 'cam\x1b[2J\x1b[H',
  flashVer: 'FMLE/3.0\x1b]0;owned\x07',
  tcUrl: 'rtmp://127.0.0.1/live\r\x9b31m\u202e',
};

let children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children) c.kill('SIGKILL');
  children = [];
});

/** `bitlens serve-rtmp --port 0` as a child; its stdout as raw text, and lines as they come. */
async function spawnServe(): Promise<{ port: number; output: () => string; line: (re: RegExp) => Promise<string> }> {
  const child = spawn(process.execPath, [BIN, 'serve-rtmp', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  const waiters: Array<() => void> = [];
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString('latin1'); // every byte as one character: a raw ESC or C1 byte stays visible to the checks
    for (const w of waiters.splice(0)) w();
  });
  const line = async (re: RegExp): Promise<string> => {
    for (;;) {
      const found = out.split('\n').find((l) => re.test(l));
      if (found !== undefined) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  const port = Number(/^listening on rtmp:\/\/[^:]+:(\d+)\//.exec(await line(/^listening on/))![1]);
  return { port, output: () => out, line };
}

// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

describe('publisher texts with terminal controls', () => {
  it('serve-rtmp prints them escaped, one line per event', async () => {
    const serve = await spawnServe();
    const s = await rawPublish(serve.port, HOSTILE);
    const started = await serve.line(/^session c1-s1 started/);
    expect(started).toBe(
      `session c1-s1 started: 127.0.0.1:${s.localPort} app 'live\\nsession c9-s9 ended (FCUnpublish): all good' stream 'cam\\x1b[2J\\x1b[H' (FMLE/3.0\\x1b]0;owned\\x07)`,
    );
    s.destroy();
    const ended = await serve.line(/^session c1-s1 ended/);
    expect(ended).toMatch(/^session c1-s1 ended \(connection closed by the client\): no media yet/);
    // The whole output: three lines (listening, started, ended), no raw control byte anywhere.
    expect(serve.output().split('\n').filter(Boolean)).toHaveLength(3);
    expect(serve.output()).not.toMatch(RAW_CONTROL);
    expect(serve.output()).not.toMatch(/^session c9-s9/m);
  });

  it('record prints them escaped too', async () => {
    const rec = await spawnRecord(tempDir());
    children.push(rec.child);
    const s = await rawPublish(rec.port, HOSTILE);
    s.destroy();
    const all = (): string => rec.lines.join('\n');
    while (!rec.lines.some((l) => l.startsWith('session c1-s1 ended'))) await new Promise((resolve) => rec.child.stdout!.once('data', resolve));
    expect(all()).toContain(`app 'live\\nsession c9-s9 ended (FCUnpublish): all good' stream 'cam\\x1b[2J\\x1b[H' (FMLE/3.0\\x1b]0;owned\\x07)`);
    expect(all()).not.toMatch(RAW_CONTROL);
    expect(rec.lines.filter((l) => l.startsWith('session c9-s9'))).toEqual([]);
  });

  it('the session info (Live tab events, recorder) keeps them escaped', async () => {
    const { server, port } = await startServer();
    const sessions = recordSessions(server);
    const events: string[] = [];
    server.on('live-event', (e) => events.push(JSON.stringify(e)));
    const s = await rawPublish(port, HOSTILE);
    s.destroy();
    await sessions[0]!.ended;
    await server.close();
    expect(sessions[0]!.session.info).toMatchObject({
      app: 'live\\nsession c9-s9 ended (FCUnpublish): all good',
      stream: 'cam\\x1b[2J\\x1b[H',
      encoder: 'FMLE/3.0\\x1b]0;owned\\x07',
      tcUrl: 'rtmp://127.0.0.1/live\\r\\x9b31m\\u{202e}',
    });
    // JSON escapes controls as \u00XX: none may appear (the texts were escaped before the events were made).
    expect(events.join('\n')).not.toMatch(/\\u00[0-1][0-9a-f]|\\u00[89][0-9a-f]|\\u007f|\u202e/i);
  });
});
