import type { BitlensApi, OpenedFile, RecentFile, SampleFile } from '../../../electron/api.js';
import { MemorySource } from '../../../media/source/memory-source.js';
import { getApi, inElectron, rangeToken } from './api.js';
import { OpenDocument } from './open-document.svelte.js';
import { prewarmParseWorker } from './parse-client.js';
import { BlobSource } from './sources/blob-source.js';
import { BlockCache } from './sources/block-cache.js';
import { RemoteSource } from './sources/remote-source.js';

/** The open documents (tabs), the active one, and what the first screen offers (recent files, samples). */
export class Documents {
  tabs = $state.raw<OpenDocument[]>([]);
  activeId = $state(0);
  recent = $state.raw<RecentFile[]>([]);
  samples = $state.raw<SampleFile[]>([]);
  /** A problem to show for a moment (a file that could not be opened). */
  notice = $state('');
  /** The API once connected (null while connecting or when there is none: then only local files open). */
  api = $state.raw<BitlensApi | null>(null);
  apiError = $state('');

  get active(): OpenDocument | undefined {
    return this.tabs.find((d) => d.id === this.activeId);
  }

  get electron(): boolean {
    return inElectron();
  }

  async connect(): Promise<void> {
    // The first file usually arrives with the connection (a path on the command line, a recent file).
    prewarmParseWorker();
    try {
      const api = await getApi();
      this.api = api;
      api.onOpenRequest((request) => {
        for (const path of request.paths) void this.openPath(path);
      });
      await this.refreshLists();
    } catch (e) {
      this.apiError = e instanceof Error ? e.message : String(e);
    }
  }

  async refreshLists(): Promise<void> {
    const api = this.api;
    if (!api) return;
    const [recent, samples] = await Promise.all([api.recentFiles().catch(() => []), api.sampleFiles().catch(() => [])]);
    this.recent = recent;
    this.samples = samples;
  }

  private add(doc: OpenDocument): OpenDocument {
    this.tabs = [...this.tabs, doc];
    this.activeId = doc.id;
    return doc;
  }

  activate(id: number): void {
    this.activeId = id;
  }

  close(id: number): void {
    const i = this.tabs.findIndex((d) => d.id === id);
    if (i < 0) return;
    this.tabs[i]!.dispose();
    const rest = this.tabs.filter((d) => d.id !== id);
    this.tabs = rest;
    if (this.activeId === id) this.activeId = rest[Math.min(i, rest.length - 1)]?.id ?? 0;
  }

  /** Files from a drop or a file input: read in place as Blobs, never copied whole. */
  openFiles(files: Iterable<File>): void {
    for (const file of files) {
      this.add(
        new OpenDocument({
          name: file.name || 'untitled',
          origin: 'file',
          detail: `${file.name} (local file)`,
          input: { kind: 'blob', blob: file },
          source: new BlockCache(new BlobSource(file)),
        }),
      );
    }
  }

  openBytes(name: string, bytes: Uint8Array, detail: string): OpenDocument {
    return this.add(
      new OpenDocument({ name, origin: 'paste', detail, input: { kind: 'bytes', bytes: bytes.slice(), pasted: true }, source: new MemorySource(bytes) }),
    );
  }

  private openRemote(file: OpenedFile, origin: 'path' | 'sample', detail: string, api: BitlensApi): OpenDocument {
    const source = new RemoteSource(api, file);
    return this.add(
      new OpenDocument({
        name: file.name,
        origin,
        detail,
        // The worker reads the file's range address itself where the host gives one (no hop through this thread).
        input: file.rangeUrl ? { kind: 'remote', size: file.size, url: new URL(file.rangeUrl, location.href).href, token: rangeToken() } : { kind: 'remote', size: file.size },
        source,
        remote: source,
        close: () => source.close(),
      }),
    );
  }

  /** A file the Node side already opened (a live session's bytes as a capture file): a tab like any other. */
  openOpened(file: OpenedFile, detail: string): void {
    if (this.api) this.openRemote(file, 'path', detail, this.api);
  }

  async openPath(path: string): Promise<void> {
    const api = this.api;
    if (!api) return;
    try {
      const file = await api.openPath(path);
      this.openRemote(file, 'path', file.path ?? path, api);
      void this.refreshLists();
    } catch (e) {
      this.notice = `Could not open ${path}: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  async openSample(key: string): Promise<void> {
    const api = this.api;
    if (!api) return;
    try {
      const file = await api.openSample(key);
      this.openRemote(file, 'sample', `${file.name} (sample file)`, api);
    } catch (e) {
      this.notice = `Could not open the sample: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /** The native dialog in Electron; false when the page must use its file input instead. */
  async showOpenDialog(): Promise<boolean> {
    if (!this.api || !this.electron) return false;
    const paths = await this.api.showOpenDialog();
    for (const p of paths) await this.openPath(p);
    return true;
  }
}
