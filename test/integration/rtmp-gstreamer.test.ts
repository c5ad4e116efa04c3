/** GStreamer's rtmp2sink and librtmp-based rtmpsink (what OBS uses) publish to the RTMP server. .ci/run installs GStreamer. */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { RtmpServer } from '../../electron/services/rtmp/rtmp-server.js';
import { hasCommand, recordSessions, startServer } from '../helpers/rtmp.js';

let server: RtmpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function gstLaunch(pipeline: string, timeoutMs = 30_000): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn('gst-launch-1.0', ['-q', ...pipeline.split(' ')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('GStreamer publishing', () => {
  it('has gst-launch-1.0 installed (apt-get install gstreamer1.0-tools and the plugin sets)', () => {
    expect(hasCommand('gst-launch-1.0')).toBe(true);
  });

  it.each(['rtmp2sink', 'rtmpsink'])('%s publishes H.264 and AAC that the session reads', async (sink) => {
    const s = await startServer();
    server = s.server;
    const sessions = recordSessions(server);
    const r = await gstLaunch(
      `videotestsrc num-buffers=50 ! video/x-raw,width=320,height=240,framerate=25/1 ! x264enc key-int-max=25 ! h264parse ! flvmux name=m streamable=true ! ${sink} location=rtmp://127.0.0.1:${s.port}/live/gst ` +
        'audiotestsrc num-buffers=40 ! audioconvert ! voaacenc ! aacparse ! m.',
    );
    expect(r.out).not.toMatch(/ERROR/);
    expect(sessions).toHaveLength(1);
    const { session, tags } = sessions[0]!;
    if (!session.ended) await Promise.race([sessions[0]!.ended, new Promise((resolve) => setTimeout(resolve, 3000))]);
    session.flush();
    expect(session.info).toMatchObject({ app: 'live', stream: 'gst' });
    expect(session.info.video).toMatchObject({ codec: 'avc1', width: 320, height: 240 });
    const packets = tags.flatMap((t) => t.packets);
    expect(packets.filter((p) => p.kind === 'video')).toHaveLength(50);
    expect(packets.filter((p) => p.kind === 'audio').length).toBeGreaterThan(30);
  });
});
