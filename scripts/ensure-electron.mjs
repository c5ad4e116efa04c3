#!/usr/bin/env node
// `electron` is an optional dependency: where its binary cannot be downloaded, npm drops the whole
// package, and with it electron.d.ts, which the electron/ layer needs to type-check.
// This puts the package back WITHOUT its binary (npm pack of the locked version from the registry,
// unpacked, install script not run). `npm start` then notices the missing binary and falls back.
// It never fails the install: on any problem it prints a note and exits 0.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'node_modules', 'electron');
if (existsSync(join(target, 'electron.d.ts'))) process.exit(0);

try {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const version = lock.packages?.['node_modules/electron']?.version ?? pkg.optionalDependencies?.electron;
  if (!version) process.exit(0);
  const tmp = mkdtempSync(join(tmpdir(), 'bitlens-electron-'));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const name = execFileSync(npm, ['pack', `electron@${version}`, '--silent', '--pack-destination', tmp], {
    cwd: tmp, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'], shell: process.platform === 'win32',
  }).trim().split('\n').pop();
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', join(tmp, name), '-C', target, '--strip-components=1'], { timeout: 60_000 });
  rmSync(tmp, { recursive: true, force: true });
  console.log(`electron ${version}: binary not installed; package files (types) restored for type-checking`);
} catch (err) {
  console.log(`electron: could not restore package files (${err instanceof Error ? err.message.split('\n')[0] : err}); electron/ type-check may fail`);
}
