#!/usr/bin/env node
// The `bitlens` command: runs the bundled CLI (dist/cli.js, built from electron/cli.ts).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error('bitlens: dist/cli.js is missing; run `npm run build` in the Bitlens folder first.');
  process.exit(1);
}
await import(cli.href);
