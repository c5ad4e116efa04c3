// Drives mpegts.js's own FLVDemuxer and MP4Remuxer in Node (no player, no MSE): the FLV is read
// in chunks as its IO controller would hand them over, every init and media segment is written to
// one output file. bench/remux.mjs bundles this file with esbuild (mpegts.js ships ES sources
// that import TypeScript files) and runs the bundle as a child process.
//
//   node mpegts-remux-driver.bundle.mjs IN.flv OUT.mp4
// prints one JSON line: { audioFrames, videoFrames, bytes, ms }
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

// Minimal browser shims: the demuxer and remuxer read navigator.userAgent to pick workarounds.
// A desktop Chrome user agent takes their default paths (Chrome is what Electron runs).
globalThis.self ??= globalThis;
if (!globalThis.navigator?.userAgent) {
  Object.defineProperty(globalThis, 'navigator', {
    value: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36' },
    configurable: true,
  });
}

const { default: FLVDemuxer } = await import('mpegts.js/src/demux/flv-demuxer.js');
const { default: MP4Remuxer } = await import('mpegts.js/src/remux/mp4-remuxer.js');
const { createDefaultConfig } = await import('mpegts.js/src/config.js');
const { default: Log } = await import('mpegts.js/src/utils/logger.js');

Log.ENABLE_WARN = false;
Log.ENABLE_INFO = false;
Log.ENABLE_DEBUG = false;
Log.ENABLE_VERBOSE = false;

const [input, output] = process.argv.slice(2);
// The job's own time, from opening the input to closing the output (module loading excluded).
const started = performance.now();
/** mpegts.js's IO controller stashes about this much before handing bytes to the demuxer. */
const CHUNK = 1 << 20;

const inFd = openSync(input, 'r');
const outFd = openSync(output, 'w');
const write = (data) => writeSync(outFd, new Uint8Array(data));

const config = createDefaultConfig();
let audioFrames = 0;
let videoFrames = 0;
let bytes = 0;

const first = new Uint8Array(CHUNK);
const got = readSync(inFd, first, 0, CHUNK, 0);
const probe = FLVDemuxer.probe(first.buffer.slice(0, got));
if (!probe.match) throw new Error(`${input}: not an FLV file for mpegts.js`);
const demuxer = new FLVDemuxer(probe, config);
const remuxer = new MP4Remuxer(config);
demuxer.onError = (type, info) => {
  throw new Error(`mpegts.js demux error ${type}: ${info}`);
};
demuxer.onMediaInfo = () => {};
demuxer.onMetaDataArrived = () => {};
demuxer.onScriptDataArrived = () => {};
remuxer.bindDataSource(demuxer);
remuxer.onInitSegment = (_type, segment) => {
  write(segment.data);
  bytes += segment.data.byteLength;
};
remuxer.onMediaSegment = (type, segment) => {
  if (type === 'audio') audioFrames += segment.sampleCount;
  else videoFrames += segment.sampleCount;
  write(segment.data);
  bytes += segment.data.byteLength;
};

// Feed chunks; bytes the demuxer did not consume (a tag cut by the chunk end) go in front of the next.
let stash = new Uint8Array(0);
let stashStart = 0;
let position = 0;
for (;;) {
  const chunk = position === 0 ? first.subarray(0, got) : readChunk(position);
  if (chunk.length === 0) break;
  position += chunk.length;
  const data = new Uint8Array(stash.length + chunk.length);
  data.set(stash);
  data.set(chunk, stash.length);
  const consumed = demuxer.parseChunks(data.buffer, stashStart);
  stash = data.slice(consumed);
  stashStart += consumed;
}
remuxer.flushStashedSamples();
closeSync(inFd);
closeSync(outFd);
console.log(JSON.stringify({ audioFrames, videoFrames, bytes, ms: performance.now() - started }));

function readChunk(at) {
  const buffer = new Uint8Array(CHUNK);
  const n = readSync(inFd, buffer, 0, CHUNK, at);
  return buffer.subarray(0, n);
}
