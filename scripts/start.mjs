#!/usr/bin/env node
// `npm start`: the desktop app when Electron's binary is there, otherwise the same UI through the web host.
// Arguments after `npm start --` are files to open.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const args = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Path of the Electron binary, or null if it is not installed. */
function electronBinary() {
  try {
    const modulePath = require.resolve('electron');
    delete require.cache[modulePath];
    const bin = require('electron');
    return typeof bin === 'string' && existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function run(cmd, cmdArgs, options = {}) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32', ...options });
  return r.status === 0;
}

/** Builds quietly; shows the build's output only if it fails. */
function build() {
  const r = spawnSync(npm, ['run', 'build', '--silent'], { cwd: root, encoding: 'utf8', shell: process.platform === 'win32' });
  if (r.status !== 0) process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
  return r.status === 0;
}

let electron = electronBinary();
if (!electron) {
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (existsSync(installer)) {
    // One more try at the download (a flaky network at `npm ci` time, say).
    run(process.execPath, [installer], { stdio: 'ignore', timeout: 60_000 });
    electron = electronBinary();
  }
}

if (!electron) {
  console.log('Electron is not available here (its binary could not be downloaded); serving Bitlens in the browser instead:');
  if (!build()) process.exit(1);
  const web = join(root, 'dist', 'web.js');
  if (!existsSync(web)) {
    console.error('The web host (dist/web.js) comes with the app; it is not built yet.');
    process.exit(1);
  }
  const child = spawn(process.execPath, [web, ...args], { cwd: root, stdio: 'inherit' });
  forward(child);
} else {
  if (!build()) process.exit(1);
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron, [join(root, 'dist', 'main.cjs'), ...args], { cwd: root, stdio: 'inherit', env });
  forward(child);
}

function forward(child) {
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
