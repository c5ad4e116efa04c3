#!/usr/bin/env node
// Type-checks each layer with its own tsconfig (media: ES2022 only, no Node or DOM types).
// A layer with no source files yet is skipped instead of failing with TS18003.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const svelteCheck = (() => {
  try { return require.resolve('svelte-check/bin/svelte-check'); } catch { return null; }
})();

const layers = ['media', 'electron', 'renderer', 'test'];
let failed = 0;
for (const layer of layers) {
  const project = join(root, layer, 'tsconfig.json');
  if (!existsSync(project)) { console.log(`typecheck: ${layer}: no tsconfig, skipped`); continue; }
  const r = spawnSync(process.execPath, [tsc, '-p', project, '--pretty'], { cwd: root, encoding: 'utf8' });
  const out = `${r.stdout}${r.stderr}`;
  if (r.status !== 0 && /TS18003/.test(out) && !/error TS(?!18003)/.test(out)) {
    console.log(`typecheck: ${layer}: no source files yet, skipped`);
    continue;
  }
  process.stdout.write(out);
  if (r.status !== 0) { failed++; console.log(`typecheck: ${layer}: FAILED`); } else console.log(`typecheck: ${layer}: ok`);
}
// .svelte components: svelte-check with the renderer's config.
if (svelteCheck && existsSync(join(root, 'renderer/tsconfig.json'))) {
  const r = spawnSync(process.execPath, [svelteCheck, '--tsconfig', join(root, 'renderer/tsconfig.json'), '--workspace', join(root, 'renderer'), '--fail-on-warnings', '--output', 'human'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) { process.stdout.write(`${r.stdout}${r.stderr}`); failed++; console.log('typecheck: svelte components: FAILED'); }
  else console.log('typecheck: svelte components: ok');
}
process.exit(failed ? 1 : 0);
