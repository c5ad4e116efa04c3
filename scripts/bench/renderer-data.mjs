// The renderer benchmark's input: a 4 GiB MP4 that takes a second to make. The structure is real
// (ftyp, an mdat with a 64-bit largesize, a moov at the end with one H.264 track of 100,000
// samples whose co64 offsets spread over the whole mdat); the media bytes are a sparse hole, so
// the file costs a few MB of disk. The sample description (stsd: avc1 + avcC) is copied from
// test/fixtures/avc-baseline-aac.mp4 so the track describes a real stream.
// Run alone to (re)build it: node scripts/bench/renderer-data.mjs
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const DATA_DIR = join(ROOT, 'bench-data');
const FIXTURE = join(ROOT, 'test/fixtures/avc-baseline-aac.mp4');
const OUT = 'sparse-4g.mp4';

export const SAMPLES = 100_000;
/** 25 fps in a 12,800 Hz timescale, as the fixture's video track: 512 ticks a frame. */
const TIMESCALE = 12_800;
const DELTA = 512;
/** A keyframe every 50 samples (a 2 s GOP). */
const GOP = 50;
/** The mdat's payload: 4 GiB, so the offsets past 2^32 need co64 and the mdat its largesize. */
const MDAT_PAYLOAD = 2 ** 32;
/** Bumped when the layout changes, so an old file in bench-data/ is rebuilt. */
const VERSION = 1;

/** Path of the 4 GiB sparse MP4, building it when missing or from an older layout. */
export function sparseMp4() {
  const out = join(DATA_DIR, OUT);
  const stamp = `${out}.v${VERSION}`;
  if (existsSync(out) && existsSync(stamp)) return out;
  mkdirSync(DATA_DIR, { recursive: true });
  const partial = join(DATA_DIR, `partial-${OUT}`);
  rmSync(partial, { force: true });
  const started = Date.now();
  const { ftyp, mdatHeader, moov } = layout();
  const fd = openSync(partial, 'w');
  try {
    writeSync(fd, ftyp, 0, ftyp.length, 0);
    writeSync(fd, mdatHeader, 0, mdatHeader.length, ftyp.length);
    // The payload is never written: truncating past it leaves a hole the file system reads as zeros.
    const moovAt = ftyp.length + mdatHeader.length + MDAT_PAYLOAD;
    ftruncateSync(fd, moovAt);
    writeSync(fd, moov, 0, moov.length, moovAt);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, out);
  closeSync(openSync(stamp, 'w'));
  console.log(`bench: built ${out} (${(statSync(out).size / 2 ** 30).toFixed(2)} GiB sparse, moov ${(moov.length / 1e6).toFixed(1)} MB) in ${Date.now() - started} ms`);
  return out;
}

