// Which paths the page may open with openPath: only files the user named outside the page.
// A page that is tricked or taken over (a script injected into it, a stolen web host token) must not be able
// to read any file the user can read; it may reopen only what the user chose:
//  - files named on the command line (first launch, a second instance, `bitlens web FILE…`),
//  - files the OS handed over (macOS open-file: Finder's "Open With", the Dock icon),
//  - files picked in Electron's native open dialog (main shows it, so the paths come from the user, not the page),
//  - recent files: the list holds only paths opened through these roads (openPath records nothing else).
// Bundled samples are opened by key (openSample), never by path; dropped files are read by the page as Blobs.
import { resolve } from 'node:path';
import { ApiRefusal } from './api-errors.js';
import type { RecentFiles } from './recent-files.js';

/** Granted paths kept at most (a long-running host given many command lines forgets the oldest). */
export const MAX_GRANTED_PATHS = 4096;

export class PathGrants {
  private readonly paths = new Set<string>();

  /** Lets the page open these paths (resolved, so `a/../b` and `b` are the same grant). */
  grant(paths: Iterable<string>): void {
    for (const p of paths) {
      const key = resolve(p);
      this.paths.delete(key);
      this.paths.add(key);
      if (this.paths.size > MAX_GRANTED_PATHS) this.paths.delete(this.paths.values().next().value!);
    }
  }

  has(path: string): boolean {
    return this.paths.has(resolve(path));
  }

  /**
   * The path to open, normalised, when the user named it (granted here, or in the recent files list);
   * an ApiRefusal otherwise, which says no more than that (not whether the file exists).
   */
  async check(path: string, recent: RecentFiles): Promise<string> {
    const key = resolve(path);
    if (this.paths.has(key)) return key;
    const remembered = await recent.list().catch(() => []);
    if (remembered.some((f) => resolve(f.path) === key)) return key;
    throw new ApiRefusal('openPath: refused, only files you opened or named on the command line can be opened by path');
  }
}
