// Files named on a command line (first launch or a second instance) become an openRequest for the page.
import { isAbsolute, resolve } from 'node:path';

/**
 * The file arguments of an Electron argv: after the executable (packaged) or after the app's entry (`electron dist/main.cjs`),
 * without Chromium/Electron switches, resolved against the directory the command ran in.
 */
export function filesFromArgv(argv: readonly string[], packaged: boolean, cwd: string): string[] {
  const args = argv.slice(packaged ? 1 : 2);
  const files: string[] = [];
  let afterDashDash = false;
  for (const arg of args) {
    if (!afterDashDash && arg === '--') {
      afterDashDash = true;
      continue;
    }
    if (!afterDashDash && arg.startsWith('-')) continue;
    if (arg.length === 0 || arg.includes('\0')) continue;
    files.push(isAbsolute(arg) ? arg : resolve(cwd, arg));
  }
  return files;
}

/** Media extensions for the open dialog's filter (the same as electron-builder.yml's file associations). */
export const MEDIA_EXTENSIONS = ['mp4', 'm4v', 'm4a', 'mov', 'ismv', 'isma', 'flv', 'aac', 'ac3', 'ec3', 'h264', '264', 'ts'] as const;
