import type { BitlensApi, OpenedFile } from '../../../../electron/api.js';
import { MAX_READ_RANGE } from '../../../../electron/api.js';
import type { PacketTable, TrackInfo } from '../../../../media/model/document-model.js';
import { type Diagnostic, type Node, diagnostic } from '../../../../media/model/types.js';
import { OpenDocument } from '../open-document.svelte.js';
import type { DiagnosticEntry, WireDocument } from '../worker-protocol.js';
import { DocIndex } from '../doc-index.js';
import { emulationPreventionBytes } from '../../workers/skeleton.js';
import { collectDiagnostics, dropCount, shiftKeys, shiftPath } from './live-tree.js';
import type { FromLiveWorker, LiveMediaItem, LivePacketRow, ToLiveWorker } from './live-protocol.js';
import { LiveSource } from './live-source.svelte.js';

/** Top-level nodes kept after the pinned ones (about a minute of a 25 fps stream with audio). */
export const LIVE_TREE_LIMIT = 4000;
/** Nodes before the first media message stay pinned (the handshake and the commands), at most this many. */
const MAX_PINNED = 256;
/** The views are refreshed at most this often while bytes stream in. */
const REFRESH_MS = 250;
/** Server arrival times kept (socket reads; a 6 Mbit/s stream makes a few dozen a second). */
const ARRIVALS_KEPT = 4096;

/**
 * A live session as a document: the same views as a file (tree, hex, field panel), over the session's
 * growing byte stream. Bytes are fetched from the Node side as session-bytes events announce them and parsed
 * incrementally in a worker; the tree keeps the nodes up to the publish and the newest LIVE_TREE_LIMIT after
 * them (`dropped` counts the rest, whose bytes stay readable in the hex view).
 *
 * For a player: `onMedia` delivers each track's decoder configuration (SampleDescription) and every coded
 * frame in MP4 form with its dts/pts (ms) and keyframe flag, as they arrive.
 */
export class LiveDocument extends OpenDocument {
  /** Top-level nodes dropped from the tree so far. */
  dropped = $state(0);
  /** Bytes parsed so far (the stream size the views know). */
  parsed = $state(0);
  /** No more bytes will come (the publish ended). */
  complete = $state(false);
  /** FLV tags (audio, video, data messages) seen. */
  tags = $state(0);
  readonly sessionId: string;
  private readonly live: LiveSource;
  private readonly liveWorker: Worker;
  private readonly tree: Node[] = [];
  private pinned = -1;
  private diags: DiagnosticEntry[] = [];
  private epb: number[] = [];
  private rows: LivePacketRow[] = [];
  private tracks: TrackInfo[] = [];
  private failure: Diagnostic | undefined;
  private fetched = 0;
  private target = 0;
  private endAt = -1;
  private pumping = false;
  private endSent = false;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly mediaListeners = new Set<(items: LiveMediaItem[]) => void>();
  /** [stream size after a socket read, server wall clock ms], oldest first (session-bytes events). */
  private arrivals: Array<[number, number]> = [];

  constructor(
    private readonly liveApi: BitlensApi,
    sessionId: string,
    readonly file: OpenedFile,
  ) {
    const source = new LiveSource(liveApi, file.fileId);
    super({ name: file.name, origin: 'path', detail: `live session ${sessionId} (${file.name})`, input: { kind: 'remote', size: 0 }, source, close: () => liveApi.closeFile(file.fileId) });
    this.sessionId = sessionId;
    this.live = source;
    this.liveWorker = new Worker(new URL('./live-worker.ts', import.meta.url), { type: 'module', name: 'bitlens-live' });
    this.liveWorker.onmessage = (e: MessageEvent<FromLiveWorker>) => this.received(e.data);
    this.liveWorker.onerror = (e) => {
      this.status = 'failed';
      this.error = e.message || 'the live parse worker failed';
    };
  }

  /** The live parse runs in its own worker, fed by `grow`; there is nothing to start here. */
  override parse(): void {}

  /**
   * The Node side's stream reached `size` bytes (a session-bytes event); `complete` when no more will come;
   * `arrivals` says when the server read them.
   */
  grow(size: number, complete: boolean, arrivals: ReadonlyArray<[number, number]> = []): void {
    this.arrivals.push(...arrivals);
    if (this.arrivals.length > ARRIVALS_KEPT) this.arrivals.splice(0, this.arrivals.length - ARRIVALS_KEPT);
    this.target = Math.max(this.target, size);
    if (complete) this.endAt = size;
    void this.pump();
  }

  /** Subscribes a player to the session's decoder configurations and frames; returns the unsubscribe function. */
  onMedia(listener: (items: LiveMediaItem[]) => void): () => void {
    this.mediaListeners.add(listener);
    if (this.mediaListeners.size === 1) this.send({ type: 'media', on: true });
    return () => {
      this.mediaListeners.delete(listener);
      if (this.mediaListeners.size === 0) this.send({ type: 'media', on: false });
    };
  }

