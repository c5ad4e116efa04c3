/**
 * Protocol behaviour from hand-built bytes: an AMF3 command message (type 17) connect, pings,
 * acknowledgements after the client's window, deleteStream ending the session, and the wire
 * nodes and raw bytes a live session hands to the Live tab (offsets in the client byte stream).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { encodeAmf0 } from '../../media/formats/rtmp/amf0-writer.js';
import type { RtmpServer } from '../../electron/services/rtmp/rtmp-server.js';
import { RtmpPushParser, type RtmpUnit } from '../../media/formats/rtmp/rtmp-push-parser.js';
import { BULK, type Node } from '../../media/model/types.js';
import { chunked, handshaken, readBytes, recordSessions, startServer } from '../helpers/rtmp.js';

let server: RtmpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The server's messages, read with the RTMP parser behind stand-ins for S0/S1/S2. */
function serverUnits(reply: Uint8Array): RtmpUnit[] {
  const p = new RtmpPushParser(BULK);
  const prefix = new Uint8Array(1 + 2 * 1536);
  prefix[0] = 3;
  return [...p.push(prefix), ...p.push(reply)].filter((u) => u.message);
}

describe('RTMP protocol control with the server', () => {
  it('answers an AMF3 connect, pings, acknowledges, and ends the session on deleteStream', async () => {
    const s = await startServer();
    server = s.server;
    const sessions = recordSessions(server);
    const sock = await handshaken(s.port);
    const received: Buffer[] = [];
    sock.on('data', (d: Buffer) => received.push(d));
    const sent: Uint8Array[] = [];
    const send = (b: Uint8Array): void => {
      sent.push(b);
      sock.write(b);
    };
    send(chunked(2, 5, new Uint8Array([0, 0, 0x03, 0xe8]))); // Window Acknowledgement Size 1000
    send(chunked(3, 17, new Uint8Array([0x00, ...encodeAmf0('connect', 1, { app: 'live' })]))); // AMF3 command: format byte 0, then AMF0
    send(chunked(2, 4, new Uint8Array([0, 6, 0, 0, 0x30, 0x39]))); // User Control: PingRequest 12345
    send(chunked(3, 20, encodeAmf0('createStream', 2, null)));
    send(chunked(3, 20, encodeAmf0('publish', 3, null, 'ctl', 'live'), { streamId: 1 }));
    await readBytes(sock, 400, 500);
    const wire: Node[] = [];
    const data: Array<[number, number]> = [];
    sessions[0]!.session.on('wire', (nodes) => wire.push(...nodes));
    sessions[0]!.session.on('data', (bytes, offset) => data.push([offset, bytes.length]));
    const audio = new Uint8Array(300).fill(0x11);
    audio.set([0xaf, 0x01]); // AAC raw
    send(chunked(4, 8, audio, { streamId: 1, timestamp: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    send(chunked(3, 20, encodeAmf0('deleteStream', 4, null, 1)));
    expect(await sessions[0]!.ended).toBe('deleteStream');
    await new Promise((resolve) => setTimeout(resolve, 100));
    sock.destroy();

    const units = serverUnits(new Uint8Array(Buffer.concat(received)));
    const result = units.find((u) => u.message?.command?.name === '_result' && u.message.command.transactionId === 1);
    expect(result).toBeDefined();
    const pong = units.find((u) => u.message?.control?.type === 'user-control' && u.message.control.event === 7);
    expect(pong?.message?.control).toMatchObject({ timestamp: 12345 });
    const acks = units.filter((u) => u.message?.control?.type === 'acknowledgement');
    expect(acks.length).toBeGreaterThan(0);
    expect(units.find((u) => u.message?.control?.type === 'window-ack-size')).toBeDefined();
    expect(units.find((u) => u.message?.control?.type === 'set-peer-bandwidth')).toBeDefined();

    // The audio message's node is at its bytes in the client stream, which the data events cover.
    const total = 3073 + sent.slice(0, 5).reduce((n, b) => n + b.length, 0);
    const audioNode = wire.find((n) => n.name === 'audio')!;
    expect(audioNode.start).toBe(total);
    expect(data[0]![0]).toBe(total);
    expect(sessions[0]!.tags[0]!.packets[0]).toMatchObject({ kind: 'audio', dts: 20, size: 298, offset: total + 12 + 2 });
  });
});
