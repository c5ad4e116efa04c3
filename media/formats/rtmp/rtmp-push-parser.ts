/**
 * Incremental RTMP parsing of the client-to-server byte stream: push bytes as they arrive, get
 * nodes as soon as each structure is whole (C0, C1, C2, then one node per message, carrying its
 * chunk headers). Offsets count from the first handshake byte (plus `baseOffset`, for a capture
 * file whose stream starts after its header). The live server and a reopened capture use the same
 * parser, so both stop at the same byte when a limit is passed (`failure`).
 */
import { ANNOTATE, type Node, type ParseOptions, diagnostic, newNode } from '../../model/types.js';
import { type ChunkFailure, ChunkReader } from './chunk-reader.js';
import { type HandshakeData, readC0, readC1, readC2 } from './handshake.js';
import { ByteQueue } from '../../bits/byte-queue.js';
import { type RtmpMessageData, readMessage } from './message-body.js';
import { HANDSHAKE_SIZE, MAX_CHUNK_SIZE, MIN_CHUNK_SIZE } from './rtmp-tables.js';

export interface RtmpUnit {
  node: Node;
  /** C0, C1, C2: what the server needs to answer. */
  handshake?: HandshakeData;
  /** A whole message. */
  message?: RtmpMessageData;
}

export type RtmpPhase = 'C0' | 'C1' | 'C2' | 'chunks' | 'failed';

export class RtmpPushParser {
  phase: RtmpPhase = 'C0';
  /** Why reading stopped: the connection must close. */
  failure: ChunkFailure | undefined;
  private readonly queue = new ByteQueue();
  private readonly chunks: ChunkReader;
  /** Absolute offset of the first queued byte. */
  private pos: number;
  private total: number;
  private ended = false;

  constructor(
    private readonly options: ParseOptions = ANNOTATE,
    baseOffset = 0,
  ) {
    this.pos = baseOffset;
    this.total = baseOffset;
    this.chunks = new ChunkReader(options);
  }

  /** Absolute offset just after the last byte pushed. */
  get offset(): number {
    return this.total;
  }

  /** Absolute offset just after the last whole structure read (a handshake packet, a complete chunk). */
  get readOffset(): number {
    return this.pos;
  }

  get chunkSize(): number {
    return this.chunks.chunkSize;
  }

  push(bytes: Uint8Array): RtmpUnit[] {
    if (this.ended) throw new Error('push after end');
    this.total += bytes.length;
    if (this.phase === 'failed') return [];
    this.queue.push(bytes);
    return this.drain();
  }

  /** No more bytes: a partial structure at the end becomes a node with a diagnostic. */
  end(): RtmpUnit[] {
    if (this.ended) return [];
    this.ended = true;
    const out = this.phase === 'failed' ? [] : this.drain();
    const start = this.phase === 'failed' ? (this.failure?.end ?? this.pos) : this.pos;
    if (this.total > start) {
      const node = newNode('bytes', this.phase === 'failed' ? 'unread' : 'partial', start, this.total);
      const [code, message] = this.phase === 'failed'
        ? ['unread-after-failure', `${this.total - start} bytes after the point where reading stopped`]
        : ['stream-ends-inside-structure', `the stream ends inside ${this.phase === 'chunks' ? 'a chunk' : `handshake ${this.phase}`}`];
      node.diagnostics.push(diagnostic(this.phase === 'failed' ? 'info' : 'warning', code, message, start, this.total));
      out.push({ node });
    }
    return out;
  }

  private take(n: number): Uint8Array {
    this.pos += n;
    return this.queue.take(n);
  }

  private drain(): RtmpUnit[] {
    const out: RtmpUnit[] = [];
    const q = this.queue;
    for (;;) {
      if (this.phase === 'C0') {
        if (q.length < 1) return out;
        const start = this.pos;
        const node = readC0(this.take(1), start, this.options);
        const hs = node.data as HandshakeData;
        out.push({ node, handshake: hs });
        if (hs.version !== 3) return this.fail(out, { code: 'rtmp-version-unsupported', message: `C0 version ${hs.version}: not plain RTMP`, start, end: start + 1 });
        this.phase = 'C1';
      } else if (this.phase === 'C1' || this.phase === 'C2') {
        if (q.length < HANDSHAKE_SIZE) return out;
        const start = this.pos;
        const bytes = this.take(HANDSHAKE_SIZE);
        const node = this.phase === 'C1' ? readC1(bytes, start, this.options) : readC2(bytes, start, this.options);
        out.push({ node, handshake: node.data as HandshakeData });
        this.phase = this.phase === 'C1' ? 'C2' : 'chunks';
      } else if (this.phase === 'chunks') {
        const before = q.length;
        const result = this.chunks.read(q, this.pos);
        if (result.kind === 'need-more') return out;
        if (result.kind === 'fail') return this.fail(out, result.failure);
        this.pos += before - q.length;
        if (result.interrupted) out.push(this.unit(readMessage(result.interrupted, this.options, true)));
        if (result.message) {
          const unit = this.unit(readMessage(result.message, this.options));
          out.push(unit);
          if (!this.apply(unit, out)) return out;
        }
      } else {
        return out;
      }
    }
  }

  private unit(node: Node): RtmpUnit {
    return { node, message: node.data as RtmpMessageData };
  }

  /** Chunk size and abort messages change how the following chunks are read. */
  private apply(unit: RtmpUnit, out: RtmpUnit[]): boolean {
    const c = unit.message?.control;
    if (c?.type === 'set-chunk-size') {
      if (c.size < MIN_CHUNK_SIZE || c.size > MAX_CHUNK_SIZE) {
        const { start, end } = unit.node;
        unit.node.diagnostics.push(diagnostic('error', 'chunk-size-out-of-range', `Set Chunk Size ${c.size}: only ${MIN_CHUNK_SIZE} to ${MAX_CHUNK_SIZE} are accepted`, start, end));
        this.fail(out, { code: 'chunk-size-out-of-range', message: `Set Chunk Size ${c.size} is outside ${MIN_CHUNK_SIZE} to ${MAX_CHUNK_SIZE}`, start, end }, false);
        return false;
      }
      this.chunks.chunkSize = c.size;
    } else if (c?.type === 'abort') {
      this.chunks.abort(c.csid);
    }
    return true;
  }

  private fail(out: RtmpUnit[], failure: ChunkFailure, withNode = true): RtmpUnit[] {
    this.phase = 'failed';
    this.failure = failure;
    if (withNode) {
      const node = newNode('bytes', 'refused', failure.start, Math.max(failure.end, failure.start), failure.message);
      node.diagnostics.push(diagnostic('error', failure.code, failure.message, failure.start, failure.end));
      out.push({ node });
    }
    // What is queued is not read: it is counted by end().
    this.queue.clear();
    return out;
  }
}
