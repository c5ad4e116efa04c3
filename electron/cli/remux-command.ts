/**
 * `bitlens remux IN OUT.mp4` and `bitlens extract IN --track ID OUT`: fragmented MP4 and raw
 * elementary streams from any document with sample access (media/remux).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { RemuxError, planRemux, remuxDocument } from '../../media/remux/document-remux.js';
import { adtsConfigOf, adtsFrame, annexBSample } from '../../media/remux/elementary-stream.js';
import { FlvFastPathUnsupported, FlvFastRemux, type FlvFastResult, flvTagBytes, flvTagsStart } from '../../media/remux/flv-fast-remux.js';
import { looksLikeFlv } from '../../media/formats/flv/flv-header.js';
import { whileReading } from './failure.js';
import { CliError } from './open-document.js';
import { type OpenMedia, openMedia } from './open-media.js';
import { Progress } from './progress.js';
import { SegmentFiles, cannotWrite } from './segment-files.js';
import { isSystemError, systemReason } from './system-reasons.js';
import { strictStatus } from './diagnostics-summary.js';


function fragmentDuration(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!(Number.isFinite(n) && n >= 0)) throw new CliError('--fragment-duration takes seconds (a number >= 0)');
  return n;
}

/** Reads `path` for `body`; the file stays open until it is done. Failures are reported by category (failure.ts). */
async function withMedia<T>(path: string, format: string | undefined, body: (m: OpenMedia) => Promise<T>): Promise<T> {
  return whileReading(path, async () => {
    const media = await openMedia(path, format);
    try {
      return await body(media);
    } finally {
      await media.close();
    }
  });
}

/** Resolves with the exit status: 0, or 2 under --strict when the input has error diagnostics. */
export async function runRemux(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'fragment-duration': { type: 'string' }, format: { type: 'string' }, stats: { type: 'boolean', default: false }, strict: { type: 'boolean', default: false } },
  });
  const [input, output] = positionals;
  if (!input || !output) throw new CliError('remux: usage: bitlens remux IN OUT.mp4');
  const duration = fragmentDuration(values['fragment-duration']);
  const started = performance.now();
  // --stats: one JSON line on standard output with the samples written per track and the job's own time.
  const stats = (tracks: ReadonlyArray<{ id: number; kind: string }>, samples: readonly number[], bytes: number, road: string): void => {
    if (!values.stats) return;
    const ms = Math.round(performance.now() - started);
    process.stdout.write(`${JSON.stringify({ road, ms, bytes, tracks: tracks.map((t, i) => ({ id: t.id, kind: t.kind, samples: samples[i] ?? 0 })) })}\n`);
  };
  // The fast road builds no tree, so it has no diagnostics to be strict about.
  if (!values.strict && (values.format === undefined || values.format === 'flv')) {
    const fast = await whileReading(input, async () => remuxFlvFile(input, output, duration));
    if (fast) {
      stats(fast.tracks, fast.samples, fast.bytes, 'flv-fast');
      return 0;
    }
  }
  return withMedia(input, values.format, async ({ doc }) => {
    const files = new SegmentFiles(output);
    const progress = new Progress('remux');
    try {
      const plan = await remuxDocument(doc, (s) => files.write(s), {
        index: true,
        ...(duration !== undefined ? { fragmentDuration: duration } : {}),
        onProgress: (done, total) => progress.update(done, total),
      });
      for (const why of plan.skipped) process.stderr.write(`remux: left out ${why}\n`);
      files.close();
      stats(plan.tracks, plan.samples ?? [], files.bytes, 'document');
    } finally {
      files.close();
    }
    progress.done(`${files.bytes} bytes written`);
    if (files.paths.length > 1) process.stderr.write(`remux: the stream changes its decoder configuration; written as ${files.paths.join(', ')}\n`);
    return strictStatus(doc, values.strict);
  });
}

/**
 * Bytes read at a time on the FLV fast road: small enough that a chunk is still in the core's cache
 * when its payloads are copied out (measured on big-1h.flv: 1 MiB ~172 ms, 512 KiB ~207 ms, 4 MiB
 * ~230 ms median job time; user CPU ~150 ms against ~200 ms for 4 MiB).
 */
const FLV_CHUNK_BYTES = 1 << 20;

/**
 * FLV takes the fast road (media/remux/flv-fast-remux.ts) when it can: no tree, payloads straight from
 * large reads. False when the file is not FLV or holds what only the document road handles.
 * Reads and writes are synchronous (a batch job: no thread-pool round trip per chunk or write).
 */
