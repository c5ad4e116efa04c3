import { BitstreamError, OutOfData } from '../../bits/errors.js';
import type { NalContext } from './nal-context.js';
import { SEI_PAYLOAD_TYPES } from './names.js';
import type { AvcParameterSets } from './parameter-sets.js';
import { payloadBytes, readBufferingPeriod, readPicTiming, readRecoveryPoint, readUserDataUnregistered } from './sei-payloads.js';
import { readUserDataRegistered } from './sei-t35.js';

/** Bounds the message loop of a hostile NAL unit (each message takes at least 2 bytes anyway). */
const MAX_MESSAGES = 4096;

/** Reads payloadType or payloadSize: 0xFF bytes each add 255, the last byte ends it (7.3.2.3.1). */
function extensibleValue(ctx: NalContext, last: string): number {
  const r = ctx.r;
  let value = 0;
  while (r.bitsLeft >= 8 && r.cursor.data[r.pos >>> 3] === 0xff) {
    r.u8('ff_byte');
    value += 255;
  }
  return value + r.u8(last);
}

/** Reads one sei_payload() of the given payloadType within its limit (H.264 and HEVC differ here). */
export type SeiPayloadReader = (ctx: NalContext, payloadType: number) => void;

/** H.264's payloads (Annex D): timing ones read the SPS from the store. */
export function avcSeiPayload(store: AvcParameterSets): SeiPayloadReader {
  return (ctx, type) => readPayload(ctx, store, type);
}

function readPayload(ctx: NalContext, store: AvcParameterSets, type: number): void {
  switch (type) {
    case 0: return readBufferingPeriod(ctx, store);
    case 1: return readPicTiming(ctx, store);
    case 4: return readUserDataRegistered(ctx);
    case 5: return readUserDataUnregistered(ctx);
    case 6: return readRecoveryPoint(ctx);
    default: return payloadBytes(ctx, 'reserved_sei_message_payload_byte');
  }
}

/** sei_message() (7.3.2.3.1) and sei_payload() (D.1.1), each message a group named by its payload. */
function readMessage(ctx: NalContext, payload: SeiPayloadReader, index: number, names: Readonly<Record<number, string>>): void {
  const r = ctx.r;
  r.group(`sei_message[${index}]`, () => {
    const type = extensibleValue(ctx, 'last_payload_type_byte');
    const name = names[type] ?? 'reserved_sei_message';
    ctx.show(name);
    const sizeAt = r.pos;
    let size = extensibleValue(ctx, 'last_payload_size_byte');
    if (size * 8 > r.bitsLeft) {
      // Spans the rest of the NAL unit: that is what the payload claims and does not have.
      ctx.report('error', 'sei-payload-exceeds-nal', `payloadSize ${size} runs past the NAL unit (${r.bytesLeft} bytes left)`, sizeAt, r.pos + r.bitsLeft);
      size = r.bytesLeft;
    }
    const end = r.pos + size * 8;
    const saved = r.limit(end);
    const payloadAt = r.pos;
    try {
      r.group(name, () => {
        payload(ctx, type);
        // sei_payload(): a payload that ends inside a byte is padded with a one and zeros.
        if ((r.pos & 7) !== 0 && r.pos < end) {
          ctx.fixed(1, 'bit_equal_to_one', 1);
          while ((r.pos & 7) !== 0) ctx.fixed(1, 'bit_equal_to_zero', 0);
        }
        if (r.pos < end) payloadBytes(ctx, 'reserved_payload_extension_data');
      });
    } catch (e) {
      if (!(e instanceof OutOfData) && !(e instanceof BitstreamError)) throw e;
      ctx.report('error', 'truncated-sei-payload', `the ${name} payload ends before its syntax does (${e.message})`, payloadAt, end);
    } finally {
      r.restoreLimit(saved);
      r.seek(end);
    }
    return type;
  }, (type) => type, (type) => names[type] ?? 'reserved_sei_message');
}

/** sei_rbsp() (H.264 7.3.2.3, H.265 7.3.2.4): messages until only rbsp_trailing_bits remain. */
export function readSei(ctx: NalContext, payload: SeiPayloadReader, names: Readonly<Record<number, string>> = SEI_PAYLOAD_TYPES): void {
  const r = ctx.r;
  let i = 0;
  do {
    if (i >= MAX_MESSAGES) {
      ctx.report('error', 'too-many-sei-messages', `more than ${MAX_MESSAGES} SEI messages in one NAL unit`, r.pos);
      return;
    }
    readMessage(ctx, payload, i++, names);
  } while (r.cursor.moreRbspData());
  ctx.trailingBits();
}
