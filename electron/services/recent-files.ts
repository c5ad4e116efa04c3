// The recent-files list: a small JSON file in a directory the host chooses
// (Electron: app.getPath('userData'); web host: the OS config dir or --data; tests: a temp dir).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { RecentFile } from '../api.js';

export const MAX_RECENT_FILES = 12;
const FILE_NAME = 'recent-files.json';

interface StoredRecent {
  version: 1;
  files: RecentFile[];
}

function isRecentFile(v: unknown): v is RecentFile {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.path === 'string' && typeof r.name === 'string' && typeof r.size === 'number' && typeof r.openedAt === 'number';
}

export class RecentFiles {
  private cache: RecentFile[] | null = null;
  /** Writes go one after another, so two quick opens cannot interleave their files. */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  get file(): string {
    return join(this.dir, FILE_NAME);
  }

  /** Most recent first. A missing or damaged file is an empty list, never an error. */
  async list(): Promise<RecentFile[]> {
    if (!this.cache) this.cache = await this.load();
    return this.cache.map((f) => ({ ...f }));
  }

  async remember(path: string, size: number): Promise<void> {
    const files = await this.list();
    const entry: RecentFile = { path, name: basename(path), size, openedAt: this.now() };
    this.cache = [entry, ...files.filter((f) => f.path !== path)].slice(0, MAX_RECENT_FILES);
    const stored: StoredRecent = { version: 1, files: this.cache };
    const text = `${JSON.stringify(stored, null, 2)}\n`;
    this.writing = this.writing.then(() => this.save(text), () => this.save(text));
    await this.writing;
  }

  private async load(): Promise<RecentFile[]> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.file, 'utf8'));
      const files = (parsed as Partial<StoredRecent> | null)?.files;
      return Array.isArray(files) ? files.filter(isRecentFile).slice(0, MAX_RECENT_FILES) : [];
    } catch {
      return [];
    }
  }

  /** Write a temporary file, then rename: a crash mid-write leaves the old list, not half a file. */
  private async save(text: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, this.file);
  }
}
