// Benchmark `live-latency`: from a frame's arrival at the server to the moment the Live tab's video shows
// it, through the web host in Debian's Chromium (playwright-core, never a downloaded browser). ffmpeg
// publishes a 1280x720 30 fps 6 Mbit/s H.264 + AAC stream with a 2 s GOP in real time (record.mjs's source,
// looped once); a viewer joins after JOIN_MS, lets the player settle, then every presented frame is
// measured for MEASURE_MS:
//   server -> shown  = expectedDisplayTime (page clock) - server wall clock when the frame's last byte
//                      arrived (session-bytes events carry the server's read times; same machine);
//   server -> page   = when the frame reached the player (the transport: batching, readRange, parse);
//   behind newest    = newest RTMP time received - RTMP time of the frame on screen.
// Each live player preset (renderer/src/lib/player/live-presets.ts) gets its own publish and viewer in the
// same run, so they can be compared; stalls ('waiting' events) and dropped frames are what a choice costs.
// Target: the default preset under 1 s at the median (flv.js or HLS players sit at 1 to 3 s).
/* global document, localStorage */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { source } from './record.mjs';
import { fixed, printTable } from './report.mjs';
import { startWebHost } from './web-host.mjs';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'];
/** Presets measured, the default first (names from live-presets.ts; its storage key below). */
const PRESETS = ['low', 'lowest', 'segments'];
const PRESET_KEY = 'bitlens.live-preset';
const TARGET_MS = 1000;
/** The viewer joins a stream that has been running this long (as a person opening the tab would). */
const JOIN_MS = 7000;
/** Playback settles (start-up, catch-up to the target latency) before measuring. */
const SETTLE_MS = 5000;
const MEASURE_MS = 15000;
const VIDEO = '[data-testid=live-player-slot] video';

export const needsBuild = true;

/** @param {{ root: string }} ctx */
export async function run({ root }) {
  if (!existsSync(CHROMIUM)) {
    console.error(`live-latency: ${CHROMIUM} is missing (apt-get install -y chromium)`);
    return { ok: false };
  }
  if (!ensureRendererBuild(root)) return { ok: false };
  const src = source();
  const { chromium } = await import('playwright-core');
  const host = await startWebHost(root, 'live-latency');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const rows = [];
  let ok = true;
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const admin = await context.newPage();
    await admin.goto(host.url);
    const port = await startServer(admin);
    console.log(`live-latency: ${relative(root, src)} (1280x720 30 fps, 6 Mbit/s, GOP 2 s, AAC) published by ffmpeg -re to ${host.url.replace(/\?.*/, '')} at rtmp port ${port}; ` +
      `viewer joins after ${JOIN_MS / 1000} s, settles ${SETTLE_MS / 1000} s, measured ${MEASURE_MS / 1000} s; Chromium headless, software decode`);
    for (const preset of PRESETS) {
      const r = await measurePreset(context, host.url, port, src, preset);
      if (!r) {
        ok = false;
        continue;
      }
      rows.push(r);
    }
    await admin.close();
  } finally {
    await browser.close();
    await host.close();
  }
  printTable(
    ['preset', 'frames', 'server->shown median ms', 'p95 ms', 'server->page median ms', 'p95 ms', 'behind newest median ms', 'stalls', 'stalled ms', 'dropped'],
    rows.map((r) => [r.preset, String(r.frames), fixed(r.latency.median), fixed(r.latency.p95), fixed(r.transport.median), fixed(r.transport.p95), fixed(r.behind.median), String(r.stalls), fixed(r.stalledMs), `${r.dropped}/${r.decoded}`]),
  );
  const main = rows.find((r) => r.preset === PRESETS[0]);
  if (main) console.log(`target  ${PRESETS[0]}: median ${fixed(main.latency.median)} ms from server arrival to display (target < ${TARGET_MS} ms): ${main.latency.median < TARGET_MS ? 'met' : 'NOT MET'}`);
  return { ok };
}