function remuxFlvFile(input: string, output: string, duration: number | undefined): (FlvFastResult & { bytes: number }) | undefined {
  const fd = openInput(input);
  try {
    const size = fstatSync(fd).size;
    const head = readAt(fd, 0, Math.min(size, 4096));
    if (!looksLikeFlv(head)) return undefined;
    const files = new SegmentFiles(output);
    const progress = new Progress('remux');
    let result: FlvFastResult;
    try {
      const remux = new FlvFastRemux(head, (s) => files.write(s), { index: true, ...(duration !== undefined ? { fragmentDuration: duration } : {}) });
      let at = flvTagsStart(head).start;
      let chunkBytes = FLV_CHUNK_BYTES;
      // Read buffers are reused once no sample waiting in the writer views them (SegmentFiles copies
      // what it is given): fresh memory each time costs page faults and garbage collection.
      const pool: Buffer[] = [];
      const buffer = (length: number): Buffer => {
        if (length > FLV_CHUNK_BYTES) return Buffer.allocUnsafeSlow(length);
        let free = pool.find((b) => !remux.holds(b.buffer));
        if (!free) pool.push((free = Buffer.allocUnsafeSlow(FLV_CHUNK_BYTES)));
        return free;
      };
      while (at < size) {
        const want = Math.min(chunkBytes, size - at);
        const chunk = readAt(fd, at, want, buffer(want));
        if (chunk.length === 0) break;
        const used = remux.walk(chunk);
        at += used;
        progress.update(at, size);
        if (used > 0) {
          chunkBytes = FLV_CHUNK_BYTES;
          continue;
        }
        // A tag longer than the chunk: read it whole next time, unless the file ends inside it (a cut file).
        if (at + chunk.length >= size) break;
        chunkBytes = Math.max(FLV_CHUNK_BYTES, flvTagBytes(chunk) ?? FLV_CHUNK_BYTES);
      }
      result = remux.finish();
    } catch (e) {
      if (e instanceof FlvFastPathUnsupported) return undefined;
      throw e;
    } finally {
      files.close();
    }
    progress.done(`${files.bytes} bytes written`);
    if (files.paths.length > 1) process.stderr.write(`remux: the stream changes its decoder configuration; written as ${files.paths.join(', ')}\n`);
    return { ...result, bytes: files.bytes };
  } finally {
    closeSync(fd);
  }
}

function openInput(path: string): number {
  try {
    const fd = openSync(path, 'r');
    const st = fstatSync(fd);
    if (!st.isFile()) {
      closeSync(fd);
      throw new CliError(`cannot read ${path}: ${st.isDirectory() ? 'is a directory' : 'not a regular file'}`);
    }
    return fd;
  } catch (e) {
    throw isSystemError(e) ? new CliError(`cannot read ${path}: ${systemReason(e)}`) : e;
  }
}

/** `length` bytes at `offset` (fewer only at the end of the file), into `buffer` (a new one unless given). */
function readAt(fd: number, offset: number, length: number, buffer: Buffer = Buffer.allocUnsafeSlow(length)): Uint8Array {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, offset + done);
    if (n === 0) break;
    done += n;
  }
  return buffer.subarray(0, done);
}

/** Resolves with the exit status: 0, or 2 under --strict when the input has error diagnostics. */
export async function runExtract(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { track: { type: 'string' }, format: { type: 'string' }, strict: { type: 'boolean', default: false } } });
  const [input, output] = positionals;
  if (!input || !output || values.track === undefined) throw new CliError('extract: usage: bitlens extract IN --track ID OUT.aac|.h264|.mp4');
  const trackId = Number(values.track);
  if (!Number.isInteger(trackId)) throw new CliError('--track takes a track id (see bitlens info)');
  const ext = extname(output).toLowerCase();
  return withMedia(input, values.format, async ({ doc }) => {
    const index = doc.tracks.findIndex((t) => t.id === trackId);
    const track = doc.tracks[index];
    if (!track) throw new CliError(`${input} has no track ${trackId} (tracks: ${doc.tracks.map((t) => `${t.id} ${t.kind} ${t.codecName}`).join(', ')})`);
    if (ext === '.mp4' || ext === '.m4a' || ext === '.m4v') {
      const files = new SegmentFiles(output);
      try {
        await remuxDocument(doc, (s) => files.write(s), { index: true, tracks: [trackId] });
      } finally {
        files.close();
      }
      return strictStatus(doc, values.strict);
    }
    const plan = planRemux(doc, [trackId]);
    const audio = ext === '.aac' || ext === '.adts';
    const video = ['.h264', '.264', '.h265', '.265', '.hevc'].includes(ext);
    if (!audio && !video) throw new CliError(`extract: write .aac, .h264, .h265 or .mp4, not '${ext || output}'`);
    const descriptions = plan.tracks[0]!.descriptions;
    if (audio && descriptions[0]!.format !== 'mp4a') throw new CliError(`track ${trackId} is ${track.codecName}, not AAC: extract it to .mp4 or a video extension`);
    if (video && descriptions[0]!.format === 'mp4a') throw new CliError(`track ${trackId} is AAC: extract it to .aac`);
    const access = doc.samples!;
    const p = doc.packets;
    const out = await open(output, 'w').catch((e: unknown) => {
      throw cannotWrite(output, e);
    });
    const progress = new Progress('extract');
    let batch: Uint8Array[] = [];
    let frames = 0;
    try {
      for (let i = 0; i < p.count; i++) {
        if (p.track[i] !== index) continue;
        const d = descriptions[access.description[i]!];
        if (!d) throw new RemuxError(`track ${trackId} has no description ${access.description[i]} (packet ${i} uses it)`);
        const sample = await access.read(i);
        batch.push(audio ? adtsFrame(adtsConfigOf(d.config), sample) : annexBSample(d, sample, p.keyframe[i] === 1));
        frames++;
        if (batch.length >= 512) {
          await out.writev(batch);
          batch = [];
          progress.update(i, p.count);
        }
      }
      if (batch.length > 0) await out.writev(batch);
    } finally {
      await out.close();
    }
    progress.done(`${frames} frames written`);
    return strictStatus(doc, values.strict);
  });
}
