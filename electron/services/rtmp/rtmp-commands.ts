/**
 * Answers to the publisher's commands, in the forms ffmpeg, OBS (librtmp) and GStreamer accept:
 * connect (_result with fmsVer/capabilities and NetConnection.Connect.Success, after Window
 * Acknowledgement Size, Set Peer Bandwidth and Set Chunk Size), releaseStream and FCPublish,
 * createStream (_result with the stream id), publish (Stream Begin and NetStream.Publish.Start,
 * or NetStream.Publish.BadName and close), FCUnpublish, deleteStream and closeStream (session end).
 * A stream command before `connect` is answered with an error and closes the connection: there is
 * no application to publish to yet, and no client sends one there.
 */
import { type AmfValue, amfGet } from '../../../media/formats/amf/amf-value.js';
import type { RtmpCommand } from '../../../media/formats/rtmp/command-message.js';
import { MSG, UC } from '../../../media/formats/rtmp/rtmp-tables.js';
import { type Amf0Out, encodeAmf0 } from '../../../media/formats/rtmp/amf0-writer.js';
import { CS_COMMAND } from '../../../media/formats/rtmp/chunk-writer.js';
import type { RtmpConnection } from './rtmp-connection.js';
import { escapeText } from '../escape-text.js';

export const SERVER_WINDOW = 2_500_000;
export const SERVER_CHUNK_SIZE = 4096;
/** E-RTMP FourCCs whose tag bodies the FLV reader understands. */
export const SUPPORTED_FOURCCS = ['avc1', 'hvc1', 'av01', 'vp09', 'vp08', 'mp4a', 'Opus', 'fLaC', '.mp3', 'ac-3', 'ec-3'];
/** Longest app, tcUrl or stream name kept (longer ones are cut). */
const MAX_TEXT = 1024;

const text = (v: AmfValue): string | undefined => (typeof v === 'string' ? v.slice(0, MAX_TEXT) : undefined);
/** A publisher's text as kept and printed. */
const shown = (v: AmfValue): string | undefined => {
  const t = text(v);
  return t === undefined ? undefined : escapeText(t);
};

/** Commands that need a connected application: answered with an error before `connect`. */
const STREAM_COMMANDS = new Set(['releaseStream', 'FCPublish', 'createStream', 'publish', 'play', 'play2', 'FCUnpublish', 'deleteStream', 'closeStream', 'receiveAudio', 'receiveVideo', 'seek', 'pause']);

function send(conn: RtmpConnection, streamId: number, ...values: Amf0Out[]): void {
  conn.write(conn.writer.message(CS_COMMAND, MSG.CommandAmf0, streamId, 0, encodeAmf0(...values)));
}

function status(conn: RtmpConnection, streamId: number, level: 'status' | 'error', code: string, description: string, extra: Record<string, Amf0Out> = {}): void {
  send(conn, streamId, 'onStatus', 0, null, { level, code, description, ...extra });
}

export function handleCommand(conn: RtmpConnection, cmd: RtmpCommand, streamId: number): void {
  const tid = cmd.transactionId;
  if (!conn.connected && STREAM_COMMANDS.has(cmd.name)) return beforeConnect(conn, cmd, streamId);
  switch (cmd.name) {
    case 'connect':
      return connect(conn, cmd);
    case 'releaseStream':
      send(conn, 0, '_result', tid, null, undefined);
      return;
    case 'FCPublish':
      send(conn, 0, 'onFCPublish', 0, null, { code: 'NetStream.Publish.Start', description: text(cmd.args[0]) ?? '' });
      return;
    case 'createStream': {
      const id = conn.createStream();
      send(conn, 0, '_result', tid, null, id);
      return;
    }
    case 'publish':
      return publish(conn, cmd, streamId);
    case 'FCUnpublish': {
      const name = text(cmd.args[0]);
      conn.endSessions('FCUnpublish', (s) => name === undefined || s.name === name);
      send(conn, 0, 'onFCUnpublish', 0, null, { code: 'NetStream.Unpublish.Success', description: name ?? '' });
      return;
    }
    case 'deleteStream': {
      const id = typeof cmd.args[0] === 'number' ? cmd.args[0] : streamId;
      conn.endSessions('deleteStream', (s) => s.streamId === id);
      conn.deleteStream(id);
      return;
    }
    case 'closeStream':
      conn.endSessions('closeStream', (s) => s.streamId === streamId);
      return;
    default:
      // Unknown or empty commands (getStreamLength, _checkbw, a null name) need no answer to publish.
      return;
  }
}

