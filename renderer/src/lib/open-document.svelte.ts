import type { Field, Node } from '../../../media/model/types.js';
import type { ByteSource } from '../../../media/source/byte-source.js';
import { DocIndex, fieldAtIn, type DiagnosticEntry } from './doc-index.js';
import { CancelledError, startParse, type DocumentSession, type ParseJob, type ParseProgress } from './parse-client.js';
import { fieldAt, fieldBytes, fieldKey, nodeAt, nodeKey, prefixes, type FieldPath, type NodePath } from './paths.js';
import { Selection } from './selection.svelte.js';
import { initialExpansion } from './tree-rows.js';
import { emulationPreventionBytes } from '../workers/skeleton.js';
import type { ParseInput, WireDocument } from './worker-protocol.js';

export type DocumentOrigin = 'file' | 'path' | 'sample' | 'paste';
export type BottomTab = 'samples' | 'charts' | 'diagnostics';

export interface DocumentInit {
  name: string;
  origin: DocumentOrigin;
  /** Where it came from, shown as the tab's tooltip (a path, "sample", "pasted C array"). */
  detail: string;
  /** What the worker parses. */
  input: ParseInput;
  /** The same bytes for the window's views (cached). */
  source: ByteSource;
  /** Answers the worker's range reads when `input` is remote. */
  remote?: ByteSource;
  /** Called when the tab closes (closes a remote file). */
  close?: () => Promise<void>;
}

let nextId = 1;

/** First index of the node paths inside the opened sample (see `sample`). */
export const SAMPLE_ROOT = -1;

/** One open document: its bytes, its parse, its tree expansion and its selection. */
export class OpenDocument {
  readonly id = nextId++;
  readonly name: string;
  readonly origin: DocumentOrigin;
  readonly detail: string;
  readonly source: ByteSource;
  status = $state<'parsing' | 'ready' | 'failed' | 'cancelled'>('parsing');
  progress = $state.raw<ParseProgress>({ done: 0, total: 0, stage: 'Starting' });
  error = $state('');
  doc = $state.raw<WireDocument | null>(null);
  index = $state.raw<DocIndex | null>(null);
  millis = $state(0);
  /** Top-level nodes still stubs (big documents): their fields and children are fetched when needed. */
  lazy = $state.raw<ReadonlySet<number>>(new Set());
  /** Bumped when stubs are replaced by whole nodes (the tree array is changed in place). */
  treeVersion = $state(0);
  /**
   * The packet opened into NAL units / AAC elements (the last sample chosen). The tree shows it first,
   * under the node path [-1], and clicks on its bytes select its fields.
   */
  sample = $state.raw<{ packet: number; node: Node } | null>(null);
  /** Sorted offsets of every emulation-prevention byte known: the tree's and the opened sample's. */
  readonly emulationPrevention = $derived.by((): Float64Array => {
    const base = this.doc?.emulationPrevention ?? new Float64Array(0);
    if (!this.sample) return base;
    const extra = emulationPreventionBytes([this.sample.node]);
    if (!extra.length) return base;
    const all = new Float64Array(base.length + extra.length);
    all.set(base);
    all.set(extra, base.length);
    return all.sort();
  });
  /** Packets whose format does not expand, so a click on them selects the packet instead. */
  private readonly unexpandable = new Set<number>();
  /** Keys (paths.ts) of the open tree rows. */
  expanded = $state.raw<ReadonlySet<string>>(new Set());
  filter = $state('');
  bottomTab = $state<BottomTab>('samples');
  /** The hex view's open tool bar (Ctrl+G, Ctrl+F). */
  tool = $state<'find' | 'goto' | null>(null);
  readonly selection = new Selection();
  private job: ParseJob | undefined;
  private session: DocumentSession | undefined;
  private readonly loading = new Map<number, Promise<void>>();

  constructor(private readonly init: DocumentInit) {
    this.name = init.name;
    this.origin = init.origin;
    this.detail = init.detail;
    this.source = init.source;
    this.parse();
  }