async function measurePreset(context, url, port, src, preset) {
  const stream = `bench-${preset}`;
  const ff = spawn('ffmpeg', ['-v', 'error', '-nostdin', '-re', '-stream_loop', '1', '-i', src, '-c', 'copy', '-f', 'flv', `rtmp://127.0.0.1:${port}/live/${stream}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let ffErr = '';
  ff.stderr.on('data', (d) => (ffErr += d));
  const exited = new Promise((r) => ff.on('close', r));
  let page;
  try {
    await sleep(JOIN_MS);
    page = await context.newPage();
    await page.addInitScript(([key, value]) => localStorage.setItem(key, value), [PRESET_KEY, preset]);
    await page.goto(url);
    await page.getByRole('tab', { name: /Live/ }).click();
    await page.getByRole('listbox', { name: 'Live sessions' }).getByRole('option').filter({ hasText: `live/${stream}` }).click();
    await page.waitForSelector(VIDEO, { timeout: 10_000 });
    await page.evaluate((selector) => {
      const v = document.querySelector(selector);
      const m = { frames: [], stalls: 0, stalledMs: 0, since: -1, on: false };
      globalThis.__bench = m;
      v.addEventListener('bitlens-live-frame', (e) => m.on && m.frames.push(e.detail));
      v.addEventListener('waiting', () => {
        if (!m.on) return;
        m.stalls++;
        m.since = performance.now();
      });
      v.addEventListener('playing', () => {
        if (m.since >= 0) m.stalledMs += performance.now() - m.since;
        m.since = -1;
      });
    }, VIDEO);
    await sleep(SETTLE_MS);
    const q0 = await quality(page);
    await page.evaluate(() => (globalThis.__bench.on = true));
    await sleep(MEASURE_MS);
    const m = await page.evaluate(() => {
      const b = globalThis.__bench;
      b.on = false;
      if (b.since >= 0) b.stalledMs += performance.now() - b.since;
      return b;
    });
    const q1 = await quality(page);
    const status = await page.locator('[aria-label="Live player"]').getAttribute('data-status');
    const frames = m.frames.filter((f) => typeof f.serverAt === 'number');
    console.log(`  ${preset}: ${frames.length} frames measured (player ${status}${q1.error ? `, ${q1.error}` : ''})`);
    if (frames.length < 10 || q1.error) return null;
    return {
      preset,
      frames: frames.length,
      latency: stats(frames.map((f) => f.shownAt - f.serverAt)),
      transport: stats(frames.map((f) => f.receivedAt - f.serverAt)),
      behind: stats(frames.map((f) => f.newestPts - f.pts)),
      stalls: m.stalls,
      stalledMs: m.stalledMs,
      dropped: q1.dropped - q0.dropped,
      decoded: q1.total - q0.total,
    };
  } catch (e) {
    console.log(`  ${preset}: failed: ${e instanceof Error ? e.message : e}${ffErr ? ` (ffmpeg: ${ffErr.trim()})` : ''}`);
    return null;
  } finally {
    await page?.close();
    if (ff.exitCode === null) ff.kill('SIGTERM');
    await exited;
  }
}

function quality(page) {
  return page.evaluate((selector) => {
    const v = document.querySelector(selector);
    const q = v.getVideoPlaybackQuality();
    return { total: q.totalVideoFrames, dropped: q.droppedVideoFrames, error: v.error ? `MediaError ${v.error.code} ${v.error.message}` : null };
  }, VIDEO);
}

async function startServer(page) {
  await page.getByRole('tab', { name: /Live/ }).click();
  await page.getByLabel('Port').fill('0');
  await page.getByRole('button', { name: 'Start server' }).click();
  const state = page.getByTestId('server-state');
  for (let i = 0; i < 100 && !/Listening on .*:\d+/.test((await state.textContent()) ?? ''); i++) await sleep(100);
  const m = /:(\d+)/.exec((await state.textContent()) ?? '');
  if (!m) throw new Error('live-latency: the RTMP server did not start');
  return Number(m[1]);
}

function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p95: at(0.95) };
}

/** dist/renderer must be built from the current sources: rebuilt when missing or older than them. */
function ensureRendererBuild(root) {
  const index = join(root, 'dist/renderer/index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const newest = Math.max(newestIn(join(root, 'renderer')), newestIn(join(root, 'media')));
  if (built >= newest || process.argv.includes('--no-build')) return built > 0;
  const build = spawnSync('npm', ['run', '--silent', 'build:renderer'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  return build.status === 0 || built > 0;
}

function newestIn(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && !e.parentPath.includes('node_modules')) newest = Math.max(newest, statSync(join(e.parentPath, e.name)).mtimeMs);
  }
  return newest;
}
