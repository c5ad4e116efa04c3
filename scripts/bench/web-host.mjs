// The web host as benchmarks start it: `node dist/web.js --port 0 --data TMP [FILE...]`, resolved with the
// address it prints (files given are pushed to each page that connects).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** @returns {Promise<{ url: string, close(): Promise<void> }>} */
export function startWebHost(root, name, files = []) {
  const data = mkdtempSync(join(tmpdir(), `bitlens-bench-${name}-`));
  const child = spawn(process.execPath, [join(root, 'dist/web.js'), '--port', '0', '--data', data, ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
  const close = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(data, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name}: the web host did not start: ${out}`)), 10_000);
    child.stdout.on('data', (chunk) => {
      out += chunk.toString();
      const m = /(http:\/\/\S+\?token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], close });
      }
    });
    child.stderr.on('data', (chunk) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${name}: the web host exited (${code}): ${out}`)));
  });
}
