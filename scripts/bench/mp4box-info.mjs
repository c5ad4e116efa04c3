#!/usr/bin/env node
// The mp4box.js side of the `info` benchmark: index every sample of an MP4 the way a
// mp4box.js application does, and print the same facts as `bitlens info --json`.
// Usage: node scripts/bench/mp4box-info.mjs FILE
//
// It feeds 1 MiB chunks read from the offset mp4box.js asks for (appendBuffer returns the
// next file position it wants, so for a moov-at-end file it skips the mdat), until onReady
// fires (moov parsed, sample lists built), then walks every track's sample list.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createFile, MP4BoxBuffer } from 'mp4box';

const CHUNK = 1 << 20;

const path = process.argv[2];
if (!path) {
  console.error('usage: mp4box-info.mjs FILE');
  process.exit(2);
}

const fd = openSync(path, 'r');
const size = fstatSync(fd).size;
const mp4 = createFile(); // keepMdatData = false: sample bytes are not kept
let info = null;
mp4.onReady = (movie) => {
  info = movie;
};
mp4.onError = (module, message) => {
  console.error(`mp4box: ${module}: ${message}`);
};

// A fragmented file keeps its samples in the moofs after the moov: read on to the end then.
const needMore = () => info === null || info.isFragmented;

let offset = 0;
// Bounded: each pass either reads new bytes or jumps forward; 4x the chunk count is a generous cap.
for (let pass = 0; needMore() && pass < 4 * Math.ceil(size / CHUNK) + 4; pass++) {
  if (offset === undefined || offset >= size) break;
  const buffer = new MP4BoxBuffer(Math.min(CHUNK, size - offset));
  const got = readSync(fd, new Uint8Array(buffer), 0, buffer.byteLength, offset);
  if (got === 0) break;
  buffer.fileStart = offset;
  offset = mp4.appendBuffer(buffer, offset + got >= size);
}
mp4.flush();
closeSync(fd);

if (info === null) {
  console.error('mp4box: onReady never fired (no moov?)');
  process.exit(1);
}

const tracks = info.tracks.map((t) => {
  const samples = mp4.getTrackSamplesInfo(t.id) ?? [];
  // Walk the whole list, as an inspector listing the samples would.
  let keyframes = 0;
  let bytes = 0;
  let lastDts = 0;
  for (const s of samples) {
    if (s.is_sync) keyframes++;
    bytes += s.size;
    lastDts = s.dts + s.duration;
  }
  return {
    id: t.id,
    kind: t.type ?? (t.video ? 'video' : t.audio ? 'audio' : 'other'),
    codec: t.codec,
    samples: samples.length,
    keyframes,
    bytes,
    durationSeconds: t.timescale ? lastDts / t.timescale : null,
  };
});

console.log(
  JSON.stringify({
    format: 'mp4',
    size,
    durationSeconds: info.timescale ? info.duration / info.timescale : null,
    tracks,
  }),
);
