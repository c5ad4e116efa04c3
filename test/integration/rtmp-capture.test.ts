/** A publish captured to .rtmpcap and reopened as a document: the RTMP layer, the FLV tags, the packets. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { infoJson, packetsJson } from '../../electron/cli/document-json.js';
import { openDocument } from '../../electron/cli/open-document.js';
import { ANNOTATE, BULK } from '../../media/model/types.js';
import { fixture } from '../helpers/fixtures.js';
import { publish, recordSessions, referenceTags, startServer } from '../helpers/rtmp.js';

describe('RTMP capture files', () => {
  it('reopen with the handshake, messages, FLV tags and the same packets as the reference FLV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bitlens-cap-'));
    const { server, port } = await startServer({ captureDir: dir });
    const sessions = recordSessions(server);
    const r = await publish(fixture('avc-aac.flv'), `rtmp://127.0.0.1:${port}/live/cap`);
    expect(r.code).toBe(0);
    await sessions[0]!.ended;
    await server.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const files = readdirSync(dir).filter((f) => f.endsWith('.rtmpcap'));
    expect(files).toHaveLength(1);
    const path = join(dir, files[0]!);
    const bytes = readFileSync(path);

    const doc = await openDocument(path, ANNOTATE);
    expect(doc.format).toBe('rtmpcap');
    expect(doc.diagnostics).toEqual([]);
    const names = doc.tree.map((n) => n.name);
    expect(names.slice(0, 4)).toEqual(['BLRC', 'C0', 'C1', 'C2']);
    expect(names).toContain('connect');
    expect(names).toContain('publish');
    expect(names).toContain('@setDataFrame');
    expect(names[names.length - 1]).toBe('BLRI');
    expect(doc.tree[2]!.title).toMatch(/digest, scheme 0/); // ffmpeg signs C1
    const connect = doc.tree.find((n) => n.name === 'connect')!;
    const app = connect.fields.find((f) => f.name === 'command object')!.fields!.find((f) => f.name === 'app')!;
    expect(app.value).toBe('live');
    // The field's bytes in the file are the AMF0 property: name "app", string marker, "live".
    const at = app.bitOffset / 8;
    expect(bytes.subarray(at, at + 2 + 3 + 1 + 2 + 4).toString('latin1')).toBe('\x00\x03app\x02\x00\x04live');

    const info = infoJson(await openDocument(path, BULK)) as { tracks: unknown[] };
    expect(info.tracks).toMatchObject([
      { kind: 'video', codec: 'avc1.42C00D', width: 320, height: 240, samples: 75 },
      { kind: 'audio', codec: 'mp4a.40.2', sampleRate: 44100, channels: 1, samples: 131 },
    ]);
    const { packets } = packetsJson(await openDocument(path, BULK));
    const ref = (await referenceTags(fixture('avc-aac.flv'))).filter((t) => t.data.packets.length > 0);
    const refPackets = ref.flatMap((t) => t.data.packets.map((p) => ({ p, body: t.body })));
    const got = packets as Array<{ dts: number; size: number; offset: number }>;
    expect(got.map((p) => [p.dts, p.size])).toEqual(refPackets.map(({ p }) => [p.dts, p.size]));
    // Each packet's offset is its first payload byte in the capture file (the codec payload ends the tag body).
    for (let i = 0; i < got.length; i++) {
      const { p, body } = refPackets[i]!;
      expect(bytes[got[i]!.offset]).toBe(body[body.length - p.size]);
    }
  });
});
