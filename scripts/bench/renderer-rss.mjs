// Resident memory of the Chromium renderer processes this benchmark started (children of this
// Node process), read from /proc: it covers the page's main thread, its workers and the DOM, where
// the JS heap numbers cover the main thread's heap only. Linux only; null elsewhere.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Largest RSS (bytes) among our Chromium renderer processes (one page open: its renderer), or null. */
export function rendererRss() {
  if (!existsSync('/proc/self/status')) return null;
  let largest = null;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const cmdline = read(`/proc/${pid}/cmdline`);
    if (!cmdline || !cmdline.includes('--type=renderer') || cmdline.includes('--extension-process')) continue;
    if (!descendsFromUs(pid)) continue;
    const kb = Number(/VmRSS:\s+(\d+)/.exec(read(`/proc/${pid}/status`) ?? '')?.[1] ?? NaN);
    if (Number.isFinite(kb) && (largest === null || kb * 1024 > largest)) largest = kb * 1024;
  }
  return largest;
}

function descendsFromUs(pid) {
  for (let at = pid, hops = 0; at && at !== '0' && hops < 20; hops++) {
    if (Number(at) === process.pid) return true;
    at = /PPid:\s+(\d+)/.exec(read(`/proc/${at}/status`) ?? '')?.[1];
  }
  return false;
}

function read(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // the process ended meanwhile
  }
}
