// Checks over the Node side's sources for the Electron security checklist items no runtime test can see
// (things the code must never do). See docs/security.md.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './web-host-kit.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}
const electronDir = join(ROOT, 'electron');
const files = sources(electronDir).map((f) => ({ name: relative(ROOT, f), text: readFileSync(f, 'utf8') }));

describe('Node-side sources', () => {
  it("import 'electron' only in main.ts and preload.ts", () => {
    const importers = files.filter((f) => /from 'electron'|require\('electron'\)/.test(f.text)).map((f) => f.name).sort();
    expect(importers).toEqual(['electron/main.ts', 'electron/preload.ts']);
  });

  it('never use shell.openExternal, loadFile or file:// pages, or webview/popups', () => {
    for (const f of files) {
      expect(f.text, f.name).not.toMatch(/openExternal|loadFile\(|loadURL\(\s*['"`]file:|allowpopups|webviewTag:\s*true/);
    }
  });

  it('never enable Node integration, disable isolation, sandbox or web security, or enable Blink features', () => {
    for (const f of files) {
      expect(f.text, f.name).not.toMatch(/nodeIntegration\w*:\s*true|contextIsolation:\s*false|sandbox:\s*false|webSecurity:\s*false|allowRunningInsecureContent:\s*true|experimentalFeatures:\s*true|enableBlinkFeatures:\s*['"`]\w/);
    }
  });

  it('never expose ipcRenderer (or its methods) through the context bridge', () => {
    const preload = files.find((f) => f.name === 'electron/preload.ts')!.text;
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(preload).not.toMatch(/:\s*ipcRenderer\.(on|send|invoke|sendSync)\s*[,}]/);
    expect(preload.match(/exposeInMainWorld/g)).toHaveLength(1);
  });

  it('depend on a current Electron major', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { optionalDependencies?: Record<string, string> };
    const major = Number(/(\d+)/.exec(pkg.optionalDependencies?.electron ?? '')?.[1]);
    // Raise this floor with each upgrade; Electron supports its latest three majors.
    expect(major).toBeGreaterThanOrEqual(39);
  });
});
