// Where the Bitlens folder is, for the web host and the command line (dist/web.js, dist/cli.js, or electron/web/ under tests).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder above this module whose package.json is Bitlens's. */
export function appRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from, i = 0; i < 8; i++, dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'bitlens') return dir;
      } catch {
        // not ours; keep looking
      }
    }
    if (dirname(dir) === dir) break;
  }
  throw new Error(`cannot find the Bitlens folder above ${from}`);
}

export function appVersion(root = appRoot()): string {
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown }).version;
  return typeof version === 'string' ? version : '0.0.0';
}
