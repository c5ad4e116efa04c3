#!/usr/bin/env node
// Bundles the Node side (electron/) with esbuild. Entries whose source does not exist yet are skipped.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** @type {Array<{ in: string, out: string, format: 'esm' | 'cjs', external: string[], packagesExternal: boolean, splitting?: boolean }>} */
const entries = [
  // CLI and web host run under plain Node: node_modules stay external, resolved at run time.
  // Split: each command's modules load only when it runs (dynamic imports in cli.ts), so `info` starts fast.
  { in: 'electron/cli.ts', out: 'dist/cli.js', format: 'esm', external: [], packagesExternal: true, splitting: true },
  { in: 'electron/web.ts', out: 'dist/web.js', format: 'esm', external: [], packagesExternal: true },
  // Electron main process.
  { in: 'electron/main.ts', out: 'dist/main.cjs', format: 'cjs', external: ['electron'], packagesExternal: true },
  // Sandboxed preload: must be ONE self-contained file, only 'electron' may stay external.
  { in: 'electron/preload.ts', out: 'dist/preload.cjs', format: 'cjs', external: ['electron'], packagesExternal: false },
];

const started = Date.now();
let built = 0;
for (const e of entries) {
  const entry = join(root, e.in);
  if (!existsSync(entry)) {
    console.log(`build:node: skipping ${e.in} (not written yet)`);
    continue;
  }
  const out = join(root, e.out);
  await build({
    entryPoints: [entry],
    ...(e.splitting
      ? { splitting: true, outdir: dirname(out), entryNames: '[name]', chunkNames: 'chunks/[name]-[hash]' }
      : { outfile: out }),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: e.format,
    external: e.external,
    packages: e.packagesExternal ? 'external' : undefined,
    sourcemap: 'linked',
    logLevel: 'warning',
    // ESM output that bundles CJS code may call require(); give it one.
    banner:
      e.format === 'esm'
        ? { js: "import { createRequire as __bitlensCreateRequire } from 'node:module'; const require = __bitlensCreateRequire(import.meta.url);" }
        : undefined,
  });
  built++;
}
console.log(`build:node: ${built} bundle(s) in ${Date.now() - started} ms`);
