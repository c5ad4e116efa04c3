/**
 * Incremental FLV parsing: bytes are pushed as they arrive (a live capture, a file read in windows)
 * and each tag comes out as a node, with its packets, as soon as its last byte (PreviousTagSize
 * included) is in. Offsets are absolute from the first byte pushed. Results do not depend on how
 * the bytes were chunked: every unit is read from whole arrays by the same readers.
 *
 * Bodies over MAX_LOADED_BODY are not kept: their first BODY_PREFIX bytes are read and the rest
 * is dropped as it arrives (a file driver may skip it unread, see `skipPending`).
 */
import { FieldReader } from '../../model/field-reader.js';
import { ANNOTATE, type Node, type ParseOptions, diagnostic, newNode, rangeField } from '../../model/types.js';
import { ByteQueue } from '../../bits/byte-queue.js';
import { FLV_HEADER_SIZE, peekDataOffset, readFlvHeader } from './flv-header.js';
import { type FlvPacket, type FlvStreamRef, type FlvTagData, trackKey } from './flv-tag-data.js';
import { BODY_PREFIX, MAX_LOADED_BODY, PREVIOUS_TAG_SIZE_BYTES, TAG_HEADER_SIZE, isPlausibleTag, peekTagHeader, readTag } from './flv-tag.js';

/** A packet with the index of its track in `FlvPushParser.tracks`. */
export interface IndexedPacket extends FlvPacket {
  track: number;
}

/** One complete structure: the file header, a tag, trailing or unreadable bytes. */
export interface FlvUnit {
  node: Node;
  packets: IndexedPacket[];
}

/** Where the pushed bytes begin. */
export interface FlvStreamStart {
  /** Absolute offset of the first pushed byte (default 0). */
  offset?: number;
  /** False when the bytes start at a tag (tags rebuilt from RTMP messages), not at the FLV header. */
  fileHeader?: boolean;
}

/** The unit being assembled: a fixed head, then body bytes kept, body bytes dropped, and a trailer. */
interface Pending {
  start: number;
  kind: 'header' | 'tag';
  head?: Uint8Array;
  keep: number;
  body?: Uint8Array;
  skip: number;
  skipped: number;
  tail: number;
}

export class FlvPushParser {
  /** Tracks in the order they first appear (any tag of theirs, sequence headers included). */
  readonly tracks: FlvStreamRef[] = [];
  private readonly trackIndex = new Map<string, number>();
  private readonly queue = new ByteQueue();
  /** Absolute offset of the first byte in the queue. */
  private pos = 0;
  private pending: Pending;
  /** Set once a tag header cannot be right: everything after it is counted, not read. */
  private stoppedAt: number | undefined;
  private total = 0;
  private ended = false;

  constructor(
    private readonly options: ParseOptions = ANNOTATE,
    start: FlvStreamStart = {},
  ) {
    const base = start.offset ?? 0;
    this.pos = base;
    this.total = base;
    this.pending = { start: base, kind: start.fileHeader === false ? 'tag' : 'header', keep: 0, skip: 0, skipped: 0, tail: 0 };
  }

  /** Absolute offset just after the last byte pushed or skipped. */
  get offset(): number {
    return this.total;
  }

  /** Bytes the parser would drop unread next: a file driver may skip them instead of reading them. */
  get skipPending(): number {
    if (this.stoppedAt !== undefined) return Number.POSITIVE_INFINITY;
    const p = this.pending;
    if (p.head === undefined || p.body === undefined) return 0;
    return Math.max(0, p.skip - p.skipped - this.queue.length);
  }

  push(bytes: Uint8Array): FlvUnit[] {
    if (this.ended) throw new Error('push after end');
    this.total += bytes.length;
    if (this.stoppedAt !== undefined) {
      this.pos += bytes.length;
      return [];
    }
    this.queue.push(bytes);
    return this.drain();
  }

  /** Accounts for `n` bytes the driver skipped without reading (at most `skipPending`). */
  skip(n: number): FlvUnit[] {
    const allowed = Math.min(n, this.skipPending);
    this.total += allowed;
    this.pos += allowed;
    if (this.stoppedAt === undefined) this.pending.skipped += allowed;
    return this.drain();
  }

  /** No more bytes will come: whatever is partial becomes a node with diagnostics. */
  end(): FlvUnit[] {
    if (this.ended) return [];
    this.ended = true;
    const out = this.drain();
    if (this.stoppedAt !== undefined) {
      if (this.total > this.stoppedAt) {
        const node = newNode('bytes', 'unreadable', this.stoppedAt, this.total);
        node.diagnostics.push(diagnostic('error', 'unreadable-after-bad-tag', `${this.total - this.stoppedAt} bytes after an implausible tag header are not read`, this.stoppedAt, this.total));
        out.push({ node, packets: [] });
      }
      return out;
    }
    const p = this.pending;
    if (p.head === undefined && this.queue.length === 0) return out;
    out.push(this.finishPartial(p));
    return out;
  }