/** The three parts of the file; the mdat's payload lies between the header and the moov. */
function layout() {
  const ftyp = box('ftyp', ascii('isom'), u32(0x200), ascii('isom'), ascii('iso2'), ascii('avc1'), ascii('mp41'));
  // size = 1: the real size follows as a 64-bit largesize (header 16 bytes).
  const mdatHeader = concat(u32(1), ascii('mdat'), u64(16 + MDAT_PAYLOAD));
  const mdatStart = ftyp.length + mdatHeader.length;

  // Sample sizes: keyframes four times a P frame, all filling the payload with a little slack.
  const unit = Math.floor(MDAT_PAYLOAD / (SAMPLES + (SAMPLES / GOP) * 3));
  const sizes = new Uint32Array(SAMPLES);
  for (let i = 0; i < SAMPLES; i++) sizes[i] = i % GOP === 0 ? unit * 4 : unit - (i % 7) * 16;
  const offsets = new Float64Array(SAMPLES);
  let at = mdatStart;
  for (let i = 0; i < SAMPLES; i++) {
    offsets[i] = at;
    at += sizes[i];
  }
  if (at > mdatStart + MDAT_PAYLOAD) throw new Error('renderer-data: samples overrun the mdat');

  const duration = SAMPLES * DELTA;
  const movieDuration = Math.round((duration / TIMESCALE) * 1000); // mvhd timescale 1000
  const stbl = box(
    'stbl',
    fixtureStsd(),
    full('stts', 0, 0, u32(1), u32(SAMPLES), u32(DELTA)),
    full('stss', 0, 0, u32(SAMPLES / GOP), ...Array.from({ length: SAMPLES / GOP }, (_, k) => u32(k * GOP + 1))),
    // One sample per chunk: every sample has its own co64 entry (the big table).
    full('stsc', 0, 0, u32(1), u32(1), u32(1), u32(1)),
    full('stsz', 0, 0, u32(0), u32(SAMPLES), bigEndian32(sizes)),
    full('co64', 0, 0, u32(SAMPLES), bigEndian64(offsets)),
  );
  const minf = box('minf', full('vmhd', 0, 1, u16(0), u16(0), u16(0), u16(0)), box('dinf', full('dref', 0, 0, u32(1), full('url ', 0, 1))), stbl);
  const mdia = box(
    'mdia',
    full('mdhd', 0, 0, u32(0), u32(0), u32(TIMESCALE), u32(duration), u16(0x55c4 /* und */), u16(0)),
    full('hdlr', 0, 0, u32(0), ascii('vide'), u32(0), u32(0), u32(0), ascii('VideoHandler\0')),
    minf,
  );
  const tkhd = full('tkhd', 0, 3, u32(0), u32(0), u32(1), u32(0), u32(movieDuration), u32(0), u32(0), u16(0), u16(0), u16(0), u16(0), matrix(), u32(320 << 16), u32(240 << 16));
  const mvhd = full('mvhd', 0, 0, u32(0), u32(0), u32(1000), u32(movieDuration), u32(0x10000), u16(0x100), u16(0), u32(0), u32(0), matrix(), new Uint8Array(24), u32(2));
  const moov = box('moov', mvhd, box('trak', tkhd, mdia));
  return { ftyp, mdatHeader, moov };
}

/** The video track's stsd box, bytes as they are in the fixture (found by walking moov/trak/mdia/minf/stbl). */
function fixtureStsd() {
  const file = readFileSync(FIXTURE);
  const children = (start, end) => {
    const out = [];
    for (let at = start; at + 8 <= end; ) {
      const size = file.readUInt32BE(at);
      if (size < 8) break;
      out.push({ type: file.toString('latin1', at + 4, at + 8), start: at, end: at + size });
      at += size;
    }
    return out;
  };
  const find = (list, type) => list.find((b) => b.type === type);
  const moov = find(children(0, file.length), 'moov');
  for (const trak of children(moov.start + 8, moov.end).filter((b) => b.type === 'trak')) {
    const mdia = find(children(trak.start + 8, trak.end), 'mdia');
    const hdlr = find(children(mdia.start + 8, mdia.end), 'hdlr');
    if (file.toString('latin1', hdlr.start + 16, hdlr.start + 20) !== 'vide') continue;
    const minf = find(children(mdia.start + 8, mdia.end), 'minf');
    const stbl = find(children(minf.start + 8, minf.end), 'stbl');
    const stsd = find(children(stbl.start + 8, stbl.end), 'stsd');
    return new Uint8Array(file.subarray(stsd.start, stsd.end));
  }
  throw new Error(`renderer-data: no video stsd in ${FIXTURE}`);
}

// A small box writer: big-endian fields, boxes sized from their parts.
const u16 = (v) => Uint8Array.of(v >>> 8, v & 0xff);
const u32 = (v) => Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
const u64 = (v) => concat(u32(Math.floor(v / 2 ** 32)), u32(v >>> 0));
const ascii = (s) => Uint8Array.from(s, (c) => c.charCodeAt(0));
/** The unity matrix of mvhd/tkhd. */
const matrix = () => concat(...[0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000].map(u32));

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function box(type, ...payload) {
  const body = concat(...payload);
  return concat(u32(8 + body.length), ascii(type), body);
}

/** A FullBox: version (8 bits) and flags (24 bits) before the payload. */
function full(type, version, flags, ...payload) {
  return box(type, u32(((version & 0xff) << 24) | (flags & 0xffffff)), ...payload);
}

function bigEndian32(values) {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setUint32(i * 4, v));
  return out;
}

function bigEndian64(values) {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setBigUint64(i * 8, BigInt(v)));
  return out;
}

if (process.argv[1] === import.meta.filename) console.log(sparseMp4());