  get size(): number {
    return this.source.size;
  }

  /** The worker that parsed the document, once parsed (the player asks it for the remuxed fragments). */
  get worker(): DocumentSession | undefined {
    return this.session;
  }

  parse(): void {
    this.status = 'parsing';
    this.error = '';
    this.progress = { done: 0, total: this.size, stage: 'Starting' };
    const job = startParse(this.init.input, this.name, (p) => (this.progress = p), this.init.remote);
    this.job = job;
    job.result.then(
      ({ document, millis, session }) => {
        if (this.job !== job) return;
        this.session = session;
        this.lazy = new Set(document.lazy);
        this.doc = document;
        this.index = new DocIndex(document);
        this.millis = millis;
        this.expanded = initialExpansion(document.tree);
        this.status = 'ready';
        if (document.packets.count === 0 && this.index.diagnostics.length > 0) this.bottomTab = 'diagnostics';
      },
      (e: unknown) => {
        if (this.job !== job) return;
        if (e instanceof CancelledError) this.status = 'cancelled';
        else {
          this.status = 'failed';
          this.error = e instanceof Error ? e.message : String(e);
        }
      },
    );
  }

  cancel(): void {
    this.job?.cancel();
  }

  dispose(): void {
    this.job?.cancel();
    this.job = undefined;
    this.session = undefined;
    void this.init.close?.().catch(() => {});
  }

  /** Replaces the stubs among these top-level nodes by the whole nodes from the worker. */
  ensureLoaded(indices: number[]): Promise<void> {
    const wanted = [...new Set(indices)].filter((i) => this.lazy.has(i));
    const waits = wanted.filter((i) => this.loading.has(i)).map((i) => this.loading.get(i)!);
    const fresh = wanted.filter((i) => !this.loading.has(i));
    if (fresh.length && this.session && this.doc) {
      const tree = this.doc.tree;
      const load = this.session.loadNodes(fresh).then((nodes) => {
        if (nodes.length !== fresh.length) return;
        fresh.forEach((i, k) => (tree[i] = nodes[k]!));
        const rest = new Set(this.lazy);
        for (const i of fresh) rest.delete(i);
        this.lazy = rest;
        this.treeVersion++;
      });
      const done = load.catch(() => {}).finally(() => fresh.forEach((i) => this.loading.delete(i)));
      for (const i of fresh) this.loading.set(i, done);
      waits.push(done);
    }
    return Promise.all(waits).then(() => {});
  }

  /** Tables whose next entries are being read again (keys of the table fields). */
  loadingEntries = $state(new Set<string>());
  /** Why a table's next entries could not be read, by table field key. */
  entriesFailed = $state(new Map<string, string>());

  /** Lists the next `count` entries of a long table, read again from the file by the worker. */
  async loadMoreEntries(nodePath: NodePath, fieldPath: FieldPath, count: number): Promise<void> {
    const key = fieldKey(nodePath, fieldPath);
    const node = this.node(nodePath);
    const field = node ? fieldAt(node, fieldPath) : undefined;
    if (!this.session || !field?.omitted || this.loadingEntries.has(key)) return;
    this.loadingEntries = new Set([...this.loadingEntries, key]);
    try {
      const entries = await this.session.loadEntries([...nodePath], [...fieldPath], count);
      // The field objects are the tree's own (immutable elsewhere); the version bump redraws the rows.
      field.fields = [...(field.fields ?? []), ...entries];
      field.omitted -= entries.length;
      this.treeVersion++;
    } catch (e) {
      this.entriesFailed = new Map([...this.entriesFailed, [key, e instanceof Error ? e.message : String(e)]]);
    } finally {
      const rest = new Set(this.loadingEntries);
      rest.delete(key);
      this.loadingEntries = rest;
    }
  }