  /**
   * Server wall-clock time (ms since the epoch) at which the stream had reached `end` bytes (the read that
   * brought the byte before it), or undefined when it is not known yet.
   */
  serverTimeOf(end: number): number | undefined {
    const a = this.arrivals;
    if (a.length === 0 || end > a[a.length - 1]![0]) return undefined;
    let lo = 0;
    let hi = a.length - 1;
    // The first read whose end reaches `end`.
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid]![0] >= end) hi = mid;
      else lo = mid + 1;
    }
    return a[lo]![1];
  }

  override dispose(): void {
    clearTimeout(this.refreshTimer);
    this.liveWorker.terminate();
    this.mediaListeners.clear();
    super.dispose();
  }

  private send(message: ToLiveWorker, transfer: Transferable[] = []): void {
    this.liveWorker.postMessage(message, transfer);
  }

  /** Fetches what the Node side has that the worker has not seen, in order, one request at a time. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.fetched < this.target) {
        const bytes = await this.liveApi.readRange(this.file.fileId, this.fetched, Math.min(MAX_READ_RANGE, this.target - this.fetched));
        if (bytes.length === 0) break;
        this.fetched += bytes.length;
        const copy = bytes.slice();
        this.send({ type: 'bytes', bytes: copy }, [copy.buffer]);
      }
      if (this.endAt >= 0 && this.fetched >= this.endAt && !this.endSent) {
        this.endSent = true;
        this.send({ type: 'end' });
      }
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.pumping = false;
    }
  }

  private received(m: FromLiveWorker): void {
    if (m.type === 'media') {
      for (const l of this.mediaListeners) l(m.items);
      return;
    }
    const first = this.tree.length;
    for (const node of m.nodes) {
      if (this.pinned < 0 && (node.children.some((c) => c.kind === 'tag') || this.tree.length >= MAX_PINNED)) this.pinned = this.tree.length;
      if (node.children.some((c) => c.kind === 'tag')) this.tags++;
      this.tree.push(node);
    }
    this.diags.push(...collectDiagnostics(m.nodes, first));
    for (const o of emulationPreventionBytes(m.nodes)) this.epb.push(o);
    this.rows.push(...m.packets);
    this.tracks = m.tracks;
    if (m.failure && !this.failure) this.failure = diagnostic('error', m.failure.code, `reading stopped: ${m.failure.message}`, m.failure.start, m.failure.end);
    this.parsed = m.parsed;
    this.refreshTimer ??= setTimeout(() => this.refresh(), this.status === 'parsing' ? 0 : REFRESH_MS);
  }

  /** Drops the oldest unpinned nodes beyond the limit, moving paths, keys and the selection with them. */
  private trim(): void {
    const pinned = this.pinned < 0 ? this.tree.length : this.pinned;
    const count = dropCount(this.tree.length, pinned, LIVE_TREE_LIMIT);
    if (count === 0) return;
    const gone = this.tree.splice(pinned, count);
    const keepFrom = gone[gone.length - 1]!.end;
    this.dropped += count;
    this.diags = this.diags.flatMap((e) => {
      if (!e.node) return [e];
      const node = shiftPath(e.node, pinned, count);
      return node ? [{ diagnostic: e.diagnostic, node }] : [];
    });
    const firstKept = this.tree[pinned]?.start ?? keepFrom;
    const pinnedEnd = pinned > 0 ? this.tree[pinned - 1]!.end : 0;
    const kept = (o: number): boolean => o < pinnedEnd || o >= firstKept;
    this.epb = this.epb.filter(kept);
    const before = this.rows.length;
    this.rows = this.rows.filter((r) => kept(r.offset));
    this.expanded = shiftKeys(this.expanded, pinned, count);
    const s = this.selection;
    const node = s.node ? shiftPath(s.node, pinned, count) : null;
    if (s.node && !node) s.clear();
    else if (node) s.node = node;
    if (s.packet >= 0) s.packet = Math.max(-1, s.packet - (before - this.rows.length));
  }

  private packetTable(): PacketTable {
    const n = this.rows.length;
    const t: PacketTable = { count: n, track: new Uint16Array(n), dts: new Float64Array(n), pts: new Float64Array(n), offset: new Float64Array(n), size: new Uint32Array(n), keyframe: new Uint8Array(n) };
    this.rows.forEach((r, i) => {
      t.track[i] = r.track;
      t.dts[i] = r.dts;
      t.pts[i] = r.pts;
      t.offset[i] = r.offset;
      t.size[i] = r.size;
      t.keyframe[i] = r.keyframe ? 1 : 0;
    });
    return t;
  }

  /** Publishes the grown tree to the views (a new document object; the node arrays are shared). */
  private refresh(): void {
    this.refreshTimer = undefined;
    this.trim();
    this.live.size = this.parsed;
    const diagnostics = this.failure ? [this.failure] : [];
    const doc: WireDocument = {
      format: 'rtmp',
      size: this.parsed,
      tree: [...this.tree],
      diagnostics,
      tracks: this.tracks,
      packets: this.packetTable(),
      lazy: [],
      allDiagnostics: [...diagnostics.map((d) => ({ diagnostic: d, node: null })), ...this.diags],
      emulationPrevention: Float64Array.from(this.epb),
    };
    const first = this.doc === null;
    this.doc = doc;
    this.index = new DocIndex(doc);
    this.complete = this.endSent;
    if (first) {
      // The handshake and the commands open at first sight: that is what a person looks for.
      this.expanded = new Set(this.tree.flatMap((n, i) => (n.name === 'connect' || n.name === 'publish' ? [String(i)] : [])));
      this.status = 'ready';
    }
    this.treeVersion++;
  }
}