/** publish and play get a stream status error (what clients wait for), the others a call error; then the connection closes. */
function beforeConnect(conn: RtmpConnection, cmd: RtmpCommand, streamId: number): void {
  const description = `${cmd.name} before connect: connect to an application first`;
  if (cmd.name === 'publish' || cmd.name === 'play' || cmd.name === 'play2') {
    status(conn, streamId, 'error', cmd.name === 'publish' ? 'NetStream.Publish.Failed' : 'NetStream.Play.Failed', description);
  } else {
    send(conn, 0, '_error', cmd.transactionId, null, { level: 'error', code: 'NetConnection.Call.Failed', description });
  }
  conn.refuse(`${cmd.name} before connect`, true);
}

function connect(conn: RtmpConnection, cmd: RtmpCommand): void {
  const o = cmd.object;
  conn.connected = true;
  conn.app = shown(amfGet(o, 'app')) ?? '';
  const tcUrl = shown(amfGet(o, 'tcUrl'));
  if (tcUrl !== undefined) conn.tcUrl = tcUrl;
  const flashVer = shown(amfGet(o, 'flashVer'));
  if (flashVer !== undefined) conn.flashVer = flashVer;
  conn.write(conn.writer.control(MSG.WindowAckSize, SERVER_WINDOW));
  conn.write(conn.writer.control(MSG.SetPeerBandwidth, SERVER_WINDOW, 2));
  conn.write(conn.writer.control(MSG.SetChunkSize, SERVER_CHUNK_SIZE));
  conn.writer.chunkSize = SERVER_CHUNK_SIZE;
  const properties: Record<string, Amf0Out> = { fmsVer: 'FMS/3,5,7,7009', capabilities: 31, mode: 1 };
  // Enhanced RTMP: the client lists the FourCCs it may send; the answer lists those we read.
  const list = amfGet(o, 'fourCcList');
  const asked = Array.isArray(list) ? list : list && typeof list === 'object' && 'items' in list ? list.items : undefined;
  if (asked) {
    const names = asked.filter((v): v is string => typeof v === 'string');
    properties.fourCcList = names.includes('*') ? SUPPORTED_FOURCCS : names.filter((n) => SUPPORTED_FOURCCS.includes(n));
  }
  const encoding = amfGet(o, 'objectEncoding');
  send(conn, 0, '_result', cmd.transactionId, properties, {
    level: 'status',
    code: 'NetConnection.Connect.Success',
    description: 'Connection succeeded.',
    objectEncoding: typeof encoding === 'number' ? encoding : 0,
  });
}

function publish(conn: RtmpConnection, cmd: RtmpCommand, streamId: number): void {
  const name = text(cmd.args[0]) ?? '';
  if (!conn.keyMatches(name)) {
    status(conn, streamId, 'error', 'NetStream.Publish.BadName', 'the stream key is not accepted');
    conn.refuse('wrong stream key', true);
    return;
  }
  if (!conn.mayPublish()) {
    status(conn, streamId, 'error', 'NetStream.Publish.Failed', 'every publishing slot of the server is taken');
    conn.refuse('every publishing slot is taken', true);
    return;
  }
  conn.write(conn.writer.userControl(UC.StreamBegin, streamId));
  status(conn, streamId, 'status', 'NetStream.Publish.Start', `${name} is now published.`, { details: name });
  conn.startSession(name, streamId);
}