  /** Loads the stubs whose subtree matches a filter query, so the tree's filter finds names inside them. */
  async searchLazy(query: string): Promise<void> {
    if (!this.lazy.size || !this.session || !query.trim()) return;
    const hits = await this.session.search(query, 400).catch(() => []);
    await this.ensureLoaded(hits.filter((i) => this.lazy.has(i)).slice(0, 200));
  }

  toggle(key: string, open?: boolean): void {
    const top = Number(key);
    if (this.lazy.has(top)) {
      void this.ensureLoaded([top]).then(() => this.toggle(key, open));
      return;
    }
    const next = new Set(this.expanded);
    if (open ?? !next.has(key)) next.add(key);
    else next.delete(key);
    this.expanded = next;
  }

  node(path: NodePath | null): Node | undefined {
    if (!path || !this.doc) return undefined;
    if (path[0] === SAMPLE_ROOT) return this.sample ? nodeAt([this.sample.node], [0, ...path.slice(1)]) : undefined;
    return nodeAt(this.doc.tree, path);
  }

  /** Reads packet `i` into NAL units or AAC elements in the worker and shows it at the top of the tree. */
  async openSample(packet: number): Promise<boolean> {
    if (this.sample?.packet === packet) return true;
    if (!this.session || this.unexpandable.has(packet)) return false;
    try {
      const node = await this.session.expandSample(packet);
      const next = new Set([...this.expanded].filter((k) => !k.startsWith(`${SAMPLE_ROOT}`)));
      next.add(String(SAMPLE_ROOT));
      this.expanded = next;
      this.sample = { packet, node };
      this.treeVersion++;
      return true;
    } catch {
      this.unexpandable.add(packet);
      return false;
    }
  }

  field(nodePath: NodePath | null, path: FieldPath | null): Field | undefined {
    const node = this.node(nodePath);
    return node && path ? fieldAt(node, path) : undefined;
  }

  /** Opens every ancestor row of a node (and of a field inside it) so the tree can show it. */
  private revealInTree(nodePath: NodePath, fieldPath: FieldPath | null): void {
    const next = new Set(this.expanded);
    for (const p of prefixes(nodePath)) if (p.length) next.add(nodeKey(p));
    if (fieldPath) {
      next.add(nodeKey(nodePath));
      for (const p of prefixes(fieldPath)) if (p.length) next.add(fieldKey(nodePath, p));
    }
    this.expanded = next;
  }

  private setRange(start: number, end: number, cursor = start): void {
    const s = this.selection;
    s.start = start;
    s.end = end;
    s.cursor = Math.max(0, Math.min(cursor, Math.max(0, this.size - 1)));
    s.anchor = s.cursor;
  }

  /** The sample whose bytes are exactly or wholly around [start, end), or -1. */
  private packetHolding(start: number, end: number): number {
    const i = this.index?.packetAt(start) ?? -1;
    if (i < 0) return -1;
    const p = this.doc!.packets;
    return end <= p.offset[i]! + p.size[i]! ? i : -1;
  }

  selectNode(path: NodePath, reveal = true): void {
    if (path.length && this.lazy.has(path[0]!)) {
      void this.ensureLoaded([path[0]!]).then(() => this.selectNode(path, reveal));
      return;
    }
    const node = this.node(path);
    if (!node) return;
    const s = this.selection;
    s.clear();
    s.node = path;
    this.setRange(node.start, node.end);
    s.packet = this.packetHolding(node.start, node.end);
    if (reveal) this.revealInTree(path, null);
    s.reveal++;
  }

  selectField(nodePath: NodePath, fieldPath: FieldPath, cursor?: number): void {
    const f = this.field(nodePath, fieldPath);
    if (!f) return;
    const s = this.selection;
    const { start, end } = fieldBytes(f);
    s.clear();
    s.node = nodePath;
    s.field = fieldPath;
    s.bits = f.bitLength > 0 ? { offset: f.bitOffset, length: f.bitLength, ...(f.ownBits !== undefined ? { own: f.ownBits } : {}) } : null;
    this.setRange(start, end, cursor ?? start);
    s.packet = this.packetHolding(start, end);
    this.revealInTree(nodePath, fieldPath);
    s.reveal++;
  }

