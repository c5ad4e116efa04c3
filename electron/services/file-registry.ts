// Files the page opened, by random handle. The page never names a file by path when it reads:
// it gets a fileId from openPath/openSample and reads ranges through it.
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { FILE_RANGES_PATH, MAX_READ_RANGE, type OpenedFile } from '../api.js';
import { ApiRefusal } from './api-errors.js';
import { checkFileId, checkLength, checkOffset } from './api-args.js';
import { FileSource } from './file-source.js';

/** Open files per registry (a page or window); each holds an OS file handle. */
export const MAX_OPEN_FILES = 64;

export interface OpenOptions {
  /** Name to show instead of the file's base name. */
  name?: string;
  /** Leave the path out of the OpenedFile (bundled samples in the browser). */
  hidePath?: boolean;
}

/** What a handle reads: a file on disk, or bytes the Node side holds (a live session's stream). */
export interface RegisteredSource {
  /** Bytes readable now (a live session's grows). */
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export class FileRegistry {
  private readonly files = new Map<string, RegisteredSource>();

  constructor(private readonly maxOpen = MAX_OPEN_FILES) {}

  get openCount(): number {
    return this.files.size;
  }

  async open(path: string, options: OpenOptions = {}): Promise<OpenedFile> {
    if (this.files.size >= this.maxOpen) throw new ApiRefusal(`too many open files (at most ${this.maxOpen}); close some tabs`);
    const source = await FileSource.open(path);
    // Checked again after the await: other opens may have finished meanwhile.
    if (this.files.size >= this.maxOpen) {
      await source.close();
      throw new ApiRefusal(`too many open files (at most ${this.maxOpen}); close some tabs`);
    }
    const opened = this.register(options.name ?? basename(path), source);
    if (!options.hidePath) opened.path = path;
    return opened;
  }

  /** Gives a handle to bytes that are not a file of their own (a live session's stream, a capture made in memory). */
  openSource(name: string, source: RegisteredSource): OpenedFile {
    if (this.files.size >= this.maxOpen) throw new ApiRefusal(`too many open files (at most ${this.maxOpen}); close some tabs`);
    return this.register(name, source);
  }

  private register(name: string, source: RegisteredSource): OpenedFile {
    const fileId = randomBytes(16).toString('hex');
    this.files.set(fileId, source);
    return { fileId, name, size: source.size, rangeUrl: `${FILE_RANGES_PATH}${fileId}` };
  }

  /** Whether `fileId` is open here (a host with several pages asks each page's registry). */
  has(fileId: string): boolean {
    return this.files.has(fileId);
  }

  /** The bytes readable now (a live session's grow). */
  sizeOf(fileId: string): number {
    return this.source(fileId).size;
  }

  /** Bytes [offset, offset + length) of an open file; fewer only at its end. */
  read(fileId: string, offset: number, length: number): Promise<Uint8Array> {
    const source = this.source(fileId);
    checkOffset(offset);
    checkLength(length);
    if (length > MAX_READ_RANGE) throw new ApiRefusal('length exceeds MAX_READ_RANGE');
    return source.read(offset, length);
  }

  async close(fileId: string): Promise<void> {
    const source = this.source(fileId);
    this.files.delete(fileId);
    await source.close();
  }

  async closeAll(): Promise<void> {
    const sources = [...this.files.values()];
    this.files.clear();
    await Promise.allSettled(sources.map((s) => s.close()));
  }

  private source(fileId: string): RegisteredSource {
    checkFileId(fileId);
    const source = this.files.get(fileId);
    if (!source) throw new ApiRefusal('unknown fileId (closed, or never opened here)');
    return source;
  }
}
