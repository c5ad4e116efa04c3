#!/usr/bin/env node
// The structure-aware fuzzer (test/fuzz/): bundles its runner and worker with esbuild into dist/fuzz/, then
// runs them. `npm run fuzz -- --seconds N [--format F] [--seed S]`; findings land in fuzz-findings/.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const out = join(root, 'dist', 'fuzz');
await build({
  entryPoints: { 'fuzz-main': join(root, 'test/fuzz/fuzz-main.ts'), 'fuzz-child': join(root, 'test/fuzz/fuzz-child.ts') },
  outdir: out,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
const args = [join(out, 'fuzz-main.mjs'), '--fixtures', join(root, 'test/fixtures'), '--worker', join(out, 'fuzz-child.mjs'), '--out', join(root, 'fuzz-findings'), ...process.argv.slice(2)];
const r = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