  /** A click on a byte: the deepest field holding it, or the sample when the byte is media data. */
  selectByte(offset: number): void {
    const top = this.index?.nodePathAt(offset)[0];
    if (top !== undefined && this.lazy.has(top)) {
      void this.ensureLoaded([top]).then(() => this.selectByte(offset));
      return;
    }
    // Media data: open the sample holding the byte and choose the field inside it (a NAL unit's, an AAC element's).
    const inPacket = this.index?.packetAt(offset) ?? -1;
    if (inPacket >= 0 && this.sample?.packet !== inPacket && !this.unexpandable.has(inPacket)) {
      void this.openSample(inPacket).then(() => this.selectByte(offset));
      return;
    }
    if (this.sample && offset >= this.sample.node.start && offset < this.sample.node.end) {
      const at = fieldAtIn([this.sample.node], offset);
      if (at.field) {
        this.selectField([SAMPLE_ROOT, ...at.node.slice(1)], at.field, offset);
        return;
      }
    }
    if (!this.index) {
      this.selection.clear();
      this.setRange(offset, offset + 1);
      this.selection.reveal++;
      return;
    }
    const at = this.index.fieldAt(offset);
    const packet = this.index.packetAt(offset);
    const field = at.field ? this.field(at.node, at.field) : undefined;
    const p = this.doc!.packets;
    if (packet >= 0 && (!field || fieldBytes(field).end - fieldBytes(field).start > p.size[packet]!)) {
      this.selectPacket(packet, offset);
      return;
    }
    if (at.field) this.selectField(at.node, at.field, offset);
    else if (at.node.length) {
      this.selectNode(at.node);
      this.selection.cursor = offset;
    } else {
      this.selection.clear();
      this.setRange(offset, offset + 1);
      this.selection.reveal++;
    }
  }

  /** Shift-click or shift-arrow: bytes from the anchor to `offset`, no field. */
  extendTo(offset: number): void {
    const s = this.selection;
    const o = Math.max(0, Math.min(offset, this.size - 1));
    const anchor = s.anchor;
    s.clear();
    s.start = Math.min(anchor, o);
    s.end = Math.max(anchor, o) + 1;
    s.cursor = o;
    s.node = this.index?.nodePathAt(s.start) ?? null;
    s.reveal++;
  }

  /** Moves the cursor (arrows, page keys) without choosing a field. */
  moveCursor(offset: number): void {
    const o = Math.max(0, Math.min(offset, this.size - 1));
    const s = this.selection;
    s.clear();
    this.setRange(o, o + 1);
    s.node = this.index?.nodePathAt(o) ?? null;
    s.reveal++;
  }

  selectRange(start: number, end: number): void {
    const s = this.selection;
    s.clear();
    this.setRange(start, end);
    s.node = this.index?.nodePathAt(start) ?? null;
    s.reveal++;
  }

  selectPacket(i: number, cursor?: number): void {
    const p = this.doc?.packets;
    if (!p || i < 0 || i >= p.count) return;
    const s = this.selection;
    const start = p.offset[i]!;
    s.clear();
    this.setRange(start, start + p.size[i]!, cursor ?? start);
    s.packet = i;
    s.node = this.index?.nodePathAt(start) ?? null;
    s.reveal++;
    void this.openSample(i);
  }

  selectDiagnostic(entry: DiagnosticEntry): void {
    const top = entry.node?.[0];
    if (top !== undefined && this.lazy.has(top)) {
      void this.ensureLoaded([top]).then(() => this.selectDiagnostic(entry));
      return;
    }
    const d = entry.diagnostic;
    const s = this.selection;
    s.clear();
    this.setRange(d.start, Math.max(d.end, d.start + 1));
    s.node = entry.node ?? this.index?.nodePathAt(d.start) ?? null;
    s.diagnostic = d;
    if (s.node) this.revealInTree(s.node, null);
    s.reveal++;
  }
}
