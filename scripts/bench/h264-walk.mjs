// Benchmark `h264-walk`: every NAL unit of every video sample of the one-hour MP4, each read by
// the H.264 reader in bulk mode (record: false: NAL headers, SEI, parameter sets, slice headers),
// as media/samples does when a sample is opened. Printed next to the ceiling of any walk: a loop
// that only touches the same bytes (a sum of every sample byte) and one that only hops over the
// NAL length prefixes. In-process, one run: the file is read into memory first, so disk speed
// does not count; the MP4 index is built once and timed on its own line.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { bigMp4, mb } from './data.mjs';
import { median } from './measure.mjs';
import { fixed, printTable } from './report.mjs';

export const needsBuild = false;

/** The media/ code the walk runs, bundled on the fly (media/ is pure TypeScript: nothing stays external). */
const ENTRY = `
export { openIsoBmff } from './media/formats/isobmff/iso-bmff-format.js';
export { MemorySource } from './media/source/memory-source.js';
export { sampleContext } from './media/samples/expand-sample.js';
export { avcStoreOf, hevcStoreOf, nalLengthSize } from './media/samples/sample-context.js';
export { expandNalSample } from './media/samples/nal-sample.js';
export { BULK } from './media/model/types.js';
`;

async function loadMedia(root) {
  const dir = mkdtempSync(join(tmpdir(), 'bitlens-h264-walk-'));
  const out = join(dir, 'media.mjs');
  try {
    await build({ stdin: { contents: ENTRY, resolveDir: root, loader: 'ts' }, outfile: out, bundle: true, platform: 'neutral', format: 'esm', target: 'node20', logLevel: 'warning' });
    return await import(pathToFileURL(out).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** @param {{ root: string, runs: number }} ctx */
export async function run({ root, runs }) {
  const m = await loadMedia(root);
  const file = bigMp4();
  const bytes = new Uint8Array(readFileSync(file));
  const source = new m.MemorySource(bytes);

  let started = performance.now();
  const doc = await m.openIsoBmff(source, m.BULK);
  const indexMs = performance.now() - started;

  // The video packets and, per track, what the walk needs: the NAL length size and a parameter-set store.
  const p = doc.packets;
  const tracks = new Map();
  const video = [];
  for (let i = 0; i < p.count; i++) {
    const t = p.track[i];
    if (!tracks.has(t)) {
      const ctx = m.sampleContext(doc, i);
      const lengthSize = ctx && (ctx.codec === 'h264' || ctx.codec === 'hevc') ? m.nalLengthSize(ctx) : undefined;
      tracks.set(t, lengthSize === undefined ? null : { lengthSize, codec: ctx.codec, avc: ctx.avc, hevc: ctx.hevc });
    }
    if (tracks.get(t)) video.push(i);
  }
  const videoBytes = video.reduce((n, i) => n + p.size[i], 0);
  console.log(`h264-walk: ${relative(root, file)} (${mb(bytes.length)} MB; ${video.length} video samples, ${mb(videoBytes)} MB of them), ${runs} runs each, medians; MP4 index built in ${fixed(indexMs)} ms`);

  const sum = () => {
    let s = 0;
    for (const i of video) {
      const at = p.offset[i];
      const end = at + p.size[i];
      for (let k = at; k < end; k++) s += bytes[k];
    }
    return { check: s, nals: 0, slices: 0 };
  };
  const hop = () => {
    let nals = 0;
    for (const i of video) {
      const n = tracks.get(p.track[i]).lengthSize;
      const end = p.offset[i] + p.size[i];
      let at = p.offset[i];
      while (at + n <= end) {
        let len = 0;
        for (let k = 0; k < n; k++) len = len * 256 + bytes[at + k];
        at += n + len;
        nals++;
      }
    }
    return { check: nals, nals, slices: 0 };
  };
  const walk = () => {
    let nals = 0;
    let slices = 0;
    let problems = 0;
    // One store per track for the whole walk: in-band parameter sets replace the record's, as a decoder would.
    const stores = new Map();
    for (const [t, info] of tracks) if (info) stores.set(t, info.codec === 'h264' ? { codec: 'h264', sets: m.avcStoreOf(info.avc) } : { codec: 'hevc', sets: m.hevcStoreOf(info.hevc) });
    for (const i of video) {
      const t = p.track[i];
      const at = p.offset[i];
      const result = m.expandNalSample(bytes.subarray(at, at + p.size[i]), at, tracks.get(t).lengthSize, stores.get(t), m.BULK);
      problems += result.diagnostics.length;
      for (const node of result.nodes) {
        nals++;
        if (node.data?.slice) slices++;
        problems += node.diagnostics.length;
      }
    }
    return { check: nals, nals, slices, problems };
  };

  const loops = [
    { name: 'byte sum (ceiling)', fn: sum },
    { name: 'length-prefix hop', fn: hop },
    { name: 'NAL + slice header walk', fn: walk },
  ];
  for (const loop of loops) {
    loop.ms = [];
    loop.result = loop.fn(); // warm-up (JIT), and the counts to check
    for (let r = 0; r < runs; r++) {
      started = performance.now();
      loop.fn();
      loop.ms.push(performance.now() - started);
    }
    loop.median = median(loop.ms);
  }
  const [ceiling, hopLoop, walkLoop] = loops;
  const rows = loops.map((l) => [
    l.name,
    fixed(l.median),
    fixed((videoBytes / 1e6) / (l.median / 1000), 0),
    l.result.nals ? fixed(l.result.nals / (l.median / 1000) / 1e6, 2) : null,
    fixed(l.median / ceiling.median, 1),
  ]);
  printTable(['loop', 'ms', 'MB/s', 'M NAL units/s', 'x byte sum'], rows);
  const w = walkLoop.result;
  console.log(`walk: ${w.nals} NAL units (${w.slices} slices) in ${video.length} samples; ${w.problems} diagnostics`);

  // The walk must see what the bare hop sees, and a slice in every sample.
  let ok = true;
  if (w.nals !== hopLoop.result.nals) {
    console.log(`ERROR: the walk read ${w.nals} NAL units, the length-prefix hop found ${hopLoop.result.nals}`);
    ok = false;
  }
  if (w.slices < video.length) {
    console.log(`ERROR: ${w.slices} slice headers for ${video.length} samples`);
    ok = false;
  }
  if (w.problems > 0) console.log(`warning: ${w.problems} diagnostics on a file that should have none`);
  return { ok };
}
