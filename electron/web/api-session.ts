// One page's WebSocket: reads calls, validates them, runs them on the services, replies.
// A bad message fails only its own call; the connection stays up.
import type { RawData, WebSocket } from 'ws';
import type { LiveEvent, OpenRequest } from '../api.js';
import { isApiCall } from '../services/api-args.js';
import { ApiRefusal, errorMessage } from '../services/api-errors.js';
import type { HostCalls } from '../services/host-api.js';
import { dispatchCall } from '../services/host-api.js';
import { encodeBinaryReply, type CallMessage, type EventMessage, type ReplyMessage } from './protocol.js';

/** Calls one page may have running at once; more are refused until some finish. */
export const MAX_PENDING_CALLS = 64;

function parseCall(data: RawData, isBinary: boolean): CallMessage {
  if (isBinary) throw new ApiRefusal('calls are text frames');
  const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiRefusal('a call must be JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ApiRefusal('a call must be a JSON object');
  const m = parsed as Record<string, unknown>;
  if (typeof m.id !== 'number' || !Number.isSafeInteger(m.id) || m.id < 0) throw new ApiRefusal('a call needs an integer id >= 0');
  if (!isApiCall(m.call)) throw new ApiRefusal(`unknown call ${JSON.stringify(String(m.call)).slice(0, 80)}`);
  if (!Array.isArray(m.args)) throw new ApiRefusal('args must be an array');
  return { id: m.id, call: m.call, args: m.args };
}

/** The id of a message that failed to parse, when it has a usable one; -1 otherwise. */
function salvageId(data: RawData, isBinary: boolean): number {
  if (isBinary) return -1;
  try {
    const m: unknown = JSON.parse(Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8'));
    const id = (m as { id?: unknown } | null)?.id;
    return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : -1;
  } catch {
    return -1;
  }
}

export class ApiSession {
  private pending = 0;

  constructor(
    private readonly socket: WebSocket,
    private readonly calls: HostCalls,
    private readonly onClose: () => void,
  ) {
    socket.on('message', (data, isBinary) => void this.handle(data, isBinary));
    socket.on('close', () => this.onClose());
    socket.on('error', () => socket.terminate());
  }

  pushOpenRequest(request: OpenRequest): void {
    this.sendText({ event: 'openRequest', request } satisfies EventMessage);
  }

  pushLiveEvent(liveEvent: LiveEvent): void {
    this.sendText({ event: 'liveEvent', liveEvent } satisfies EventMessage);
  }

  private async handle(data: RawData, isBinary: boolean): Promise<void> {
    let call: CallMessage;
    try {
      call = parseCall(data, isBinary);
    } catch (e) {
      this.reply({ id: salvageId(data, isBinary), ok: false, error: errorMessage(e) });
      return;
    }
    if (this.pending >= MAX_PENDING_CALLS) {
      this.reply({ id: call.id, ok: false, error: `too many calls in progress (at most ${MAX_PENDING_CALLS})` });
      return;
    }
    this.pending++;
    try {
      const result = await dispatchCall(this.calls, call.call, call.args);
      if (result instanceof Uint8Array) this.sendBinary(encodeBinaryReply(call.id, result));
      else this.reply({ id: call.id, ok: true, result: result ?? null });
    } catch (e) {
      this.reply({ id: call.id, ok: false, error: errorMessage(e) });
    } finally {
      this.pending--;
    }
  }

  private reply(message: ReplyMessage): void {
    this.sendText(message);
  }

  private sendText(message: ReplyMessage | EventMessage): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private sendBinary(frame: Uint8Array): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(frame, { binary: true });
  }
}
