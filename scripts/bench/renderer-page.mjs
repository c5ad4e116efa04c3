// What the renderer benchmark runs inside the page (installed with addInitScript before the app's
// own scripts): it notes when the web host's open request arrives and when the first structure
// tree row is in the DOM, and records requestAnimationFrame deltas in named segments.
// Everything is kept on `globalThis.__bench` and read back with page.evaluate.

// These functions run in the page (page.evaluate, addInitScript), where the DOM globals exist.
/* global document, MutationObserver, requestAnimationFrame */

/** Installed before the page's scripts; serialised by playwright, so it must not close over anything. */
export function benchInit() {
  const bench = {
    openRequestAt: null,
    /** The parse worker: created, and its finished document received (the window's side). */
    workerAt: null,
    documentAt: null,
    parseMillis: null,
    /** Range reads the worker asked the window for (the parse's, then any background reader's). */
    workerReads: 0,
    treeRowAt: null,
    treePaintedAt: null,
    frames: [],
    segment: null,
    recording: false,
    /** Bumped by each start, so a callback left from an earlier recording ends its loop. */
    generation: 0,
    last: 0,
  };
  globalThis.__bench = bench;

  // The host pushes {"event":"openRequest",...} when the page connects; our listener runs before the
  // app's onmessage because it is added in the constructor.
  const NativeSocket = globalThis.WebSocket;
  globalThis.WebSocket = class extends NativeSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        if (bench.openRequestAt === null && typeof e.data === 'string' && e.data.includes('"openRequest"')) bench.openRequestAt = performance.now();
      });
    }
  };

  const NativeWorker = globalThis.Worker;
  globalThis.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      if (bench.workerAt === null) bench.workerAt = performance.now();
      this.addEventListener('message', (e) => {
        if (e.data?.type === 'read') bench.workerReads++;
        if (bench.documentAt === null && e.data?.type === 'done') {
          bench.documentAt = performance.now();
          bench.parseMillis = e.data.millis;
        }
      });
    }
  };

  // The first row of the structure tree: noted when it enters the DOM, and again in the next
  // requestAnimationFrame callback (style, layout and paint of that frame follow at once).
  const seen = () => document.querySelector('[role="listbox"][aria-label="Structure tree"] [role="option"]');
  const observer = new MutationObserver(() => {
    if (bench.treeRowAt !== null || !seen()) return;
    bench.treeRowAt = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => (bench.treePaintedAt = performance.now()));
  });
  document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true }));

  const loop = (generation) => {
    const tick = (t) => {
      if (!bench.recording || generation !== bench.generation) return;
      if (bench.last) bench.frames.push({ segment: bench.segment, ms: t - bench.last });
      bench.last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  bench.start = (segment) => {
    bench.segment = segment;
    bench.recording = true;
    bench.last = 0;
    loop(++bench.generation);
  };
  bench.stop = () => {
    bench.recording = false;
  };
}