  /** Completes every unit whose bytes are all in. */
  private drain(): FlvUnit[] {
    const out: FlvUnit[] = [];
    const q = this.queue;
    if (this.stoppedAt !== undefined) return out;
    for (;;) {
      const p = this.pending;
      if (p.head === undefined) {
        const headLength = p.kind === 'header' ? FLV_HEADER_SIZE : TAG_HEADER_SIZE;
        if (q.length < headLength) return out;
        p.head = this.take(headLength);
        if (!this.plan(p, out)) return out;
      }
      if (p.body === undefined) {
        if (q.length < p.keep) return out;
        p.body = this.take(p.keep);
      }
      if (p.skipped < p.skip) {
        const n = Math.min(p.skip - p.skipped, q.length);
        q.discard(n);
        this.pos += n;
        p.skipped += n;
        if (p.skipped < p.skip) return out;
      }
      if (q.length < p.tail) return out;
      const trailer = this.take(p.tail);
      out.push(this.complete(p, trailer));
      this.pending = { start: this.pos, kind: 'tag', keep: 0, skip: 0, skipped: 0, tail: 0 };
    }
  }

  private take(n: number): Uint8Array {
    this.pos += n;
    return this.queue.take(n);
  }

  /** Sizes the unit from its head; false (and a unit out) when the head is not a tag. */
  private plan(p: Pending, out: FlvUnit[]): boolean {
    const head = p.head!;
    if (p.kind === 'header') {
      p.keep = 0;
      p.skip = peekDataOffset(head) - FLV_HEADER_SIZE;
      p.tail = PREVIOUS_TAG_SIZE_BYTES;
      return true;
    }
    const h = peekTagHeader(head);
    if (!isPlausibleTag(h)) {
      out.push({ node: this.implausible(p.start, head), packets: [] });
      this.stoppedAt = this.pos;
      this.pos += this.queue.length;
      this.queue.discard(this.queue.length);
      return false;
    }
    p.keep = h.dataSize > MAX_LOADED_BODY ? BODY_PREFIX : h.dataSize;
    p.skip = h.dataSize - p.keep;
    p.tail = PREVIOUS_TAG_SIZE_BYTES;
    return true;
  }

  /** A tag header that cannot be right: its fields are shown, and the walk stops (nothing after it can be located). */
  private implausible(start: number, head: Uint8Array): Node {
    const node = newNode('tag', 'implausible tag header', start, start + TAG_HEADER_SIZE);
    const r = FieldReader.at(head, start, this.options);
    r.fields = node.fields;
    const h = peekTagHeader(head);
    r.u(2, 'Reserved');
    r.u(1, 'Filter');
    r.u(5, 'TagType', (v) => (v === 8 || v === 9 || v === 18 ? undefined : 'not audio (8), video (9) or script data (18)'));
    r.u24('DataSize');
    r.u24('Timestamp');
    r.u8('TimestampExtended');
    r.u24('StreamID');
    const why = h.reserved !== 0 ? `Reserved bits are ${h.reserved}` : `TagType ${h.tagType} is not 8, 9 or 18`;
    node.diagnostics.push(diagnostic('error', 'implausible-tag-header', `${why}: this is not a tag header; the rest of the data is not read`, start, start + TAG_HEADER_SIZE));
    return node;
  }

  private complete(p: Pending, trailer: Uint8Array): FlvUnit {
    if (p.kind === 'header') {
      return { node: readFlvHeader({ header: p.head!, extraAvailable: p.skip, trailer }, this.options), packets: [] };
    }
    const dataSize = p.keep + p.skip;
    return this.tagUnit(readTag({ start: p.start, header: p.head!, body: p.body!, bodyAvailable: dataSize, trailer }, this.options));
  }

  /** The unit in progress when the data ends, read with what there is. */
  private finishPartial(p: Pending): FlvUnit {
    const q = this.queue;
    const rest = (): Uint8Array => this.take(q.length);
    if (p.head === undefined) {
      const bytes = rest();
      if (p.kind === 'header') return { node: readFlvHeader({ header: bytes, extraAvailable: 0, trailer: new Uint8Array(0) }, this.options), packets: [] };
      const node = newNode('bytes', 'trailing bytes', p.start, p.start + bytes.length);
      if (this.options.record) node.fields.push(rangeField('data', p.start, p.start + bytes.length));
      node.diagnostics.push(diagnostic('warning', 'trailing-bytes', `${bytes.length} bytes after the last tag are too few for a tag header`, p.start, p.start + bytes.length));
      return { node, packets: [] };
    }
    let body = p.body;
    let available: number;
    let trailer: Uint8Array = new Uint8Array(0);
    if (body === undefined) {
      body = rest();
      available = body.length;
    } else if (p.skipped < p.skip) {
      available = p.keep + p.skipped + q.length;
      q.discard(q.length);
    } else {
      available = p.keep + p.skip;
      trailer = rest();
    }
    if (p.kind === 'header') {
      return { node: readFlvHeader({ header: p.head, extraAvailable: available, trailer }, this.options), packets: [] };
    }
    return this.tagUnit(readTag({ start: p.start, header: p.head, body, bodyAvailable: available, trailer }, this.options));
  }

  private tagUnit(node: Node): FlvUnit {
    const data = node.data as FlvTagData;
    for (const s of data.streams) this.indexOf(s);
    const packets = data.packets.map((pk) => ({ ...pk, track: this.indexOf(pk) }));
    return { node, packets };
  }

  private indexOf(ref: FlvStreamRef | FlvPacket): number {
    const key = trackKey(ref.kind, ref.trackId);
    let i = this.trackIndex.get(key);
    if (i === undefined) {
      i = this.tracks.length;
      this.trackIndex.set(key, i);
      const { kind, trackId, codec } = ref;
      this.tracks.push('soundRate' in ref ? { ...ref } : { kind, trackId, codec });
    }
    return i;
  }
}
